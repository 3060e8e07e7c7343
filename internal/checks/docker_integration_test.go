//go:build integration

package checks

// inIntegration: in `make integration` the Docker tests must run, never skip.
const inIntegration = true

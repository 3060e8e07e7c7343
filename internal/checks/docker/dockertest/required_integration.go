//go:build integration

package dockertest

// Required: in `make integration` the Docker tests must run, never skip.
const Required = true

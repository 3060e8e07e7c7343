//go:build !integration

package checks

// inIntegration: outside `make integration` the Docker tests skip on a machine
// without Docker.
const inIntegration = false

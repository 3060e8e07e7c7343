//go:build !integration

package dockertest

// Required: outside `make integration` the Docker tests skip on a machine
// without Docker.
const Required = false

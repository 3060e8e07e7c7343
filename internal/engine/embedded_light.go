//go:build exitdrill_light

package engine

import (
	"context"
	"errors"
)

// Embedded is false in this binary: it holds the client and the worker but
// not the Temporal server, so that it starts fast. internal/cli hands every
// command that may start the embedded server to exitdrill-engine, the same
// program built with the server; this build only answers that it cannot.
const Embedded = false

// ErrNoEmbeddedServer is startEmbedded's answer in a binary without the server.
var ErrNoEmbeddedServer = errors.New("this exitdrill binary does not hold the embedded Temporal server: run the command with exitdrill-engine, which does")

// embedded stands in for the server's handle, which this binary never has.
type embedded struct {
	st  serverState
	tls *serverTLS
}

func (*embedded) stop() error   { return nil }
func (*embedded) failed() error { return nil }

func startEmbedded(context.Context, Options, *stateLock, string) (*Engine, error) {
	return nil, ErrNoEmbeddedServer
}

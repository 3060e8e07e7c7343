// Package indirect imports nothing forbidden itself, but reaches net/http
// through middle.
package indirect

import "github.com/exitdrill/exitdrill/internal/archtest/testdata/middle"

// Client is middle's.
var Client = middle.Client

// Package vocab names positions in definitions as drill does, through the
// pure internal/yamldoc/defs: it breaks no rule of a leaf.
package vocab

import "github.com/exitdrill/exitdrill/internal/yamldoc/defs"

// Where is a position.
var Where = defs.Pos{File: "a.yaml", Line: 1}

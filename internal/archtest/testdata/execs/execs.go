// Package execs runs a process: it breaks the direct-import rule and the
// closure rule for os/exec.
package execs

import "os/exec"

// Command is exec.Command.
var Command = exec.Command

//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package engine

import (
	"errors"
	"os"
)

var errNoLock = errors.New("locking the state directory is not supported on this platform: use --ephemeral or --address")

func lockFile(*os.File) (bool, error) { return false, errNoLock }

func isLocked(*os.File) (bool, error) { return false, errNoLock }

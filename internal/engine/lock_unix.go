//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package engine

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on f without waiting; false means another
// open file (in this process or another) holds it.
func lockFile(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// isLocked reports whether another open file holds the flock on f.
func isLocked(f *os.File) (bool, error) {
	ok, err := lockFile(f)
	if err != nil {
		return false, err
	}
	if ok {
		return false, syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	}
	return true, nil
}

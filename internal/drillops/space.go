package drillops

import (
	"fmt"

	"github.com/exitdrill/exitdrill/internal/diskspace"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// MinFreeBytes is the free space a drill needs where its evidence goes: the
// bundle, the reports and the restores' scratch room. A disk with less is
// refused before anything starts, with one message, rather than failing the
// drill's end (and a server that cannot write its history) half-way; once
// space is freed, drills start again.
const MinFreeBytes = 256 << 20

// checkSpace refuses a drill when the file system of dir (or of its nearest
// existing directory above it) has less than minFree bytes free for this user.
func checkSpace(dir string, minFree int64) error {
	free, p, err := diskspace.Free(dir)
	if err != nil {
		return fmt.Errorf("free space where the evidence goes (%s): %w", p, err)
	}
	if free < minFree {
		return fmt.Errorf("not enough space for the drill's evidence: %s has %d MB free, a drill needs at least %d MB; free some space and start it again",
			p, free>>20, minFree>>20)
	}
	return nil
}

// stateFree is diskspace.Free, replaced in tests by a full disk.
var stateFree = diskspace.Free

// checkStateSpace refuses a drill when the disk of the state directory that
// records it has less than engine.MinStateFree: the server could not record
// its steps (and says so, once, while it runs).
func checkStateSpace(dir string) error {
	free, p, err := stateFree(dir)
	if err != nil {
		return fmt.Errorf("free space of the state directory (%s): %w", p, err)
	}
	if free < engine.MinStateFree {
		return fmt.Errorf("the state directory's disk is full: %s has %d MB free, the server needs %d MB to record a drill; free some space and start it again",
			p, free>>20, engine.MinStateFree>>20)
	}
	return nil
}

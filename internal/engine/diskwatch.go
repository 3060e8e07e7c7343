package engine

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/diskspace"
)

// MinStateFree is the room the embedded server needs on its state
// directory's file system to record drills. Below it the server says so once
// (watchDisk) and drills are refused (drillops.Request.StateDir); at twice
// it, it says the room is back.
const MinStateFree = 64 << 20

// diskEvery is how often watchDisk looks.
const diskEvery = 5 * time.Second

// watchDisk watches, until ctx ends, the room left on the file system of the
// embedded server's state directory. A full disk made the server log about
// 2,000 errors a minute, each saying nothing a person could act on; instead
// one error says what is wrong and what it means, the server's own records
// of it are lowered off the terminal (serverLogger), and a warning says when
// the room is back.
func watchDisk(ctx context.Context, dir string, st *serverState, log *slog.Logger, every time.Duration,
	free func(string) (int64, string, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, where, err := free(dir); err == nil {
			switch {
			case n < MinStateFree && !st.diskFull.Load():
				st.diskFull.Store(true)
				log.Error("the state directory's disk is full: the server cannot record drills; "+
					"running steps fail and new drills are refused until space is freed",
					"dir", where, "freeMB", n>>20, "needMB", MinStateFree>>20)
			case n >= 2*MinStateFree && st.diskFull.Load():
				st.diskFull.Store(false)
				log.Warn("space is back on the state directory's disk: the server records drills again",
					"dir", where, "freeMB", n>>20)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// diskFullRecord reports whether a server record is about a full disk.
func diskFullRecord(msg string, errText string) bool {
	for _, s := range []string{msg, errText} {
		if strings.Contains(s, "disk is full") || strings.Contains(s, "no space left on device") {
			return true
		}
	}
	return false
}

// watchStateDisk starts watchDisk for an embedded server's state directory.
func watchStateDisk(dir string, st *serverState, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchDisk(ctx, dir, st, log, diskEvery, diskspace.Free)
	}()
	return func() { cancel(); <-done }
}

//go:build !exitdrill_light

package engine

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/server/common/log/tag"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// A full disk under a running server is said once, in words, with the
// server's own flood of records about it off the terminal, and the room
// coming back is said too.
func TestFullDiskSaidOnce(t *testing.T) {
	var out testkit.SyncBuffer
	log := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st := &serverState{}
	srv := newServerLogger(log, st)

	// The room the test sets, looked at every millisecond.
	var room, looks atomic.Int64
	room.Store(1 << 30)
	free := func(string) (int64, string, error) { looks.Add(1); return room.Load(), "/state", nil }
	seen := func() {
		n := looks.Load()
		testkit.WaitFor(t, "three more looks", 5*time.Second, func() bool { return looks.Load() >= n+3 })
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); watchDisk(ctx, "/state", st, log, time.Millisecond, free) }()
	seen()
	room.Store(10 << 20)
	testkit.WaitFor(t, "the watcher sees the disk full", 5*time.Second, func() bool { return st.diskFull.Load() })
	room.Store(1 << 20)
	seen()         // still full: not said again
	for range 50 { // the flood a full disk made: about 2,000 a minute
		srv.Error("Persistent store operation failure", tag.Error(errors.New("database or disk is full")))
	}
	srv.Error("Failed to append history", tag.Error(errors.New("write /state/exitdrill.db-wal: no space left on device")))
	room.Store(100 << 20) // more than needed, less than twice: not yet back
	seen()
	if !st.diskFull.Load() {
		t.Error("the room was said back at 100 MB; want twice the 64 MB needed")
	}
	room.Store(1 << 30)
	testkit.WaitFor(t, "the watcher sees the room back", 5*time.Second, func() bool { return !st.diskFull.Load() })
	cancel()
	<-done

	got := out.String()
	if n := strings.Count(got, "level=ERROR"); n != 1 || !strings.Contains(got, `msg="the state directory's disk is full: the server cannot record drills; running steps fail and new drills are refused until space is freed" dir=/state freeMB=10 needMB=64`) {
		t.Errorf("%d errors; want the one in words:\n%s", n, got)
	}
	if !strings.Contains(got, `level=WARN msg="space is back on the state directory's disk: the server records drills again" dir=/state freeMB=1024`) {
		t.Errorf("the room coming back was not said:\n%s", got)
	}
	if strings.Contains(got, "database or disk is full") || strings.Contains(got, "no space left on device") {
		t.Errorf("the server's own records of the full disk reached the terminal:\n%s", got)
	}
	// Once the room is back, a server error about the disk shows again.
	srv.Error("Persistent store operation failure", tag.Error(errors.New("database or disk is full")))
	if !strings.Contains(out.String(), "database or disk is full") {
		t.Errorf("with room, the server's disk error was hidden:\n%s", out.String())
	}
}

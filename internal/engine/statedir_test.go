//go:build !exitdrill_light

package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/testkit"
)

// lines is a concurrency-safe Options.Status.
type lines = testkit.SyncBuffer

// TestServeWaitsForACommandHoldingTheStateDir: `exitdrill server` started
// while a short command (`list`) runs its own embedded server on the state
// directory waits for that command to end, then serves there, instead of
// refusing its own state directory.
func TestServeWaitsForACommandHoldingTheStateDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	list := testOptions(dir)
	list.Command = "list"
	cmd := openTest(t, list)
	const hold = 1500 * time.Millisecond
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(hold)
		_ = cmd.Close() // stops its server, then releases the directory
		released <- time.Now()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var status lines
	o := testOptions(dir)
	o.Status = &status
	start := time.Now()
	srv, err := Serve(ctx, o)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Serve while a command held the state directory: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	held := (<-released).Sub(start)
	t.Logf("Serve waited %v for the command, which released the directory after %v, and was ready after %v",
		srv.Waited.Round(time.Millisecond), held.Round(time.Millisecond), took.Round(time.Millisecond))
	if !srv.Embedded || srv.Database != databasePath(dir) {
		t.Errorf("Serve: Embedded %v, Database %q; want its own server on %s", srv.Embedded, srv.Database, databasePath(dir))
	}
	// Released after Close returned, taken within a poll (50ms) of it.
	if srv.Waited < held-time.Second || srv.Waited > held+time.Second {
		t.Errorf("Serve waited %v; the command released the directory after %v", srv.Waited, held)
	}
	want := fmt.Sprintf("waiting for exitdrill list (pid %d), which holds %s, to end (at most 30s)\n", os.Getpid(), dir)
	if got := status.String(); got != want {
		t.Errorf("Serve said %q, want once %q", got, want)
	}
	info, err := Running(dir)
	if err != nil || info == nil || info.Mode != modeServer {
		t.Errorf("Running = %+v, %v; want the server", info, err)
	}
}

// TestEphemeralServerAdvertisesInItsStateDir: `exitdrill server --ephemeral
// --state-dir D` keeps nothing in D but its lock, where commands on D find it.
func TestEphemeralServerAdvertisesInItsStateDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "state")
	o := testOptions(dir)
	o.Ephemeral = true
	ctx := context.Background()
	srv, err := Serve(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	info, err := Running(dir)
	if err != nil || info == nil || info.Address != srv.Address {
		t.Fatalf("Running(%s) = %+v, %v; want the ephemeral server at %s", dir, info, err, srv.Address)
	}
	cmd := openTest(t, testOptions(dir))
	if cmd.Embedded || cmd.Shared == nil || cmd.Address != srv.Address {
		t.Errorf("Open on %s: Embedded %v, Address %s, Shared %+v; want the ephemeral server at %s", dir, cmd.Embedded, cmd.Address, cmd.Shared, srv.Address)
	}
	if _, err := os.Stat(databasePath(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database file beside an ephemeral server: %v, want none", err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file after the ephemeral server stopped: %v, want it removed", err)
	}
}

// TestLastingCommandsDoNotShareAServer: the embedded server of a command that
// runs until stopped (a run in the foreground) serves a short command, but a
// second lasting command or a server is refused at once, with a message that
// names the holder and the way out, instead of dying with it or waiting.
func TestLastingCommandsDoNotShareAServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := testOptions(dir)
	run.Command, run.Lasting = "run", true
	holder := openTest(t, run)
	info, err := Running(dir)
	if err != nil || info == nil || info.Command != "run" || !info.Lasting || !info.Ready {
		t.Errorf("lock file says %+v, %v; want a ready, lasting run", info, err)
	}

	status := openTest(t, testOptions(dir))
	if status.Embedded || status.Address != holder.Address || status.Shared == nil || status.Shared.IsServer() {
		t.Errorf("short command: Embedded %v, Address %s, Shared %+v; want the run's server at %s", status.Embedded, status.Address, status.Shared, holder.Address)
	}

	name := fmt.Sprintf("exitdrill run (pid %d)", os.Getpid())
	ctx := context.Background()
	for _, tt := range []struct {
		what string
		open func() (*Engine, error)
		want []string
	}{
		{"a second run", func() (*Engine, error) { return Open(ctx, run) }, []string{name, "stops when that command ends", "start `exitdrill server --state-dir " + dir + "`"}},
		{"a server", func() (*Engine, error) { return Serve(ctx, testOptions(dir)) }, []string{name, "stop it", "choose another --state-dir"}},
	} {
		start := time.Now()
		e, err := tt.open()
		took := time.Since(start)
		if err == nil {
			e.Close()
			t.Errorf("%s beside a run's server: no error", tt.what)
			continue
		}
		t.Logf("%s refused in %v: %v", tt.what, took.Round(time.Millisecond), err)
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v; want it to say %q", tt.what, err, w)
			}
		}
		if took > time.Second {
			t.Errorf("%s took %v to be refused, want at once", tt.what, took)
		}
	}
}

// TestWaitForAShortCommandIsBounded: a command that finds a short command
// holding the state directory waits for it, saying so once, and gives up
// with a message naming it after holderWait. Not parallel: it shortens
// holderWait, which the parallel tests run after.
func TestWaitForAShortCommandIsBounded(t *testing.T) {
	defer func(d time.Duration) { holderWait = d }(holderWait)
	holderWait = time.Second
	dir := t.TempDir()
	list := testOptions(dir)
	list.Command = "list"
	openTest(t, list)

	var status lines
	o := testOptions(dir)
	o.Command, o.Status = "status", &status
	start := time.Now()
	e, err := Open(context.Background(), o)
	took := time.Since(start)
	if err == nil {
		e.Close()
		t.Fatalf("Open beside a list that never ends: no error")
	}
	t.Logf("gave up after %v: %v", took.Round(time.Millisecond), err)
	name := fmt.Sprintf("exitdrill list (pid %d)", os.Getpid())
	if !strings.Contains(err.Error(), "still held by "+name+" after 1s") {
		t.Errorf("err = %v; want it to name %s and the wait", err, name)
	}
	if took < holderWait || took > holderWait+2*time.Second {
		t.Errorf("gave up after %v, want about %v", took, holderWait)
	}
	if n := strings.Count(status.String(), "waiting for "+name); n != 1 {
		t.Errorf("said %q %d times, want once", status.String(), n)
	}
}

// TestOpenWaitsForAServerThatIsStarting: a command that finds `exitdrill
// server` still starting on its state directory says so once and uses it
// when it answers, rather than start its own or fail.
func TestOpenWaitsForAServerThatIsStarting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	served := make(chan *Engine, 1)
	go func() {
		srv, err := Serve(context.Background(), testOptions(dir))
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		served <- srv
	}()
	defer func() {
		if srv := <-served; srv != nil {
			srv.Close()
		}
	}()
	var info *ServerInfo
	for deadline := time.Now().Add(30 * time.Second); info == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the server never took the state directory")
		}
		info, _ = Running(dir)
	}
	var status lines
	o := testOptions(dir)
	o.Status = &status
	cmd := openTest(t, o)
	t.Logf("server ready when found: %v; the command waited %v and said %q", info.Ready, cmd.Ready.Round(time.Millisecond), status.String())
	if cmd.Embedded || cmd.Shared == nil || !cmd.Shared.IsServer() {
		t.Errorf("Open beside a starting server: Embedded %v, Shared %+v; want the server", cmd.Embedded, cmd.Shared)
	}
	want := fmt.Sprintf("waiting for exitdrill server (pid %d) on %s to finish starting\n", os.Getpid(), dir)
	if !info.Ready && status.String() != want && !cmd.Shared.Ready {
		t.Errorf("said %q, want %q", status.String(), want)
	}
}

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Modes of the process holding a state directory.
const (
	modeServer  = "server"  // `exitdrill server`, for as long as it runs
	modeCommand = "command" // a command running the server for its own duration
)

// lockWait bounds how long a process waits for the holder of a state
// directory to write where its server listens.
const lockWait = 3 * time.Second

// ServerInfo is what the process holding a state directory writes into its
// lock file, so other exitdrill processes use its server instead of opening
// the SQLite file a second time. It is written when the process takes the
// lock and again, with Ready, once its server answers.
type ServerInfo struct {
	PID  int    `json:"pid"`
	Mode string `json:"mode"` // "server" or "command"
	// Command is the exitdrill command holding the directory ("run", "list").
	Command string `json:"command,omitempty"`
	// Lasting is true for a command that runs until it is stopped or its
	// drill ends (run, worker, console), whose end nobody can foresee.
	Lasting bool `json:"lasting,omitempty"`
	// Ephemeral is true for a server on an in-memory database.
	Ephemeral bool      `json:"ephemeral,omitempty"`
	Ready     bool      `json:"ready,omitempty"`
	Address   string    `json:"address"`
	UIURL     string    `json:"uiURL,omitempty"`
	Namespace string    `json:"namespace"`
	Database  string    `json:"database"`
	Started   time.Time `json:"started"`
	// ClientTLS is the file of the client certificate with which the
	// commands of this machine reach a server that requires mTLS.
	ClientTLS string `json:"clientTLS,omitempty"`
}

// IsServer reports whether the holder is `exitdrill server`, which serves
// until it is stopped, rather than a command serving for its own duration.
func (i *ServerInfo) IsServer() bool { return i.Mode == modeServer }

// holder names the process for messages: "exitdrill server (pid 12)",
// "exitdrill run (pid 13)".
func (i *ServerInfo) holder() string {
	switch {
	case i.Mode == modeServer && i.Ephemeral:
		return fmt.Sprintf("exitdrill server --ephemeral (pid %d)", i.PID)
	case i.Mode == modeServer:
		return fmt.Sprintf("exitdrill server (pid %d)", i.PID)
	case i.Command != "":
		return fmt.Sprintf("exitdrill %s (pid %d)", i.Command, i.PID)
	}
	return fmt.Sprintf("another exitdrill command (pid %d)", i.PID)
}

// stateLock is an exclusive flock on StateDir/server.lock, held by the one
// process whose embedded server opens StateDir's SQLite file. The kernel drops
// it when the process dies, so a stale file never blocks a new server.
type stateLock struct {
	f    *os.File
	path string
}

// Running reports the exitdrill process serving stateDir, or nil when none is.
func Running(stateDir string) (*ServerInfo, error) {
	path := filepath.Join(stateDir, LockFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	held, err := isLocked(f)
	if err != nil || !held {
		return nil, err
	}
	return readInfo(f)
}

// acquireStateDir takes the lock of dir, or reports who holds it. Exactly one
// of the results is non-nil when err is nil.
func acquireStateDir(ctx context.Context, dir string) (*stateLock, *ServerInfo, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("create state directory: %w", err)
	}
	// Made by an earlier version, or by hand, it may be open to others.
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("make the state directory private: %w", err)
	}
	path := filepath.Join(dir, LockFile)
	deadline := time.Now().Add(lockWait)
	for {
		lk, info, err := tryAcquire(path)
		if err != nil || lk != nil || info != nil {
			return lk, info, err
		}
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("state directory %s is locked by another process that does not say where its server listens (see %s)", dir, path)
		}
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// tryAcquire makes one attempt; all results nil means "try again".
func tryAcquire(path string) (*stateLock, *ServerInfo, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open lock file: %w", err)
	}
	ok, err := lockFile(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		info, err := readInfo(f)
		f.Close()
		if err != nil || info == nil || info.Address == "" {
			return nil, nil, nil // the holder has not written its address yet
		}
		return nil, info, nil
	}
	// The previous holder removes the file before unlocking; if it did so
	// after we opened it, our lock is on an orphaned inode.
	if !sameFile(f, path) {
		f.Close()
		return nil, nil, nil
	}
	return &stateLock{f: f, path: path}, nil, nil
}

func sameFile(f *os.File, path string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

func readInfo(f *os.File) (*ServerInfo, error) {
	b, err := os.ReadFile(f.Name())
	if err != nil || len(b) == 0 {
		return nil, err
	}
	var info ServerInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	return &info, nil
}

// advertise writes info into the lock file for other processes.
func (l *stateLock) advertise(info ServerInfo) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	// Written over the old text, then cut to length, so that a reader never
	// finds the file empty while the holder says it is ready.
	if _, err := l.f.WriteAt(b, 0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	if err := l.f.Truncate(int64(len(b))); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return nil
}

// release removes the lock file while still holding the lock, then unlocks.
func (l *stateLock) release() error {
	rmErr := os.Remove(l.path)
	if errors.Is(rmErr, os.ErrNotExist) {
		rmErr = nil
	}
	return errors.Join(rmErr, l.f.Close())
}

package console

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUsersFileReadAgain: a user added with `exitdrill console adduser`
// while the console runs can sign in without a restart; a removed one no
// longer can; a broken edit keeps the users before it.
func TestUsersFileReadAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	if err := AddUser(path, "alice", RoleManager, nil, []byte("alice-password")); err != nil {
		t.Fatal(err)
	}
	us, err := LoadUsers(path)
	if err != nil {
		t.Fatal(err)
	}
	signIn := func(name, pw string) bool {
		t.Helper()
		us.file.checked = time.Time{} // the once-a-second check, now
		_, ok := us.Authenticate(name, pw)
		return ok
	}
	if !signIn("alice", "alice-password") || signIn("bob", "bob-password") {
		t.Fatal("before: want alice in, bob out")
	}

	if err := AddUser(path, "bob", RoleOperator, []string{"it-operator"}, []byte("bob-password")); err != nil {
		t.Fatal(err)
	}
	if !signIn("bob", "bob-password") {
		t.Error("bob, added while the console runs, cannot sign in")
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	good := data
	if err := os.WriteFile(path, append(data, []byte("carol:no-such-role::x\n")...), 0o600); err != nil {
		t.Fatal(err)
	}
	if !signIn("alice", "alice-password") || !signIn("bob", "bob-password") || us.file.problem == "" {
		t.Errorf("a broken edit locked users out or went unnoticed (problem %q)", us.file.problem)
	}

	var rest []byte
	for l := range bytes.Lines(good) {
		if len(l) < 6 || string(l[:6]) != "alice:" {
			rest = append(rest, l...)
		}
	}
	if err := os.WriteFile(path, rest, 0o600); err != nil {
		t.Fatal(err)
	}
	if signIn("alice", "alice-password") || !signIn("bob", "bob-password") || us.Lookup("alice") != nil {
		t.Error("alice, removed from the file, still signs in")
	}

	// A named pipe in its place neither blocks the console nor locks bob out.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan bool, 1)
	go func() { done <- signIn("bob", "bob-password") }()
	select {
	case ok := <-done:
		if !ok || !strings.Contains(us.file.problem, "not a regular file") {
			t.Errorf("a FIFO as the users file: bob signs in %v, problem %q", ok, us.file.problem)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a FIFO as the users file blocked the sign-in")
	}
}

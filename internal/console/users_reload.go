package console

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// maxUsersFile bounds the users file read: a line is about 100 bytes.
const maxUsersFile = 16 << 20

// usersFile is where the users came from, and the file's state when it was
// last read: a change (exitdrill console adduser, an edit) takes effect at
// the next sign-in or request, without a restart.
type usersFile struct {
	path    string
	state   usersState
	checked time.Time
	problem string // the last reload's problem, while the users before it stay in force
}

// usersState identifies a version of a file: replaced (a new inode, as
// adduser's atomic write does) or rewritten in place.
type usersState struct {
	ino, size    uint64
	mtime, ctime int64
}

func usersStateOf(fi os.FileInfo) usersState {
	st := usersState{size: uint64(fi.Size()), mtime: fi.ModTime().UnixNano()}
	if sys, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.ino, st.ctime = sys.Ino, sys.Ctim.Nano()
	}
	return st
}

// readUsersFile reads the users file, bounded, with its state.
func readUsersFile(path string) ([]byte, usersState, error) {
	f, err := boundedio.Open(path) // a named pipe must not block the console
	if err != nil {
		return nil, usersState{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, usersState{}, err
	}
	if !fi.Mode().IsRegular() {
		return nil, usersState{}, fmt.Errorf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxUsersFile+1))
	if err != nil {
		return nil, usersState{}, err
	}
	if len(data) > maxUsersFile {
		return nil, usersState{}, fmt.Errorf("%s is larger than %d MB", path, maxUsersFile>>20)
	}
	return data, usersStateOf(fi), nil
}

// usersCheckEvery is how often the users file's state is looked at.
const usersCheckEvery = time.Second

// refresh reads the users file again when it changed. A file that cannot be
// read or parsed keeps the users before it in force (a half-done edit must
// not lock everyone out) and is logged once per version. The caller holds
// us.mu.
func (us *Users) refresh() {
	f := us.file
	if f == nil || time.Since(f.checked) < usersCheckEvery {
		return
	}
	f.checked = time.Now()
	fi, err := os.Stat(f.path)
	if err == nil && usersStateOf(fi) == f.state {
		return
	}
	data, st, err := readUsersFile(f.path)
	var next *Users
	if err == nil {
		next, err = ParseUsers(f.path, data)
	}
	if err != nil {
		if msg := err.Error(); msg != f.problem {
			f.problem = msg
			slog.Warn("console: the users file changed but cannot be used; the users before the change stay in force", "problem", msg)
		}
		return
	}
	us.byName, f.state, f.problem = next.byName, st, ""
	slog.Info("console: users file read again", "path", f.path, "users", len(us.byName))
}

// Lookup returns the user of that name, as the users file says now, or nil.
func (us *Users) Lookup(name string) *User {
	us.mu.Lock()
	defer us.mu.Unlock()
	us.refresh()
	return us.byName[name]
}

package console

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
)

// Console roles, from least to most rights. A continuity manager can do
// everything an operator can; an operator everything a viewer can.
const (
	RoleViewer   = "viewer"
	RoleOperator = "operator"
	RoleManager  = "continuity-manager"
)

// Roles are the console roles, in rising order of rights.
var Roles = []string{RoleViewer, RoleOperator, RoleManager}

func rank(role string) int { return slices.Index(Roles, role) }

// User is a person who signs in to the console. Role is the console role;
// StepRoles are the runbook roles (such as process-owner or service-desk) in
// which the user completes manual steps.
type User struct {
	Name      string
	Role      string
	StepRoles []string
	hash      []byte
}

// Can says whether u holds role or a higher one.
func (u *User) Can(role string) bool { return u != nil && rank(u.Role) >= rank(role) }

// ActsAs says whether u may complete a manual step that waits for stepRole:
// an operator holding that runbook role, or any continuity manager.
func (u *User) ActsAs(stepRole string) bool {
	if u.Can(RoleManager) {
		return true
	}
	return u.Can(RoleOperator) && slices.Contains(u.StepRoles, stepRole)
}

// Actor is how u is named in the evidence: the name and the console role.
func (u *User) Actor() string { return u.Name + " (console " + u.Role + ")" }

// Users is the users file: one user a line, NAME:ROLE:STEPROLES:HASH, where
// STEPROLES is a comma-separated list (may be empty) and HASH a bcrypt hash.
// Lines starting with # are comments.
type Users struct {
	mu     sync.Mutex
	byName map[string]*User
	file   *usersFile // nil for users not read from a file
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// LoadUsers reads a users file.
func LoadUsers(path string) (*Users, error) {
	data, st, err := readUsersFile(path)
	if err != nil {
		return nil, fmt.Errorf("users file: %w", err)
	}
	us, err := ParseUsers(path, data)
	if err != nil {
		return nil, err
	}
	us.file = &usersFile{path: path, state: st}
	return us, nil
}

// ParseUsers parses the content of a users file; name is used in errors.
func ParseUsers(name string, data []byte) (*Users, error) {
	us := &Users{byName: map[string]*User{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ":")
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want NAME:ROLE:STEPROLES:HASH, got %d fields", name, n, len(f))
		}
		u := &User{Name: f[0], Role: f[1], hash: []byte(f[3])}
		if err := checkUser(u.Name, u.Role); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if _, err := bcrypt.Cost(u.hash); err != nil {
			return nil, fmt.Errorf("%s:%d: user %s: the password hash is not a bcrypt hash (make one with exitdrill console adduser)", name, n, u.Name)
		}
		if f[2] != "" {
			u.StepRoles = strings.Split(f[2], ",")
		}
		if us.byName[u.Name] != nil {
			return nil, fmt.Errorf("%s:%d: user %s is defined twice", name, n, u.Name)
		}
		us.byName[u.Name] = u
	}
	return us, sc.Err()
}

func checkUser(name, role string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("user name %q: allowed are letters, digits and . _ @ - (at most 64)", name)
	}
	if rank(role) < 0 {
		return fmt.Errorf("user %s: role %q: allowed are %s", name, role, strings.Join(Roles, ", "))
	}
	return nil
}

// Len is the number of users.
func (us *Users) Len() int {
	us.mu.Lock()
	defer us.mu.Unlock()
	us.refresh()
	return len(us.byName)
}

// dummyHash is compared against when the user is unknown, so that the time of
// a failed sign-in does not tell whether the name exists. It is made on first
// use (New starts making it), not at package initialisation: a bcrypt hash
// costs tens of milliseconds that every command would pay.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such user"), bcrypt.DefaultCost)
	return h
})

// Authenticate returns the user when name and password match.
func (us *Users) Authenticate(name, password string) (*User, bool) {
	u := us.Lookup(name)
	hash := dummyHash()
	if u != nil {
		hash = u.hash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u == nil {
		return nil, false
	}
	return u, true
}

// AddUser adds a user to the users file at path, or replaces the one of that
// name, hashing password with bcrypt. The file is created with mode 0600.
func AddUser(path, name, role string, stepRoles []string, password []byte) error {
	if err := checkUser(name, role); err != nil {
		return err
	}
	for _, r := range stepRoles {
		if !nameRE.MatchString(r) {
			return fmt.Errorf("step role %q: allowed are letters, digits and . _ @ -", r)
		}
	}
	if len(password) < 8 {
		return errors.New("the password must have at least 8 characters")
	}
	hash, err := bcrypt.GenerateFromPassword(password, bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	var lines []string
	if data, err := os.ReadFile(path); err == nil {
		if _, err := ParseUsers(path, data); err != nil {
			return err
		}
		for _, l := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
			if f, _, _ := strings.Cut(strings.TrimSpace(l), ":"); f != name && l != "" {
				lines = append(lines, l)
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("users file: %w", err)
	} else {
		lines = append(lines, "# exitdrill console users: NAME:ROLE:STEPROLES:BCRYPT-HASH (edit with exitdrill console adduser)")
	}
	lines = append(lines, name+":"+role+":"+strings.Join(stepRoles, ",")+":"+string(hash))
	if err := atomicfile.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return fmt.Errorf("users file: %w", err)
	}
	return nil
}

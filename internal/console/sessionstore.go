package console

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
)

// sessionsFileVersion is the format of the sessions file; a file of another
// version is ignored like a corrupt one.
const sessionsFileVersion = 1

// Session origins: the users file or OpenID Connect.
const (
	viaPassword = "password"
	viaOIDC     = "oidc"
)

// sessionsFile is the content of the sessions file. It holds no secret: a
// session is keyed by the SHA-256 of its cookie value, and its CSRF token is
// derived from the cookie value (see csrfFor), so neither can be read back.
type sessionsFile struct {
	Version  int             `json:"version"`
	Sessions []storedSession `json:"sessions"`
}

// storedSession is one session as the sessions file keeps it: the user as
// the session holds them, so that a restart can tell whether the users file
// (or the single sign-on role mapping) still grants the same.
type storedSession struct {
	Key       string    `json:"key"` // hex SHA-256 of the cookie value
	User      string    `json:"user"`
	Role      string    `json:"role"`
	StepRoles []string  `json:"step_roles,omitempty"`
	Via       string    `json:"via"`              // viaPassword or viaOIDC
	Issuer    string    `json:"issuer,omitempty"` // of an OIDC session
	Created   time.Time `json:"created"`
	LastSeen  time.Time `json:"last_seen"`
	Expires   time.Time `json:"expires"`
}

// readSessionsFile reads the sessions file at path. A missing file is no
// sessions and no error.
func readSessionsFile(path string) ([]storedSession, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f sessionsFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("not a sessions file: %w", err)
	}
	if f.Version != sessionsFileVersion {
		return nil, fmt.Errorf("sessions file version %d, want %d", f.Version, sessionsFileVersion)
	}
	return f.Sessions, nil
}

// writeSessionsFile replaces the sessions file at path atomically (mode 0600),
// so a crash leaves the old file or the new one.
func writeSessionsFile(path string, ss []storedSession) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sessionsFile{Version: sessionsFileVersion, Sessions: ss})
	})
}

// restoreSessions loads the sessions file of the console at start. Expired
// sessions are dropped, and so are sessions whose user the console would not
// sign in with the same rights today: a users-file user who is gone or whose
// role or step roles changed; an OIDC session when single sign-on is off, its
// issuer changed or its role is no longer mapped. An unreadable or corrupt
// file is logged and the console starts with no sessions.
func (c *Console) restoreSessions() {
	path := c.o.SessionsFile
	recs, err := readSessionsFile(path)
	if err != nil {
		c.o.Logger.Warn("console: sessions file unreadable, starting with no sessions", "file", path, "error", err)
		return
	}
	now := c.o.Now()
	dropped := 0
	for _, rec := range recs {
		u, why := c.admit(rec, now)
		if u == nil {
			dropped++
			if why != "expired" {
				c.o.Logger.Info("console: session not restored", "user", rec.User, "reason", why)
			}
			continue
		}
		c.sessions.m[rec.Key] = &session{user: u, key: rec.Key, via: rec.Via, issuer: rec.Issuer,
			created: rec.Created, lastSeen: rec.LastSeen, expires: rec.Expires}
	}
	if len(recs) > 0 {
		c.o.Logger.Info("console: sessions restored", "file", path, "kept", len(c.sessions.m), "dropped", dropped)
	}
	if dropped > 0 {
		c.sessions.mu.Lock()
		c.sessions.save()
		c.sessions.mu.Unlock()
	}
}

// admit returns the user a stored session signs in, or nil and why not.
func (c *Console) admit(rec storedSession, now time.Time) (*User, string) {
	if k, err := hex.DecodeString(rec.Key); err != nil || len(k) != 32 {
		return nil, "malformed key"
	}
	if !now.Before(rec.Expires) {
		return nil, "expired"
	}
	switch rec.Via {
	case viaPassword:
		u := c.o.Users.Lookup(rec.User)
		if u == nil {
			return nil, "no longer in the users file"
		}
		if u.Role != rec.Role || !slices.Equal(u.StepRoles, rec.StepRoles) {
			return nil, "role changed in the users file"
		}
		return u, ""
	case viaOIDC:
		if c.sso == nil {
			return nil, "single sign-on is no longer configured"
		}
		if rec.Issuer != c.sso.cfg.Issuer {
			return nil, "single sign-on issuer changed"
		}
		if rank(rec.Role) < 0 || !mapsTo(c.sso.cfg.Roles, rec.Role) {
			return nil, "role no longer mapped for single sign-on"
		}
		return &User{Name: rec.User, Role: rec.Role, StepRoles: rec.StepRoles}, ""
	}
	return nil, "unknown origin " + fmt.Sprintf("%q", rec.Via)
}

// mapsTo says whether some value of the role mapping grants role.
func mapsTo(roles map[string]string, role string) bool {
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

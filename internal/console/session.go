package console

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"sort"
	"sync"
	"time"
)

// sessionTTL is how long a session lasts without use.
const sessionTTL = 8 * time.Hour

// saveEvery bounds how often the mere use of a session (its last-seen time
// and sliding expiry) is written to the sessions file: a restart may make a
// session expire up to this much early.
const saveEvery = time.Minute

// session is a signed-in user. Its CSRF token goes into every form and must
// come back with every state-changing request.
type session struct {
	user     *User
	key      string // sessionKey of the cookie value
	via      string // viaPassword or viaOIDC
	issuer   string // of an OIDC session
	csrf     string // csrfFor the cookie value; set on first use after a restart
	created  time.Time
	lastSeen time.Time
	expires  time.Time
	flash    string // a message for the next page, guarded by sessions.mu
	// stopped is the result of the emergency stop this session sent last,
	// shown by GET /stop-all/done; guarded by sessions.mu, never saved.
	stopped *stopAllData
}

// sessions is the session store. It lives in memory and, when path is set,
// is mirrored to the sessions file (see sessionstore.go) on sign-in,
// sign-out and expiry, and at most every saveEvery for mere use, so that a
// restart of the console keeps everyone signed in.
type sessions struct {
	mu   sync.Mutex
	m    map[string]*session // by sessionKey of the cookie value
	now  func() time.Time
	path string       // the sessions file; "": memory only
	log  *slog.Logger // for write failures
	// issuer is the OpenID Connect issuer of single sign-on sessions.
	issuer func() string
	saved  time.Time // when the file was last written
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, now: now, log: slog.New(slog.DiscardHandler)}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sessionKey is what the store knows a cookie value by: its SHA-256, so that
// the sessions file does not hold a cookie that could be replayed.
func sessionKey(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// csrfFor is the CSRF token of the session with cookie value tok. Deriving
// it (with a label, so it differs from sessionKey) means it need not be
// stored: it survives a restart and cannot be read from the sessions file.
// Knowing it does not reveal the cookie value.
func csrfFor(tok string) string {
	h := sha256.Sum256([]byte("exitdrill console csrf\x00" + tok))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// create starts a session for u and returns its cookie value. A user with a
// password hash comes from the users file; one without, from single sign-on.
func (s *sessions) create(u *User) (string, *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweep(now)
	tok := randomToken()
	ss := &session{user: u, key: sessionKey(tok), via: viaPassword, csrf: csrfFor(tok),
		created: now, lastSeen: now, expires: now.Add(sessionTTL)}
	if len(u.hash) == 0 {
		ss.via = viaOIDC
		if s.issuer != nil {
			ss.issuer = s.issuer()
		}
	}
	s.m[ss.key] = ss
	s.save()
	return tok, ss
}

// sweep drops expired sessions and says whether there were any.
func (s *sessions) sweep(now time.Time) bool {
	swept := false
	for k, v := range s.m {
		if now.After(v.expires) {
			delete(s.m, k)
			swept = true
		}
	}
	return swept
}

// get returns the live session of a cookie value and extends it.
func (s *sessions) get(tok string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := sessionKey(tok)
	ss := s.m[key]
	if ss == nil {
		return nil
	}
	now := s.now()
	if now.After(ss.expires) {
		s.sweep(now)
		s.save()
		return nil
	}
	if ss.csrf == "" {
		ss.csrf = csrfFor(tok)
	}
	ss.lastSeen, ss.expires = now, now.Add(sessionTTL)
	if s.path != "" && now.Sub(s.saved) >= saveEvery {
		s.sweep(now)
		s.save()
	}
	return ss
}

// delete ends the session of a cookie value.
func (s *sessions) delete(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := sessionKey(tok)
	if s.m[key] == nil {
		return
	}
	delete(s.m, key)
	s.save()
}

// save writes the sessions file, when there is one; s.mu is held. A failure
// is logged: the sessions still work until the console stops.
func (s *sessions) save() {
	if s.path == "" {
		return
	}
	recs := make([]storedSession, 0, len(s.m))
	for _, ss := range s.m {
		recs = append(recs, storedSession{Key: ss.key, User: ss.user.Name, Role: ss.user.Role, StepRoles: ss.user.StepRoles,
			Via: ss.via, Issuer: ss.issuer, Created: ss.created, LastSeen: ss.lastSeen, Expires: ss.expires})
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Key < recs[j].Key })
	s.saved = s.now()
	if err := writeSessionsFile(s.path, recs); err != nil {
		s.log.Warn("console: sessions file not written: a restart will sign some users out", "file", s.path, "error", err)
	}
}

// validCSRF compares a submitted token with the session's in constant time.
func (ss *session) validCSRF(tok string) bool {
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(ss.csrf)) == 1
}

// setFlash keeps a message for the next page the user sees.
func (s *sessions) setFlash(ss *session, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss.flash = msg
}

// popFlash returns and clears the message for this page.
func (s *sessions) popFlash(ss *session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := ss.flash
	ss.flash = ""
	return msg
}

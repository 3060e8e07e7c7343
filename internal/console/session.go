package console

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"sync"
	"time"
)

// sessionTTL is how long a session lasts without use.
const sessionTTL = 8 * time.Hour

// session is a signed-in user. Its CSRF token goes into every form and must
// come back with every state-changing request.
type session struct {
	user    *User
	csrf    string
	expires time.Time
	flash   string // a message for the next page, guarded by sessions.mu
}

// sessions is the in-memory session store: restarting the console signs
// everybody out.
type sessions struct {
	mu  sync.Mutex
	m   map[string]*session
	now func() time.Time
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[string]*session{}, now: now}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// create starts a session for u and returns its cookie value.
func (s *sessions) create(u *User) (string, *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, v := range s.m { // sweep expired ones
		if now.After(v.expires) {
			delete(s.m, k)
		}
	}
	tok := randomToken()
	ss := &session{user: u, csrf: randomToken(), expires: now.Add(sessionTTL)}
	s.m[tok] = ss
	return tok, ss
}

// get returns the live session of a cookie value and extends it.
func (s *sessions) get(tok string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := s.m[tok]
	if ss == nil {
		return nil
	}
	now := s.now()
	if now.After(ss.expires) {
		delete(s.m, tok)
		return nil
	}
	ss.expires = now.Add(sessionTTL)
	return ss
}

func (s *sessions) delete(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, tok)
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

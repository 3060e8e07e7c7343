// Package fakegithub is an in-process stand-in for GitHub's REST API, for
// tests: the one remote service exitdrill talks to that cannot run here. It
// answers as GitHub documents: status codes, the Link header with rel="next"
// and rel="last", X-RateLimit-* headers on every answer, 403 with
// X-RateLimit-Remaining: 0 for the primary rate limit, 403 or 429 with
// Retry-After for the secondary one, and the documented JSON shapes of
// users, repositories, branches, commits, comparisons, tarballs, issues,
// labels and comments. Repositories are backed by real git repositories on
// disk, so commits, branches and archives are real.
package fakegithub

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a fake GitHub API. Create one with New; Close it when done.
type Server struct {
	*httptest.Server
	// Token, when set, is the only accepted token; requests with another get
	// 401. Requests without a token may read but not write.
	Token string
	// PerPageDefault is the page size when a request names none (GitHub: 30).
	PerPageDefault int
	// MaxPerPage caps per_page (GitHub: 100); tests lower it to get many pages.
	MaxPerPage int

	mu       sync.Mutex
	accounts map[string]string // login -> "User" or "Organization"
	repos    map[string]*repo  // "owner/name"
	faults   []*Fault
	log      []Request
	limit    int
	used     int
}

// Request is one request the server received.
type Request struct {
	Method, Path, Query string
	Auth                bool // it carried the right token
	Status              int
}

// Fault makes matching requests fail. Kinds: "primary" (403 primary rate
// limit), "secondary" (403 with Retry-After), "secondary429" (429 with
// Retry-After), "status" (Status with a JSON message), "after" (the request
// takes effect, then the answer is 502: a response lost on the way).
type Fault struct {
	Method string // "" matches any
	Prefix string // path prefix, "" matches any
	Kind   string
	Status int
	// Times is how many matching requests fail (0 means 1); Skip lets that
	// many matching requests pass first.
	Times, Skip int
	// RetryAfter is the secondary limit's wait in seconds (default 1).
	RetryAfter int
	// ResetIn is how far in the future the primary limit resets (default 1s).
	ResetIn time.Duration
	hits    int
}

// New starts a fake with no accounts, on loopback.
func New() *Server {
	s := newServer()
	s.Server.Start()
	return s
}

// NewOn starts a fake with no accounts that serves on l: for clients that
// cannot reach the host's loopback, such as containers reaching the host
// at their network's gateway. The fake closes l when it is closed.
func NewOn(l net.Listener) *Server {
	s := newServer()
	_ = s.Server.Listener.Close()
	s.Server.Listener = l
	s.Server.Start()
	return s
}

func newServer() *Server {
	s := &Server{PerPageDefault: 30, MaxPerPage: 100, accounts: map[string]string{}, repos: map[string]*repo{}, limit: 5000}
	mux := http.NewServeMux()
	s.routes(mux)
	s.Server = httptest.NewUnstartedServer(s.middleware(mux))
	return s
}

// URL returns the API base URL with a trailing slash.
func (s *Server) APIURL() string { return s.Server.URL + "/" }

// AddAccount adds a user or organisation login.
func (s *Server) AddAccount(login string, org bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts[login] = map[bool]string{true: "Organization", false: "User"}[org]
}

// Inject adds faults; each fails its matching requests in order.
func (s *Server) Inject(f ...*Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f...)
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Count returns how many requests matched method and path prefix.
func (s *Server) Count(method, prefix string) int {
	n := 0
	for _, r := range s.Requests() {
		if (method == "" || r.Method == method) && strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		auth := s.authorize(rec, r)
		defer func() {
			s.mu.Lock()
			s.log = append(s.log, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: auth == authOK, Status: rec.status})
			s.mu.Unlock()
		}()
		if auth == authBad {
			return
		}
		if strings.HasPrefix(r.URL.Path, "/_codeload/") {
			next.ServeHTTP(rec, r) // the archive host has no API headers
			return
		}
		s.rateHeaders(rec, auth == authOK)
		f := s.fault(r)
		if f != nil && f.Kind != "after" {
			s.fail(rec, f)
			return
		}
		if r.Method != http.MethodGet && auth != authOK {
			writeJSON(rec, http.StatusUnauthorized, errBody("Requires authentication"))
			return
		}
		if f != nil { // "after": the change happens, the answer is lost
			next.ServeHTTP(discard{header: http.Header{}}, r)
			writeJSON(rec, http.StatusBadGateway, errBody("Server Error"))
			return
		}
		next.ServeHTTP(rec, r)
	})
}

type authResult int

const (
	authNone authResult = iota
	authOK
	authBad
)

func (s *Server) authorize(w http.ResponseWriter, r *http.Request) authResult {
	h := r.Header.Get("Authorization")
	if h == "" || strings.HasPrefix(r.URL.Path, "/_codeload/") {
		return authNone
	}
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		tok, ok = strings.CutPrefix(h, "token ")
	}
	if !ok || s.Token == "" || tok != s.Token {
		writeJSON(w, http.StatusUnauthorized, errBody("Bad credentials"))
		return authBad
	}
	return authOK
}

func (s *Server) rateHeaders(w http.ResponseWriter, authed bool) {
	s.mu.Lock()
	s.used++
	limit := s.limit
	if !authed {
		limit = 60
	}
	used := s.used
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(limit-used%limit, 1)))
	h.Set("X-RateLimit-Used", strconv.Itoa(used%limit))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	h.Set("X-RateLimit-Resource", "core")
	h.Set("X-GitHub-Api-Version-Selected", "2022-11-28")
}

func (s *Server) fault(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if (f.Method != "" && f.Method != r.Method) || !strings.HasPrefix(r.URL.Path, f.Prefix) {
			continue
		}
		times := max(f.Times, 1)
		if f.hits >= f.Skip+times {
			continue
		}
		f.hits++
		if f.hits <= f.Skip {
			continue
		}
		return f
	}
	return nil
}

const (
	docPrimary   = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit"
	docSecondary = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
)

func (s *Server) fail(w http.ResponseWriter, f *Fault) {
	h := w.Header()
	switch f.Kind {
	case "primary":
		reset := f.ResetIn
		if reset <= 0 {
			reset = time.Second
		}
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Used", h.Get("X-RateLimit-Limit"))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(reset).Unix(), 10))
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "API rate limit exceeded for user ID 1.", "documentation_url": docPrimary})
	case "secondary", "secondary429":
		ra := f.RetryAfter
		if ra <= 0 {
			ra = 1
		}
		h.Set("Retry-After", strconv.Itoa(ra))
		code := http.StatusForbidden
		if f.Kind == "secondary429" {
			code = http.StatusTooManyRequests
		}
		writeJSON(w, code, map[string]string{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", "documentation_url": docSecondary})
	default:
		msg := http.StatusText(f.Status)
		if f.Status == http.StatusUnauthorized {
			msg = "Bad credentials"
		}
		writeJSON(w, f.Status, errBody(msg))
	}
}

func errBody(msg string) map[string]string {
	return map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest"}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// discard is a ResponseWriter whose answer is lost.
type discard struct{ header http.Header }

func (d discard) Header() http.Header         { return d.header }
func (d discard) Write(p []byte) (int, error) { return len(p), nil }
func (d discard) WriteHeader(int)             {}

func notFound(w http.ResponseWriter) { writeJSON(w, http.StatusNotFound, errBody("Not Found")) }

func validationFailed(w http.ResponseWriter, resource, field, code string, value any) {
	e := map[string]any{"resource": resource, "field": field, "code": code}
	if value != nil {
		e["value"] = value
	}
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"message": "Validation Failed", "errors": []any{e}, "documentation_url": "https://docs.github.com/rest",
	})
}

func (s *Server) htmlURL(path string) string {
	return s.Server.URL + "/_html/" + strings.TrimPrefix(path, "/")
}

func apiPath(format string, a ...any) string { return fmt.Sprintf(format, a...) }

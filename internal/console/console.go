// Package console is exitdrill's web console for continuity managers,
// operators and management: readiness at a glance, drills and their live view,
// the inbox of manual steps, reports and the catalog. Pages are rendered on the
// server with html/template; the only JavaScript refreshes the live view and is
// not needed for any action. Users sign in from a users file (bcrypt hashes);
// sessions are kept in a file beside it (keyed by a hash of the cookie) so
// that a restart signs nobody out; every form carries a CSRF token; sign-in is
// rate-limited per client address.
package console

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/drillops"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// Options configure a Console.
type Options struct {
	// Users who may sign in.
	Users *Users
	// Backend reaches Temporal.
	Backend Backend
	// Catalog lists the catalog directories or files of the readiness and
	// catalog pages; Reports is the directory of evidence bundles.
	Catalog []string
	Reports string
	// StateDir is the state directory whose database records the drills the
	// console starts ("" for a cluster): a full disk there refuses them.
	StateDir string
	// Secure sets the Secure flag on cookies even when the request did not come
	// over TLS (behind a TLS-terminating proxy). Over plain HTTP browsers drop
	// Secure cookies, so it stays off for loopback HTTP.
	Secure bool
	// OIDC, when set, adds single sign-on with OpenID Connect beside (or
	// instead of) the users file.
	OIDC *OIDC
	// GitHub reads the github:OWNER/REPO/PATH@REF sources of the forms that
	// start and schedule drills; nil: those forms take local files only.
	GitHub drillops.Repos
	// SessionsFile keeps the sign-in sessions across restarts of the console
	// (beside the users file, mode 0600). It holds no cookie value: a session
	// is keyed by the SHA-256 of its cookie. At start, expired sessions and
	// those whose user is gone or has another role are dropped; an unreadable
	// file is logged and ignored. "": sessions live in memory only.
	SessionsFile string
	// Scenarios are directories whose scenario files the start and schedule
	// forms may name (besides library ids and files beside the catalogs);
	// GitHubAllow lists the OWNER/REPO (or OWNER/*) whose github: sources
	// they may name. See checkSources.
	Scenarios   []string
	GitHubAllow []string
	// GitHubCatalogs are catalogs in repositories
	// (github:OWNER/REPO/PATH@REF) that the start and schedule forms offer
	// beside Catalog, read through GitHub when a form uses one; they need
	// not be on GitHubAllow. The readiness and catalog pages read Catalog
	// only.
	GitHubCatalogs []string
	// Trusted are the keys whose bundles count in readiness: a bundle that is
	// unsigned or signed by another key is listed as not counted. nil
	// trusts no key.
	Trusted *recorder.Trusted
	// SigningKey signs the after-action reviews recorded in the console;
	// nil: the review page shows reviews and sends people to exitdrill
	// review to record them.
	SigningKey ed25519.PrivateKey
	// Actions, when set, lets the review page publish a review's action
	// items as issues; nil: it sends people to exitdrill review --github.
	Actions *ActionIssues
	// Logger receives one line per action; nil: discarded.
	Logger *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Console serves the web console; build it with New.
type Console struct {
	o        Options
	verified bundleCache
	sessions *sessions
	logins   *limiter
	sso      *sso
	mux      *http.ServeMux
	waits    waitingCache // the waiting steps, for the menu's count
	verdicts verdictCache // of the schedules' last drills
}

// Cookie names.
const (
	sessionCookie    = "exitdrill_session"
	loginCSRFCookie  = "exitdrill_login"
	backendTimeout   = 15 * time.Second
	maxFormBytes     = 64 << 10
	loginBurst       = 5
	loginRefillEvery = 12 * time.Second // 5 per minute after the burst
)

// New returns a Console for o.
func New(o Options) (*Console, error) {
	if (o.Users == nil || o.Users.Len() == 0) && o.OIDC == nil {
		return nil, errors.New("console: no users: add one with exitdrill console adduser --users FILE --name NAME --role ROLE")
	}
	if o.Users == nil {
		o.Users = &Users{byName: map[string]*User{}}
	}
	if o.Backend == nil {
		return nil, errors.New("console: no backend")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	for _, l := range lang.All {
		if _, err := pagesIn[l](); err != nil {
			return nil, err
		}
	}
	for _, spec := range o.GitHubCatalogs {
		if _, err := forge.ParseSpec(spec); err != nil {
			return nil, fmt.Errorf("console: catalog in a repository: %w", err)
		}
		if o.GitHub == nil {
			return nil, fmt.Errorf("console: catalog %s is in a repository, but the console has no GitHub access to read it", spec)
		}
	}
	go dummyHash() // ready before the first sign-in of an unknown name
	c := &Console{o: o, sessions: newSessions(o.Now), logins: newLimiter(loginBurst, loginRefillEvery, o.Now), mux: http.NewServeMux()}
	if o.OIDC != nil {
		s, err := newSSO(context.Background(), o.OIDC)
		if err != nil {
			return nil, err
		}
		c.sso = s
	}
	c.sessions.path, c.sessions.log = o.SessionsFile, o.Logger
	c.sessions.issuer = func() string {
		if c.sso == nil {
			return ""
		}
		return c.sso.cfg.Issuer
	}
	if o.SessionsFile != "" {
		c.restoreSessions()
	}
	c.routes()
	return c, nil
}

// ServeHTTP implements http.Handler.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Add("Vary", "Accept-Language, Cookie")
	c.mux.ServeHTTP(&langWriter{ResponseWriter: w, lang: requestLang(r)}, r)
}

// handler is a page or action; it gets the session of the signed-in user.
type handler func(w http.ResponseWriter, r *http.Request, ss *session)

// page serves GET requests to users holding role.
func (c *Console) page(role string, h handler) http.HandlerFunc {
	return c.auth(role, false, h)
}

// action serves POST requests to users holding role, with a valid CSRF token.
func (c *Console) action(role string, h handler) http.HandlerFunc {
	return c.auth(role, true, h)
}

func (c *Console) auth(role string, post bool, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var ss *session
		if ck, err := r.Cookie(sessionCookie); err == nil {
			ss = c.sessions.get(ck.Value)
		}
		if ss == nil {
			next := r.URL.RequestURI()
			if post {
				next = "/"
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		if post {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				c.fail(w, r, ss, http.StatusBadRequest, "the form could not be read")
				return
			}
			if !ss.validCSRF(r.PostForm.Get("csrf")) {
				c.fail(w, r, ss, http.StatusForbidden, "the form's security token is missing or stale: reload the page and try again")
				return
			}
		}
		// What a signed-in user sees (reports, evidence, drills) stays out of
		// shared caches and the browser's history cache.
		w.Header().Set("Cache-Control", "no-store")
		if !ss.user.Can(role) {
			c.fail(w, r, ss, http.StatusForbidden, "your role ("+ss.user.Role+") may not do this; it needs "+role)
			return
		}
		h(w, r, ss)
	}
}

// ctx bounds a request's calls to Temporal.
func ctx(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), backendTimeout)
}

// clientIP is the address a request came from, for the sign-in limiter.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// secure says whether cookies get the Secure flag.
func (c *Console) secure(r *http.Request) bool { return c.o.Secure || r.TLS != nil }

// localPath keeps a redirect target on this site: only a clean absolute path
// (with an optional query) is kept, anything else becomes "/". Browsers read
// a backslash as a slash and drop tabs and newlines, and http.Redirect cleans
// the path, so "/x/../\\evil.example" or "/\t/evil.example" would become
// "//evil.example", another site: such paths are refused, as are dot
// segments, doubled slashes and control characters.
func localPath(p string) string {
	const home = "/"
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") ||
		strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || r < 0x20 || r == 0x7f }) {
		return home
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Fragment != "" {
		return home
	}
	if clean := path.Clean(u.Path); clean != u.Path && clean+"/" != u.Path {
		return home
	}
	return p
}

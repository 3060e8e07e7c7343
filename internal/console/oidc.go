package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDC configures single sign-on with OpenID Connect (authorisation code flow).
// The ID token's RoleClaim (a string or a list of strings, e.g. groups) is
// mapped to a console role with Roles; the highest mapped role counts, and a
// user none of whose values is mapped cannot sign in. StepRolesClaim, when
// set, lists the runbook roles in which the user completes manual steps.
type OIDC struct {
	Issuer         string
	ClientID       string
	ClientSecret   string // never logged
	RedirectURL    string // this console's /login/oidc/callback as the provider knows it
	RoleClaim      string
	Roles          map[string]string
	StepRolesClaim string
	// NameClaim names the user; default preferred_username, then email, then sub.
	NameClaim string
}

// oidcCookie holds the state and nonce of a sign-in in progress. It is
// SameSite=Lax: the provider's redirect back is a cross-site navigation.
const oidcCookie = "exitdrill_oidc"

// sso is the OIDC sign-in, set up by New from Options.OIDC.
type sso struct {
	cfg      OIDC
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

func newSSO(ctx context.Context, cfg *OIDC) (*sso, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" || cfg.RoleClaim == "" || len(cfg.Roles) == 0 {
		return nil, errors.New("console: OpenID Connect needs the issuer, client id, redirect URL, role claim and at least one role mapping")
	}
	for v, r := range cfg.Roles {
		if rank(r) < 0 {
			return nil, fmt.Errorf("console: OpenID Connect role mapping %s=%s: allowed roles are %s", v, r, strings.Join(Roles, ", "))
		}
	}
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(pctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("console: OpenID Connect provider %s: %w", cfg.Issuer, err)
	}
	return &sso{cfg: *cfg, verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID}), oauth: oauth2.Config{
		ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"},
	}}, nil
}

// oidcStart sends the browser to the provider with a fresh state and nonce.
func (c *Console) oidcStart(w http.ResponseWriter, r *http.Request) {
	if c.sso == nil {
		http.NotFound(w, r)
		return
	}
	state, nonce := randomToken(), randomToken()
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: state + "." + nonce, Path: "/login/oidc", HttpOnly: true,
		Secure: c.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 600})
	http.Redirect(w, r, c.sso.oauth.AuthCodeURL(state, oidc.Nonce(nonce)), http.StatusFound)
}

// oidcCallback checks the state, exchanges the code, verifies the ID token and
// its nonce, maps the role claim and starts a session.
func (c *Console) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if c.sso == nil {
		http.NotFound(w, r)
		return
	}
	ip := clientIP(r)
	if ok, _ := c.logins.allow(ip); !ok {
		c.showLogin(w, r, http.StatusTooManyRequests, "", "Too many sign-in attempts: wait a minute.")
		return
	}
	ck, err := r.Cookie(oidcCookie)
	state, nonce, _ := strings.Cut(valueOr(ck, err), ".")
	q := r.URL.Query()
	if state == "" || q.Get("state") != state {
		c.showLogin(w, r, http.StatusForbidden, "", "The single sign-on answer does not belong to this browser's sign-in: please try again.")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/login/oidc", MaxAge: -1})
	if e := q.Get("error"); e != "" {
		c.showLogin(w, r, http.StatusUnauthorized, "", "The identity provider refused the sign-in: "+e)
		return
	}
	u, err := c.sso.user(r.Context(), q.Get("code"), nonce)
	if err != nil {
		c.o.Logger.Warn("console: single sign-on failed", "client", ip, "error", err)
		c.showLogin(w, r, http.StatusForbidden, "", "Single sign-on failed: "+err.Error())
		return
	}
	tok, ss := c.sessions.create(u)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: c.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL / time.Second)})
	c.o.Logger.Info("console: signed in", "user", u.Name, "role", u.Role, "via", "oidc", "client", ip)
	// A page rather than a redirect: the navigation began on the provider's
	// site, and a SameSite=Strict cookie is only sent on a same-site one.
	v := newView(ss, "Signed in", "", nil)
	v.Flash = "Signed in as " + u.Name + " (" + u.Role + ")."
	c.render(w, http.StatusOK, "error", v)
}

func valueOr(ck *http.Cookie, err error) string {
	if err != nil {
		return ""
	}
	return ck.Value
}

// user exchanges the code and turns the verified ID token into a User.
func (s *sso) user(ctx context.Context, code, nonce string) (*User, error) {
	if code == "" {
		return nil, errors.New("no authorisation code")
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	tok, err := s.oauth.Exchange(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("code exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, errors.New("the token response holds no ID token")
	}
	idt, err := s.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("ID token: %w", err)
	}
	if idt.Nonce != nonce {
		return nil, errors.New("ID token: the nonce does not match")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("ID token claims: %w", err)
	}
	u := &User{Name: s.name(claims, idt.Subject)}
	for _, v := range claimStrings(claims[s.cfg.RoleClaim]) {
		if r, ok := s.cfg.Roles[v]; ok && rank(r) > rank(u.Role) {
			u.Role = r
		}
	}
	if u.Role == "" {
		return nil, fmt.Errorf("%s has no console role: none of the values of claim %q is mapped", u.Name, s.cfg.RoleClaim)
	}
	if s.cfg.StepRolesClaim != "" {
		u.StepRoles = claimStrings(claims[s.cfg.StepRolesClaim])
	}
	return u, nil
}

func (s *sso) name(claims map[string]any, sub string) string {
	for _, k := range []string{s.cfg.NameClaim, "preferred_username", "email"} {
		if v, ok := claims[k].(string); ok && k != "" && v != "" {
			return v
		}
	}
	return sub
}

// claimStrings reads a claim that is a string or a list of strings.
func claimStrings(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

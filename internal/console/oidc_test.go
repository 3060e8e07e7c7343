package console

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// fakeProvider is an OpenID Connect provider on loopback that answers as the
// specifications say (Discovery 1.0, RFC 6749 token response, RS256 ID tokens
// in a JWKS): its authorisation endpoint signs the configured user in at once.
type fakeProvider struct {
	*httptest.Server
	key    *rsa.PrivateKey
	mu     sync.Mutex
	claims map[string]any            // of the next user to sign in
	codes  map[string]map[string]any // code -> ID token claims
}

func newFakeProvider(t *testing.T) *fakeProvider {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &fakeProvider{key: key, codes: map[string]map[string]any{}}
	mux := http.NewServeMux()
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	writeJSON := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]any{"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize", "token_endpoint": p.URL + "/token",
			"jwks_uri": p.URL + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		code := randomToken()
		p.mu.Lock()
		claims := map[string]any{"iss": p.URL, "aud": q.Get("client_id"), "nonce": q.Get("nonce"),
			"iat": time.Now().Unix(), "exp": time.Now().Add(5 * time.Minute).Unix()}
		for k, v := range p.claims {
			claims[k] = v
		}
		p.codes[code] = claims
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		p.mu.Lock()
		claims := p.codes[r.PostForm.Get("code")]
		delete(p.codes, r.PostForm.Get("code"))
		p.mu.Unlock()
		if claims == nil {
			w.WriteHeader(http.StatusBadRequest)
			writeJSON(w, map[string]string{"error": "invalid_grant"})
			return
		}
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
		if err != nil {
			t.Error(err)
			return
		}
		payload, _ := json.Marshal(claims)
		jws, err := signer.Sign(payload)
		if err != nil {
			t.Error(err)
			return
		}
		idt, _ := jws.CompactSerialize()
		writeJSON(w, map[string]any{"access_token": "at-" + randomToken(), "token_type": "Bearer", "expires_in": 300, "id_token": idt})
	})
	return p
}

func (p *fakeProvider) next(claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.claims = claims
}

func TestOIDCSignIn(t *testing.T) {
	prov := newFakeProvider(t)
	tc := newTestConsole(t)
	sso, err := newSSO(t.Context(), &OIDC{Issuer: prov.URL, ClientID: "exitdrill", ClientSecret: "s3cret",
		RedirectURL: tc.URL + "/login/oidc/callback", RoleClaim: "groups", StepRolesClaim: "runbook_roles",
		Roles: map[string]string{"bcm": RoleManager, "ops": RoleOperator, "staff": RoleViewer}})
	if err != nil {
		t.Fatal(err)
	}
	tc.c.sso = sso

	// signIn follows the flow as a browser: console -> provider -> callback.
	signIn := func(b *browser) page {
		t.Helper()
		start := b.get("/login/oidc")
		if start.status != http.StatusFound || !strings.HasPrefix(start.location, prov.URL+"/authorize?") {
			t.Fatalf("start: status %d, location %q", start.status, start.location)
		}
		req, _ := http.NewRequest(http.MethodGet, start.location, nil)
		auth := b.do(req)
		if auth.status != http.StatusFound {
			t.Fatalf("provider: status %d", auth.status)
		}
		req, _ = http.NewRequest(http.MethodGet, auth.location, nil)
		return b.do(req)
	}

	t.Run("signed in, in Dutch", func(t *testing.T) {
		prov.next(map[string]any{"sub": "u-1", "preferred_username": "omar", "groups": []string{"ops"}})
		b := tc.browser(t)
		start := b.get("/login/oidc")
		req, _ := http.NewRequest(http.MethodGet, start.location, nil)
		auth := b.do(req)
		req, _ = http.NewRequest(http.MethodGet, auth.location, nil)
		req.Header.Set("Accept-Language", "nl-NL,nl;q=0.9")
		cb := b.do(req)
		if cb.status != http.StatusOK || !strings.Contains(cb.body, "Aangemeld als omar (operator).") || strings.Contains(cb.body, "Signed in as") {
			t.Fatalf("callback in Dutch: status %d\n%s", cb.status, cb.body)
		}
	})

	t.Run("group mapped to operator", func(t *testing.T) {
		prov.next(map[string]any{"sub": "u-1", "preferred_username": "omar", "groups": []string{"staff", "ops"}, "runbook_roles": []string{"process-owner"}})
		b := tc.browser(t)
		cb := signIn(b)
		if cb.status != http.StatusOK || !strings.Contains(cb.body, "Signed in as omar (operator).") {
			t.Fatalf("callback: status %d\n%s", cb.status, cb.body)
		}
		p := b.get("/inbox")
		if p.status != http.StatusOK || !strings.Contains(p.body, "omar · operator") {
			t.Errorf("inbox after single sign-on: status %d", p.status)
		}
		if !strings.Contains(b.get("/login").body, "Sign in with single sign-on") {
			t.Error("the login page offers no single sign-on")
		}
	})

	t.Run("no mapped group", func(t *testing.T) {
		prov.next(map[string]any{"sub": "u-2", "email": "x@example.org", "groups": "visitors"})
		b := tc.browser(t)
		cb := signIn(b)
		if cb.status != http.StatusForbidden || !strings.Contains(cb.body, "x@example.org has no console role") {
			t.Errorf("unmapped user: status %d\n%s", cb.status, cb.body)
		}
		if p := b.get("/drills"); p.status != http.StatusSeeOther {
			t.Errorf("unmapped user has a session: status %d", p.status)
		}
	})

	t.Run("answer without this browser's state", func(t *testing.T) {
		prov.next(map[string]any{"sub": "u-3", "groups": "bcm"})
		attacker := tc.browser(t)
		start := attacker.get("/login/oidc")
		req, _ := http.NewRequest(http.MethodGet, start.location, nil)
		auth := attacker.do(req)
		victim := tc.browser(t)
		req, _ = http.NewRequest(http.MethodGet, auth.location, nil)
		if p := victim.do(req); p.status != http.StatusForbidden {
			t.Errorf("callback in another browser: status %d, want 403", p.status)
		}
		if p := victim.get("/drills"); p.status != http.StatusSeeOther {
			t.Errorf("victim was signed in: status %d", p.status)
		}
	})

	t.Run("forged token", func(t *testing.T) {
		prov.next(map[string]any{"sub": "u-4", "groups": "bcm"})
		b := tc.browser(t)
		start := b.get("/login/oidc")
		u, _ := url.Parse(start.location)
		state := u.Query().Get("state")
		if p := b.get("/login/oidc/callback?code=made-up&state=" + url.QueryEscape(state)); p.status != http.StatusForbidden || !strings.Contains(p.body, "code exchange") {
			t.Errorf("made-up code: status %d\n%s", p.status, p.body)
		}
	})
}

func TestOIDCConfigErrors(t *testing.T) {
	if _, err := newSSO(t.Context(), &OIDC{Issuer: "http://127.0.0.1:1", ClientID: "c", RedirectURL: "http://x/cb", RoleClaim: "groups", Roles: map[string]string{"g": "admin"}}); err == nil ||
		!strings.Contains(err.Error(), "g=admin: allowed roles are viewer, operator, continuity-manager") {
		t.Errorf("bad role mapping: %v", err)
	}
	if _, err := newSSO(t.Context(), &OIDC{Issuer: "http://127.0.0.1:1", ClientID: "c"}); err == nil || !strings.Contains(err.Error(), "needs the issuer") {
		t.Errorf("incomplete config: %v", err)
	}
}

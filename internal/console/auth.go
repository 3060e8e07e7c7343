package console

import (
	"fmt"
	"net/http"
	"time"
)

type loginData struct {
	CSRF, Next, Name string
	SSO, Password    bool
}

// loginPage shows the sign-in form with a fresh login CSRF token, kept in a
// cookie of its own (double submit): there is no session yet.
func (c *Console) loginPage(w http.ResponseWriter, r *http.Request) {
	c.showLogin(w, r, http.StatusOK, "", "")
}

func (c *Console) showLogin(w http.ResponseWriter, r *http.Request, status int, name, msg string) {
	tok := randomToken()
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: tok, Path: "/login", HttpOnly: true,
		Secure: c.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	next := localPath(r.FormValue("next"))
	v := newView(nil, "Sign in", "", loginData{CSRF: tok, Next: next, Name: name, SSO: c.sso != nil, Password: c.o.Users.Len() > 0})
	v.Error = msg
	c.render(w, status, "login", v)
}

// login checks the form's token, the rate limit and the password, then starts
// a session.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		c.fail(w, r, nil, http.StatusBadRequest, "the form could not be read")
		return
	}
	ck, err := r.Cookie(loginCSRFCookie)
	if err != nil || ck.Value == "" || ck.Value != r.PostForm.Get("csrf") {
		c.showLogin(w, r, http.StatusForbidden, "", "The sign-in form expired: please try again.")
		return
	}
	ip := clientIP(r)
	if ok, wait := c.logins.allow(ip); !ok {
		w.Header().Set("Retry-After", fmt.Sprint(int(wait/time.Second)+1))
		c.o.Logger.Warn("console: sign-in rate-limited", "client", ip)
		c.showLogin(w, r, http.StatusTooManyRequests, "", fmt.Sprintf("Too many sign-in attempts: wait %s.", wait.Round(time.Second)+time.Second))
		return
	}
	name := r.PostForm.Get("name")
	u, ok := c.o.Users.Authenticate(name, r.PostForm.Get("password"))
	if !ok {
		c.o.Logger.Warn("console: sign-in failed", "user", name, "client", ip)
		c.showLogin(w, r, http.StatusUnauthorized, name, "Unknown name or wrong password.")
		return
	}
	tok, _ := c.sessions.create(u)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: c.secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL / time.Second)})
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Path: "/login", MaxAge: -1})
	c.o.Logger.Info("console: signed in", "user", u.Name, "role", u.Role, "client", ip)
	http.Redirect(w, r, localPath(r.PostForm.Get("next")), http.StatusSeeOther)
}

func (c *Console) logout(w http.ResponseWriter, r *http.Request, ss *session) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		c.sessions.delete(ck.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: c.secure(r), SameSite: http.SameSiteStrictMode})
	c.o.Logger.Info("console: signed out", "user", ss.user.Name)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

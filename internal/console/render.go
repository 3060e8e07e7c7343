package console

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports"
)

//go:embed assets
var assets embed.FS

// pageNames are the console's pages: assets/NAME.html, each parsed with the
// layout.
var pageNames = []string{"login", "error", "drills", "drill", "inbox", "stopall", "readiness", "reports", "catalog", "schedules", "start", "readiness-cell", "findings", "afteraction"}

// partials are the templates a page includes beside its own: each
// assets/NAME.html defines one section.
var partials = map[string][]string{"drill": {"changes"}}

// pagesIn are the page templates in each language, parsed on first use (New
// does, so that a broken template stops the console at start), not at
// package initialisation: every command but the console would pay for it.
var pagesIn = map[lang.Lang]func() (map[string]*template.Template, error){}

func init() {
	for _, l := range lang.All {
		pagesIn[l] = sync.OnceValues(func() (map[string]*template.Template, error) { return parsePages(l.Printer()) })
	}
}

// pages are the page templates in English.
func pages() (map[string]*template.Template, error) { return pagesIn[lang.English]() }

// parsePages parses every page with the layout, its words in p's language.
func parsePages(p *lang.Printer) (map[string]*template.Template, error) {
	m := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		files := []string{"assets/layout.html", "assets/" + name + ".html"}
		for _, p := range partials[name] {
			files = append(files, "assets/"+p+".html")
		}
		t, err := template.New(name).Funcs(funcs).Funcs(langFuncs(p)).ParseFS(assets, files...)
		if err != nil {
			return nil, fmt.Errorf("console: page %s: %w", name, err)
		}
		m[name] = t
	}
	return m, nil
}

var funcs = template.FuncMap{
	"when": when,
	"join": func(s []string) string { return strings.Join(s, ", ") },
	"dur":  func(d drill.Duration) string { return d.String() },
	// outage and outages say matrix durations in words: 30d is "1 month".
	"outage":       reports.OutageLabel,
	"outages":      outageList,
	"supplierName": readinessSupplier,
	// people rounds a duration for people ("1h 2m"), as the reports do.
	"people": reports.ForPeople,
	// injectsView is the data of the drill page's injects section.
	"injectsView": injectsView,
}

// when shows a time in the console machine's zone, with UTC on hover and the
// instant in datetime, from which console.js shows it in the viewer's own
// zone. A zero or nil time is empty.
func when(t any) template.HTML {
	var tt time.Time
	switch v := t.(type) {
	case time.Time:
		tt = v
	case *time.Time:
		if v != nil {
			tt = *v
		}
	}
	if tt.IsZero() {
		return ""
	}
	u := tt.UTC()
	return template.HTML(`<time datetime="` + u.Format(time.RFC3339) + `" title="` + u.Format("2006-01-02 15:04 UTC") + `">` +
		template.HTMLEscapeString(tt.In(time.Local).Format("2006-01-02 15:04 MST")) + `</time>`)
}

// view is what every page template gets.
type view struct {
	Title string
	Nav   string
	User  *User
	CSRF  string
	Flash string
	Error string
	Data  any
	// Waiting counts the steps waiting for the user, for the menu; -1 when
	// they could not be listed.
	Waiting int
}

// render writes a page; a template error is a 500 and is logged.
func (c *Console) render(w http.ResponseWriter, status int, page string, v view) {
	v.Waiting = c.waitingFor(v.User)
	c.renderTemplate(w, status, page, "layout", v)
}

func (c *Console) renderTemplate(w http.ResponseWriter, status int, page, name string, v any) {
	var buf bytes.Buffer
	tmpls, err := pagesIn[langOf(w)]() // parsed by New: no error here
	if err == nil {
		err = tmpls[page].ExecuteTemplate(&buf, name, v)
	}
	if err != nil {
		c.o.Logger.Error("console: render", "page", page, "error", err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// newView is a view for the signed-in user of ss.
func newView(ss *session, title, nav string, data any) view {
	v := view{Title: title, Nav: nav, Data: data}
	if ss != nil {
		v.User, v.CSRF = ss.user, ss.csrf
	}
	return v
}

// fail shows an error page with status.
func (c *Console) fail(w http.ResponseWriter, _ *http.Request, ss *session, status int, msg string) {
	v := newView(ss, http.StatusText(status), "", nil)
	v.Error = msg
	c.render(w, status, "error", v)
}

// formPages are the pages of the forms whose action URLs take only POST: a
// reload or a bookmark of such a URL (after an error was shown there) goes
// to the form's page instead of "Method Not Allowed".
var formPages = map[string]string{"/inbox/complete": "/inbox", "/logout": "/"}

// notFound is the console's 404 page, in its layout (with the menu of a
// signed-in user); GET of a form's action URL goes to the form's page. It
// never sends to the sign-in page: a browser asking for /favicon.ico while
// the sign-in form shows would get a new form token, and the form would be
// refused.
func (c *Console) notFound(w http.ResponseWriter, r *http.Request) {
	var ss *session
	if ck, err := r.Cookie(sessionCookie); err == nil {
		ss = c.sessions.get(ck.Value)
	}
	w.Header().Set("Cache-Control", "no-store")
	p := r.URL.Path
	if to, ok := formPages[p]; ok {
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	}
	if id, ok := strings.CutSuffix(strings.TrimPrefix(p, "/drills/"), "/abort"); ok && strings.HasPrefix(p, "/drills/") && !strings.Contains(id, "/") {
		http.Redirect(w, r, "/drills/"+url.PathEscape(id), http.StatusSeeOther)
		return
	}
	if strings.HasPrefix(p, "/schedules/") {
		http.Redirect(w, r, "/schedules", http.StatusSeeOther)
		return
	}
	lp := langOf(w).Printer()
	msg := lp.F("There is no page %s in the console: use the menu above.", p)
	if ss == nil {
		msg = lp.F("There is no page %s in the console: sign in and use its menu.", p)
	}
	c.fail(w, r, ss, http.StatusNotFound, msg)
}

// serveAsset serves the CSS and the script.
func serveAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	types := map[string]string{"console.css": "text/css; charset=utf-8", "console.js": "text/javascript; charset=utf-8"}
	ct, ok := types[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "max-age=3600")
	_, _ = fmt.Fprint(w, string(data))
}

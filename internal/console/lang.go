package console

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports"
)

// langCookie holds the language a user chose with the switch; without it
// the console follows the browser's Accept-Language.
const langCookie = "exitdrill-lang"

// requestLang is the language of the pages answering r: the one the user
// chose (langCookie), else the one the browser prefers.
func requestLang(r *http.Request) lang.Lang {
	if ck, err := r.Cookie(langCookie); err == nil {
		if l, err := lang.Parse(ck.Value); err == nil && ck.Value != "" {
			return l
		}
	}
	return lang.Negotiate(r.Header.Get("Accept-Language"))
}

// langWriter carries the language of a request to the page renderer.
type langWriter struct {
	http.ResponseWriter
	lang lang.Lang
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *langWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// langOf is the language of the request w answers (English for a writer
// that did not come through ServeHTTP).
func langOf(w http.ResponseWriter) lang.Lang {
	if lw, ok := w.(*langWriter); ok {
		return lw.lang
	}
	return lang.English
}

// switchLang is GET /lang?to=nl: it remembers the language in a cookie and
// goes back to the page the switch was on (the Referer, when it is this
// console's), else to the start page. Anyone may switch, signed in or not.
func switchLang(w http.ResponseWriter, r *http.Request) {
	l, err := lang.Parse(r.URL.Query().Get("to"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, backTo(r), http.StatusSeeOther)
}

// backTo is the path and query of the Referer when it is a page of this
// console, else "/": never another site.
func backTo(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || !strings.HasPrefix(ref.Path, "/") || strings.HasPrefix(ref.Path, "//") || ref.Path == "/lang" {
		return "/"
	}
	return (&url.URL{Path: ref.Path, RawQuery: ref.RawQuery}).RequestURI()
}

// langFuncs are the template helpers in p's language: T a literal text of
// a template, tr a text the page is given, lang the page's language, and
// other the language the switch offers.
func langFuncs(p *lang.Printer) template.FuncMap {
	other := lang.Dutch
	if p.Dutch() {
		other = lang.English
	}
	return template.FuncMap{
		"T":         p.T,
		"tr":        p.T,
		"lang":      func() string { return string(p.Lang()) },
		"otherLang": func() lang.Lang { return other },
		// word is a code shown as a word (a verdict, a status, a mode), fill
		// a text filled from an English template (a why, a finding's title),
		// diffWhy what changed between two drills, durw a declared duration.
		"word":    func(v any) string { return p.T(fmt.Sprint(v)) },
		"fill":    p.Filled,
		"diffWhy": func(why string) string { return reports.ChangeIn(p, why) },
		"durw":    func(d drill.Duration) string { return p.Duration(d.Std(), d.String()) },
		// modeText is "tabletop mode" ("modus tabletop"), outageText "1 week
		// outage" ("uitval van 1 week").
		"modeText":   func(mode any) string { return p.F("%s mode", p.T(fmt.Sprint(mode))) },
		"outageText": func(d string) string { return p.F("%s outage", d) },
		// outages says matrix durations in words in p's language: "1 maand".
		"outages": func(ds []string) string {
			out := make([]string, len(ds))
			for i, d := range ds {
				out[i] = p.T(reports.OutageLabel(d))
			}
			return strings.Join(out, ", ")
		},
	}
}

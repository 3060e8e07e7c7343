// Package lang holds the languages exitdrill speaks to people — English and
// Dutch — and chooses one: from --lang, EXITDRILL_LANG or a browser's
// Accept-Language. A [Printer] translates the English text of reports, the
// console and the CLI's human output through golang.org/x/text/message
// catalogs, and writes dates, numbers and durations the way the language
// does (4 december 2026, 1.300, 2,5 uur). JSON, JUnit and evidence never go
// through it: they keep stable codes. It does no I/O.
package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Lang is a language exitdrill speaks, by its BCP 47 code.
type Lang string

// The languages exitdrill speaks; English is the default and the language of
// the source texts.
const (
	English Lang = "en"
	Dutch   Lang = "nl"
)

// All are the languages, in the order help texts and the console list them.
var All = []Lang{English, Dutch}

// EnvVar names the environment variable that chooses the language when no
// --lang is given.
const EnvVar = "EXITDRILL_LANG"

// Tag is the language's tag.
func (l Lang) Tag() language.Tag {
	if l == Dutch {
		return language.Dutch
	}
	return language.English
}

// Name is the language's name in itself, for a switch: English, Nederlands.
func (l Lang) Name() string {
	if l == Dutch {
		return "Nederlands"
	}
	return "English"
}

// Parse reads a language as --lang or EXITDRILL_LANG give it: en or nl (case
// and a region such as nl-NL or en_GB do not matter); "" is English.
func Parse(s string) (Lang, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(v, "-_"); i > 0 {
		v = v[:i]
	}
	switch v {
	case "", "en":
		return English, nil
	case "nl":
		return Dutch, nil
	}
	return English, fmt.Errorf("language %q: allowed are en and nl", s)
}

// FromEnv is the language of --lang when it was given (flag), else that of
// EXITDRILL_LANG (getenv), else English. A value that is not a language is
// an error naming where it came from.
func FromEnv(flag string, getenv func(string) string) (Lang, error) {
	if flag != "" {
		l, err := Parse(flag)
		if err != nil {
			return l, fmt.Errorf("--lang: %w", err)
		}
		return l, nil
	}
	l, err := Parse(getenv(EnvVar))
	if err != nil {
		return l, fmt.Errorf("%s: %w", EnvVar, err)
	}
	return l, nil
}

var matcher = language.NewMatcher([]language.Tag{language.English, language.Dutch})

// Negotiate chooses the language a browser prefers by its Accept-Language
// header: Dutch for nl, nl-NL or nl-BE before English, else English.
func Negotiate(acceptLanguage string) Lang {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No || i != 1 {
		return English
	}
	return Dutch
}

// messages is the catalog of translations, built on first use from the
// tables of this package (after their init functions have filled them).
var messages = sync.OnceValue(func() catalog.Catalog {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for en, nl := range dutch {
		if err := b.SetString(language.Dutch, en, nl); err != nil {
			panic("lang: " + err.Error()) // the table is a literal: a test reads every entry
		}
	}
	return b
})

// Printer writes text in one language. The zero value and nil print English.
type Printer struct {
	lang Lang
	p    *message.Printer
}

// Printer returns the language's printer.
func (l Lang) Printer() *Printer {
	if l != Dutch {
		return &Printer{lang: English}
	}
	return &Printer{lang: l, p: message.NewPrinter(language.Dutch, message.Catalog(messages()))}
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang {
	if p == nil || p.lang == "" {
		return English
	}
	return p.lang
}

// Dutch reports whether the printer writes Dutch.
func (p *Printer) Dutch() bool { return p.Lang() == Dutch }

// T translates an English text: itself in English, its Dutch entry in Dutch
// (the English text when there is none; TestEveryKeyHasDutch sees that
// there always is).
func (p *Printer) T(en string) string {
	if !p.Dutch() {
		return en
	}
	if nl, ok := dutch[en]; ok {
		return nl
	}
	return en
}

// F formats like fmt.Sprintf after translating the format: in Dutch numbers
// are grouped the Dutch way (1.300). English output is fmt's, byte for byte.
func (p *Printer) F(format string, args ...any) string {
	if !p.Dutch() {
		return fmt.Sprintf(format, args...)
	}
	return p.p.Sprintf(format, args...)
}

// longText is the Dutch long help text of a command and the SHA-256 (first
// 16 hex digits) of the English text it translates.
type longText struct{ en, nl string }

// longHelp are the Dutch long help texts by the command's path under
// exitdrill ("run", "export roi"); see nl_help_long.go.
var longHelp = map[string]longText{}

// LongHelp returns the long help text of the command at path (its path
// under exitdrill, "export roi") in the printer's language: english itself
// in English; in Dutch the table's text when it translates this very
// english (its hash matches), else "" and false.
func (p *Printer) LongHelp(path, english string) (string, bool) {
	if !p.Dutch() {
		return english, true
	}
	t, ok := longHelp[path]
	if !ok {
		return "", false
	}
	sum := sha256.Sum256([]byte(english))
	if hex.EncodeToString(sum[:8]) != t.en {
		return "", false
	}
	return t.nl, true
}

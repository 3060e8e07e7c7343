package cli

import (
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// langFlag is the global --lang: the language of the output written for
// people (tables, verdict lines, the HTML, Markdown and PDF reports). JSON,
// JUnit, CSV and evidence bundles stay language-neutral, with stable codes.
type langFlag struct{ value string }

func (f *langFlag) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.value, "lang", "", "language of the output for people: en or nl (default $"+lang.EnvVar+", else en); JSON, JUnit and evidence stay language-neutral")
}

// language is the language --lang or EXITDRILL_LANG asks for; a value that
// is not one is a usage error (exit 2).
func (s *Streams) language() (lang.Lang, error) {
	flag := ""
	if s.lang != nil {
		flag = s.lang.value
	}
	l, err := lang.FromEnv(flag, os.Getenv)
	if err != nil {
		return l, withCode(ExitInvalid, err)
	}
	return l, nil
}

// printer is the printer of the language asked for, English when the value
// is not a language (the commands that print check it first with language).
func (s *Streams) printer() *lang.Printer {
	l, _ := s.language()
	return l.Printer()
}

// localTime is a moment on this machine's clock for people: "2026-12-05
// 14:03:00" in English, "5 december 2026 14:03:00" in Dutch.
func localTime(p *lang.Printer, t time.Time) string {
	lt := t.Local()
	if !p.Dutch() {
		return lt.Format(time.DateTime)
	}
	return p.Date(time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, time.UTC)) + " " + lt.Format("15:04:05")
}

package cli

import (
	"os"

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

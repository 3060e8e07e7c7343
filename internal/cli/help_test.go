package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// TestHelpInDutch: with --lang nl or EXITDRILL_LANG=nl, exitdrill --help
// and a command's --help (and exitdrill help COMMAND) are Dutch: cobra's
// fixed words, the commands' short texts and the flags' usages; English
// help is cobra's own, byte for byte.
func TestHelpInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	cases := []struct {
		name    string
		args    []string
		env     string
		want    []string
		notWant []string
	}{
		{"root", []string{"--lang", "nl", "--help"}, "",
			[]string{"Gebruik:", "Beschikbare opdrachten:", "Opties:", `Gebruik "exitdrill [opdracht] --help" voor meer informatie over een opdracht.`,
				"Toon de bewezen exitgereedheid", "taal van de uitvoer voor mensen"},
			[]string{"Usage:", "Available Commands:", "Flags:", "for more information", "Show exit readiness", "language of the output"}},
		{"command", []string{"validate", "--help"}, "nl",
			[]string{"Gebruik:", "Opties:", "Globale opties:", "[opties]"},
			[]string{"Usage:", "Flags:", "Global Flags:", "[flags]"}},
		{"help command", []string{"help", "readiness", "--lang", "nl"}, "",
			[]string{"Gebruik:", "Opties:", "map met de bewijsbundels", "(standaard "},
			[]string{"Usage:", "directory holding evidence bundles", "(default "}},
		{"group", []string{"schedule", "--lang", "nl"}, "",
			[]string{"Beschikbare opdrachten:", "Gebruik \"exitdrill schedule [opdracht] --help\""},
			[]string{"Available Commands:"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("EXITDRILL_LANG", tc.env)
			code, out, errs := run(t, tc.args...)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("still says %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestHelpEnglishIsCobras: without --lang the help of every command is
// what cobra's own help function writes, byte for byte.
func TestHelpEnglishIsCobras(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	var paths [][]string
	walkCommands(NewRoot(&Streams{}), func(c *cobra.Command) {
		paths = append(paths, strings.Fields(c.CommandPath())[1:])
	})
	for _, path := range paths {
		args := append(append([]string{}, path...), "--help")
		_, got, _ := run(t, args...)
		var out bytes.Buffer
		s := Streams{In: strings.NewReader(""), Out: &out, Err: &out}
		root := NewRoot(&s)
		root.SetHelpFunc(nil) // cobra's own
		root.SetArgs(args)
		if err := root.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if got != out.String() {
			t.Errorf("exitdrill %s: the English help is not cobra's:\ngot:\n%s\nwant:\n%s", strings.Join(args, " "), got, out.String())
		}
	}
}

// TestHelpTextsHaveDutch: every command's short text and every flag's
// usage has a Dutch entry, so that a command or flag added in English only
// fails here, naming it.
func TestHelpTextsHaveDutch(t *testing.T) {
	p := lang.Dutch.Printer()
	walkCommands(NewRoot(&Streams{}), func(c *cobra.Command) {
		if c.Short != "" && p.T(c.Short) == c.Short {
			t.Errorf("%s: no Dutch for the short text %q", c.CommandPath(), c.Short)
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if f.Usage != "" && !f.Hidden && p.T(f.Usage) == f.Usage {
				t.Errorf("%s --%s: no Dutch for the usage %q", c.CommandPath(), f.Name, f.Usage)
			}
		})
	})
}

// walkCommands calls fn for c and every command under it.
func walkCommands(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walkCommands(sub, fn)
	}
}

package cli

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCommands pins the top-level commands: the explicit list in root.go is the
// only place that adds one (help and completion are cobra's).
func TestCommands(t *testing.T) {
	var got []string
	for _, c := range NewRoot(&Streams{}).Commands() {
		got = append(got, c.Name())
	}
	want := []string{"abort", "ack", "actions", "cluster", "completion", "console", "diff", "export", "gen", "help", "impact", "import", "keygen", "list", "matrix", "notify", "observe", "publish",
		"readiness", "render", "report", "review", "run", "scenarios", "schedule", "schema", "server", "status",
		"step", "steps", "stop-all", "suppliers", "validate", "verify", "version", "worker"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
}

// TestUsageErrors: every kind of command line mistake exits 2 with cobra's
// message on stderr and nothing on stdout; they are recognised by type, so the
// wording is cobra's business.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown flag", []string{"validate", "--bogus", "testdata/valid"}, "unknown flag: --bogus"},
		{"unknown shorthand", []string{"validate", "-Z", "testdata/valid"}, "unknown shorthand flag: 'Z' in -Z"},
		{"bad flag value", []string{"abort", "d1", "--reason", "r", "--wait", "soon"}, `invalid argument "soon" for "--wait" flag`},
		{"flag without its value", []string{"abort", "d1", "--reason"}, "flag needs an argument: --reason"},
		{"missing argument", []string{"verify"}, "accepts 1 arg(s), received 0"},
		{"too many arguments", []string{"status", "d1", "d2"}, "accepts at most 1 arg(s), received 2"},
		{"missing required flag", []string{"impact", "--catalog", "testdata/valid"}, `required flag(s) "scenario" not set`},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate" for "exitdrill"`},
		{"unknown command with a suggestion", []string{"valdate"}, "Did you mean this?\n\tvalidate\n"},
		{"unknown subcommand of a group", []string{"schedule", "frobnicate"}, `unknown command "frobnicate" for "exitdrill schedule"`},
		{"unknown subcommand of a command", []string{"console", "frobnicate"}, `unknown command "frobnicate" for "exitdrill console"`},
		{"unknown subcommand of completion", []string{"completion", "frobnicate"}, `unknown command "frobnicate" for "exitdrill completion"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != ExitInvalid || out != "" || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("exitdrill %s: exit %d, stdout %q, stderr %q; want 2, nothing and %q",
					strings.Join(tt.args, " "), code, out, errs, tt.wantErr)
			}
		})
	}
}

// TestGroupWithoutSubcommandShowsHelp: a command group run alone still shows its
// help and exits 0.
func TestGroupWithoutSubcommandShowsHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"schedule"}, {"scenarios"}, {"gen"}, {"step"}, {"export"}} {
		code, out, errs := run(t, args...)
		if code != ExitOK || !strings.Contains(out, "Available Commands:") || errs != "" {
			t.Errorf("exitdrill %s: exit %d, stderr %q, stdout %q; want 0 and the help", strings.Join(args, " "), code, errs, out)
		}
	}
}

package cli

import (
	"os"
	"strings"
	"testing"
)

// A bad --actor or --note is refused before anything is read or started: no
// server is even opened on the state directory.
func TestStarterRefused(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 1001)
	for _, tt := range []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"run with a note too long", []string{"run", "--note", long},
			"exitdrill: the note is 1001 characters long; at most 1000 are allowed\n"},
		{"run with a bell in the note", []string{"run", "--note", "ring\a"},
			"exitdrill: the note has a control character (U+0007) at character 5; only newline and tab are allowed\n"},
		{"run with an escape sequence in the actor", []string{"run", "--actor", "anna\x1b[2J"},
			"exitdrill: the actor has a control character (U+001B) at character 5; none are allowed\n"},
		{"schedule with a note too long", []string{"schedule", "create", "--cron", "0 9 1 */3 *", "--id", "quarterly", "--note", long},
			"exitdrill: schedule quarterly: the note is 1001 characters long; at most 1000 are allowed\n"},
		{"schedule with a newline in the actor", []string{"schedule", "create", "--cron", "0 9 1 */3 *", "--id", "quarterly", "--actor", "anna\nroot"},
			"exitdrill: schedule quarterly: the actor has a control character (U+000A) at character 5; none are allowed\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			state := t.TempDir()
			args := append(tt.args, "--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed"), "--state-dir", state)
			code, out, errs := run(t, args...)
			if code != ExitInvalid || out != "" || errs != tt.wantErr {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing and %q", code, out, errs, tt.wantErr)
			}
			if entries, _ := os.ReadDir(state); len(entries) != 0 {
				t.Errorf("the state directory was used: %v", entries)
			}
		})
	}
}

// An id that is not letters, digits, '.', '_' and '-' is refused before
// anything is read or started: the evidence directory is named after it.
func TestBadIDRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"run", []string{"run", "--id", "../outside"},
			`exitdrill: drill id "../outside": only letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit` + "\n"},
		{"schedule", []string{"schedule", "create", "--cron", "0 9 1 */3 *", "--id", "a/b"},
			`exitdrill: schedule id "a/b": only letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			state := t.TempDir()
			args := append(tt.args, "--catalog", "testdata/nothing-here", "--scenario", scenarioFile("portal-compressed"), "--state-dir", state)
			code, out, errs := run(t, args...)
			if code != ExitInvalid || out != "" || errs != tt.wantErr {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing and %q", code, out, errs, tt.wantErr)
			}
			if entries, _ := os.ReadDir(state); len(entries) != 0 {
				t.Errorf("the state directory was used: %v", entries)
			}
		})
	}
}

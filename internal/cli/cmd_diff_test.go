package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// TestDiffTolerance: --tolerance decides whether a recovery time that moved
// is better, worse or the same; a bad value is a usage error that says what
// is allowed; an unsigned side is a warning.
func TestDiffTolerance(t *testing.T) {
	b := newCheckedBundles(t)
	slower := filepath.Join(filepath.Dir(b.d1), "d5") // process a recovers in 6h20m, d2's in 6h
	writeDrillBundle(t, filepath.Join(filepath.Dir(b.d1), "catalog"), slower, "d5", time.Now().UTC(), 6*time.Hour+20*time.Minute, b.key)

	diff := func(t *testing.T, old, new string, args ...string) *reports.Diff {
		t.Helper()
		code, out, errs := run(t, append([]string{"diff", old, new, "--format", "json"}, args...)...)
		if code != ExitOK {
			t.Fatalf("diff %s: exit %d, %s", args, code, errs)
		}
		var d reports.Diff
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		return &d
	}
	for _, tc := range []struct {
		args                  []string
		change, why, withinIt string
	}{
		{nil, reports.ChangeSame, "recovery 6h → 6h20m within tolerance (±36m)", "±36m"},
		{[]string{"--tolerance", "15m"}, reports.ChangeWorse, "recovery 6h → 6h20m", ""},
		{[]string{"--tolerance", "0%"}, reports.ChangeWorse, "recovery 6h → 6h20m", ""},
		{[]string{"--tolerance", "5%, 30m"}, reports.ChangeSame, "recovery 6h → 6h20m within tolerance (±30m)", "±30m"},
	} {
		name := strings.Join(tc.args, " ")
		if name == "" {
			name = "default"
		}
		t.Run(name, func(t *testing.T) {
			d := diff(t, b.d2, slower, tc.args...)
			c := d.Processes[0]
			if c.Process != "a" || c.Change != tc.change || c.Why != tc.why || c.WithinTolerance != tc.withinIt {
				t.Errorf("%s: %s, %q, within %q; want %s, %q, within %q", c.Process, c.Change, c.Why, c.WithinTolerance, tc.change, tc.why, tc.withinIt)
			}
		})
	}

	for _, bad := range []string{"ten", "10", "150%", "", "10%,20%", "-5m"} {
		t.Run("bad "+bad, func(t *testing.T) {
			code, out, errs := run(t, "diff", b.d2, slower, "--tolerance", bad)
			want := `--tolerance "` + bad + `": `
			if code != ExitInvalid || out != "" || !strings.Contains(errs, want) || !strings.Contains(errs, "; allowed are "+judge.ToleranceAllowed+"\n") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q ... allowed are %s", code, out, errs, want, judge.ToleranceAllowed)
			}
		})
	}

	t.Run("an unsigned side", func(t *testing.T) {
		d := diff(t, b.d2, b.unsigned)
		var kinds []string
		for _, w := range d.Warnings {
			kinds = append(kinds, w.Kind)
		}
		if !strings.Contains(strings.Join(kinds, " "), reports.WarnSignature) {
			t.Errorf("warnings %q, want %s", kinds, reports.WarnSignature)
		}
		code, out, _ := run(t, "diff", b.d2, b.unsigned)
		if first, _, _ := strings.Cut(out, "\n"); code != ExitOK || !strings.HasPrefix(first, "Not like for like") || !strings.Contains(out, "the new drill's bundle is not signed; the old one is, by ed25519:") {
			t.Errorf("text diff: exit %d\n%s", code, out)
		}
	})
}

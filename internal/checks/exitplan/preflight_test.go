package exitplan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// The exit plan checks' preflight: a worker that cannot see the catalog's
// directory cannot read the plan or its exports; a file that is not there
// in a directory it sees is the check's own finding (a missing exit plan
// fails), not the worker's problem.
func TestPreflight(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plan.md"), []byte("# Exit plan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ep := &drill.ExitPlan{Document: "plan.md", Exports: []*drill.Export{{Path: "exports/crm.csv", Format: "csv"}}}
	tests := []struct {
		name, base string
		want       []string
	}{
		{"all there", dir, nil},
		{"catalog directory not visible", filepath.Join(dir, "other"), []string{
			"this worker cannot see the catalog directory " + filepath.Join(dir, "other") + " (for exit plan document plan.md)",
			"this worker cannot see the catalog directory " + filepath.Join(dir, "other") + " (for export exports/crm.csv)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r step.Report
			in := drill.StepInput{Step: &drill.StepPlan{BaseDir: tt.base, ExitPlan: ep}}
			CurrentPreflight(context.Background(), &step.Config{}, in, &r)
			ExportPreflight(context.Background(), &step.Config{}, in, &r)
			if strings.Join(r.Problems, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%q\nwant:\n%q", r.Problems, tt.want)
			}
		})
	}
}

// A document the worker may not read is a problem of the worker (not
// testable as root, who reads everything).
func TestPreflightUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plan.md"), []byte("# Exit plan\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	var r step.Report
	in := drill.StepInput{Step: &drill.StepPlan{BaseDir: dir, ExitPlan: &drill.ExitPlan{Document: "plan.md"}}}
	CurrentPreflight(context.Background(), &step.Config{}, in, &r)
	if want := "this worker may not read exit plan document " + filepath.Join(dir, "plan.md") + " (permission denied)"; strings.Join(r.Problems, "\n") != want {
		t.Errorf("problems %q, want %q", r.Problems, want)
	}
}

package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

const sectionsHead = "apiVersion: exitdrill/v1\nkind: Catalog\norganisation: Gemeente Voorbeeldstad\n"

// TestExitPlanSectionsValidation: the catalog's own exit-plan headings are
// checked at load, each problem at its file, line and column.
func TestExitPlanSectionsValidation(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "valid", files: map[string]string{"c.yaml": sectionsHead + "exitPlanSections:\n  triggers: [Aanleiding voor vertrek]\n  tests: [Bewijs van oefenen, Oefenverslag]\n"}},
		{name: "unknown section", files: map[string]string{"c.yaml": sectionsHead + "exitPlanSections:\n  triggers: [Aanleiding]\n  exitTriggers: [Vertrek]\n"},
			want: []string{`c.yaml:6:3: exitPlanSections.exitTriggers: value "exitTriggers": unknown key (allowed: keys: triggers, alternatives, data, transition, roles, continuity, tests)`}},
		{name: "heading without a word", files: map[string]string{"c.yaml": sectionsHead + "exitPlanSections:\n  roles: [\"3.1\"]\n"},
			want: []string{`c.yaml:5:10: exitPlanSections.roles[0]: value "3.1": a heading must hold a word (allowed: the text of a heading in your exit plan template, such as "Aanleiding voor vertrek")`}},
		{name: "one heading for two sections", files: map[string]string{"c.yaml": sectionsHead + "exitPlanSections:\n  triggers: [Plan B]\n  alternatives: [\"plan  b\"]\n"},
			want: []string{`c.yaml:6:17: exitPlanSections.alternatives[0]: value "plan  b": this heading is already given for section triggers (allowed: each heading for one of triggers, alternatives, data, transition, roles, continuity, tests)`}},
		{name: "given twice", files: map[string]string{
			"a.yaml": sectionsHead + "exitPlanSections:\n  triggers: [Aanleiding]\n",
			"b.yaml": sectionsHead + "exitPlanSections:\n  roles: [Wie doet wat]\n"},
			want: []string{`b.yaml:5:3: exitPlanSections: exitPlanSections is already given at a.yaml:5:3 (allowed: one exitPlanSections per catalog)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			c, err := catalog.Load(yamldoc.OSFS{}, dir)
			var got []string
			if err != nil {
				for _, l := range problems(t, err) {
					got = append(got, strings.ReplaceAll(l, dir+string(filepath.Separator), ""))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if tt.want == nil && (c.ExitPlanSections == nil || c.ExitPlanSections.Tests[1] != "Oefenverslag") {
				t.Errorf("ExitPlanSections = %+v, want the document's", c.ExitPlanSections)
			}
		})
	}
}

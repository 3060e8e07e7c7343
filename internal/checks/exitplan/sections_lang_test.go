package exitplan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ownTemplateCatalog is a catalog whose organisation writes exit plans in its
// own template, mapped to the required sections by exitPlanSections.
const ownTemplateCatalog = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Gemeente Voorbeeldstad
exitPlanSections:
  triggers: ["Wanneer vertrekken we"]
  alternatives: [Plan B]
  data: [Onze gegevens mee]
  transition: [Stappen en weken]
  roles: [Wie doet wat]
  continuity: [Doordraaien]
  tests: [Bewijs van oefenen]
suppliers:
  - {id: cloud, jurisdiction: US, contract: {noticePeriod: 90d, exitAssistance: 180d}}
  - {id: own, jurisdiction: NL}
applications:
  - id: zaken
    supplier: cloud
    exitPlan: {document: DOC, owner: Directie Ruimte, reviewed: 2026-09-01, target: own, migrationTime: 45d}
`

// loadOwnTemplate writes ownTemplateCatalog beside a copy of the plan
// testdata/exitplan/doc and loads it, as validate and run do.
func loadOwnTemplate(t *testing.T, doc string, mapped bool) drill.StepInput {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata/exitplan", doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, doc), b, 0o644); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(ownTemplateCatalog, "DOC", doc, 1)
	if !mapped {
		src = src[:strings.Index(src, "exitPlanSections:")] + src[strings.Index(src, "suppliers:"):]
	}
	if err := os.WriteFile(filepath.Join(dir, "catalog.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(yamldoc.OSFS{}, dir)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	app := c.Application("zaken")
	return drill.StepInput{
		Step: &drill.StepPlan{ID: "exit", Kind: drill.ExitPlanCurrent, Target: "zaken", App: "zaken", BaseDir: dir,
			ExitPlan: app.ExitPlan, Contract: c.Supplier("cloud").Contract, ExitPlanSections: c.ExitPlanSections},
		T0: exitT0,
	}
}

// TestExitPlanSectionsInTheirOwnLanguage: a plan with Dutch headings passes
// out of the box; a plan in an organisation's own template passes when the
// catalog maps its headings, fails naming every section without the mapping,
// and fails naming the one section its template leaves out.
func TestExitPlanSectionsInTheirOwnLanguage(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		mapped   bool
		want     string
		sections string
	}{
		{name: "Dutch headings out of the box", doc: "nederlands.md", sections: "7 of 7"},
		{name: "Dutch headings beside a mapping", doc: "nederlands.md", mapped: true, sections: "7 of 7"},
		{name: "own template, mapped", doc: "eigen-sjabloon.md", mapped: true, sections: "7 of 7"},
		{name: "own template, not mapped", doc: "eigen-sjabloon.md", sections: "0 of 7",
			want: `missing sections "Exit triggers", "Alternative providers", "Data return and transfer", "Transition plan and timeline", ` +
				`"Roles and responsibilities", "Continuity during the exit", "Record of tests": add them to eigen-sjabloon.md`},
		{name: "own template missing a section", doc: "eigen-sjabloon-onvolledig.md", mapped: true, sections: "6 of 7",
			want: `missing section "Roles and responsibilities": add it to eigen-sjabloon-onvolledig.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newRunner(func(string) (string, bool) { return "", false })
			out, got := steptest.Reason(t, a, loadOwnTemplate(t, tt.doc, tt.mapped))
			if got != tt.want {
				t.Errorf("reason:\n got %q\nwant %q", got, tt.want)
			}
			if out.Details["sections"] != tt.sections {
				t.Errorf("sections = %q, want %q", out.Details["sections"], tt.sections)
			}
		})
	}
}

func TestNormaliseFoldsAccents(t *testing.T) {
	for in, want := range map[string]string{
		"6. Continuïteit tijdens de exit": " continuiteit tijden de exit ",
		"Beëindigingsgronden":             " beeindigingsgronden ",
		"Overdracht van gegevens (data)":  " overdracht van gegeven data ",
	} {
		if got := normalise(in); got != want {
			t.Errorf("normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSectionsInReadme keeps the README's table of required sections, with
// the rules that ask for each, equal to drill.ExitSections, and every
// built-in heading it names recognised.
func TestSectionsInReadme(t *testing.T) {
	b, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) == 4 && strings.HasPrefix(cells[0], "| `") {
			rows[strings.Trim(cells[0], "| `")] = line
		}
	}
	for _, sec := range drill.ExitSections {
		row, ok := rows[sec.Key]
		if !ok {
			t.Errorf("README has no row for section %s", sec.Key)
			continue
		}
		cells := strings.Split(strings.Trim(row, "| "), " | ")
		if cells[1] != sec.Name || cells[2] != sec.Source {
			t.Errorf("README row %s says %q, %q; want %q, %q", sec.Key, cells[1], cells[2], sec.Name, sec.Source)
		}
		for _, lang := range strings.Split(cells[3], ";") {
			for _, h := range strings.Split(lang, ",") {
				h = strings.ReplaceAll(strings.TrimSpace(h), "(en)", "")
				if r := findSections("## "+h+"\ntext\n", nil); slices.Contains(r.Missing, sec.Name) {
					t.Errorf("README names %q for %s, but it is not recognised", h, sec.Name)
				}
			}
		}
	}
}

package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

const examples = "../../examples/import"

// TestExamples imports each example of examples/import as the README does:
// the CMDB export and the BIA give catalogs that validate; the register one
// that names only what the register lacks.
func TestExamples(t *testing.T) {
	ctx := context.Background()
	glob := func(pattern string) []string {
		m, err := filepath.Glob(filepath.Join(examples, pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no %s: %v", pattern, err)
		}
		return m
	}
	cmdb, err := CMDB(ctx, glob("servicenow/*.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	bia, err := FromMapping(ctx, filepath.Join(examples, "bia/mapping.yaml"), glob("bia/*.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, res := range map[string]*Result{"servicenow": cmdb, "bia": bia} {
		if _, _, err := importInto(t, res, filepath.Join(t.TempDir(), name)); err != nil {
			t.Errorf("%s: the catalog does not validate: %v", name, err)
		}
	}

	roi := filepath.Join(t.TempDir(), "roi.zip")
	testkit.ZipDir(t, filepath.Join(examples, "roi"), roi)
	res, err := DORAROI(ctx, []string{roi}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = importInto(t, res, filepath.Join(t.TempDir(), "bank"))
	lines, _ := yamldoc.Lines(err)
	for _, l := range lines {
		if !strings.Contains(l, ".owner: required key has no value") && !strings.Contains(l, `.mtpd: value "TODO"`) {
			t.Errorf("roi: a problem other than a placeholder: %s", l)
		}
	}
	if len(lines) != 6 {
		t.Errorf("roi: %d problems, want 6 placeholders (owner and mtpd of three functions)", len(lines))
	}
}

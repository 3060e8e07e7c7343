package metrics

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var root = filepath.Join("..", "..")

// TestReadmeListsEveryMetric: the README's metrics table names every metric
// of exitdrill's own.
func TestReadmeListsEveryMetric(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range Names {
		if !strings.Contains(string(b), "| `"+n+"` |") {
			t.Errorf("README.md has no table row for %s", n)
		}
	}
}

// TestDashboard: docs/grafana/exitdrill.json is a dashboard whose every panel
// queries, through the data source chosen at import, metrics that exist.
func TestDashboard(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "docs", "grafana", "exitdrill.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title  string `json:"title"`
		Panels []struct {
			Title      string `json:"title"`
			Type       string `json:"type"`
			Datasource struct {
				UID string `json:"uid"`
			} `json:"datasource"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("exitdrill.json: %v", err)
	}
	name := regexp.MustCompile(`exitdrill_[a-z_]+`)
	used := map[string]bool{}
	for _, p := range d.Panels {
		if p.Type == "row" {
			continue
		}
		if len(p.Targets) == 0 || p.Datasource.UID != "${DS_PROMETHEUS}" {
			t.Errorf("panel %q: %d queries, data source %q; want queries on ${DS_PROMETHEUS}", p.Title, len(p.Targets), p.Datasource.UID)
		}
		for _, tg := range p.Targets {
			for _, n := range name.FindAllString(tg.Expr, -1) {
				base := n
				for _, suf := range []string{"_bucket", "_sum", "_count"} {
					if s, ok := strings.CutSuffix(n, suf); ok && s == StepDuration {
						base = s
					}
				}
				if !slices.Contains(Names, base) {
					t.Errorf("panel %q queries %s, which exitdrill does not export", p.Title, n)
				}
				used[base] = true
			}
		}
	}
	for _, n := range Names {
		if !used[n] {
			t.Errorf("no panel shows %s", n)
		}
	}
}

package yamldoc_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
	"github.com/exitdrill/exitdrill/scenarios"
)

// at walks a schema along property names; "[]" steps into a list's items.
func at(t *testing.T, s map[string]any, path ...string) map[string]any {
	t.Helper()
	for _, p := range path {
		var next any
		if p == "[]" {
			next = s["items"]
		} else {
			props, _ := s["properties"].(map[string]any)
			next = props[p]
		}
		m, ok := next.(map[string]any)
		if !ok {
			t.Fatalf("schema has no %s in %v", strings.Join(path, "."), s)
		}
		s = m
	}
	return s
}

func TestSchemaCatalog(t *testing.T) {
	s := yamldoc.Schema(reflect.TypeFor[catalog.Document](), catalog.Kind, "exitdrill catalog")
	if _, err := json.Marshal(s); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"$schema", s["$schema"], "http://json-schema.org/draft-07/schema#"},
		{"$id", s["$id"], "https://exitdrill.dev/schema/v1/Catalog.json"},
		{"title", s["title"], "exitdrill catalog"},
		{"additionalProperties", s["additionalProperties"], false},
		{"required", s["required"], []string{"apiVersion", "kind"}},
		{"kind", at(t, s, "kind")["const"], "Catalog"},
		{"apiVersion enum", at(t, s, "apiVersion")["enum"], []string{"exitdrill/v1"}},
		{"suppliers type", at(t, s, "suppliers")["type"], "array"},
		{"supplier required", at(t, s, "suppliers", "[]")["required"], []string{"id"}},
		{"supplier additionalProperties", at(t, s, "suppliers", "[]")["additionalProperties"], false},
		{"jurisdiction examples", at(t, s, "suppliers", "[]", "jurisdiction")["examples"], []string{"NL"}},
		{"application required", at(t, s, "applications", "[]")["required"], []string{"id", "supplier"}},
		{"model enum", at(t, s, "applications", "[]", "model")["enum"], []string{"saas", "paas", "iaas", "onprem"}},
		{"backup required", at(t, s, "applications", "[]", "backups", "[]")["required"], []string{"id", "kind", "location", "heldBy"}},
		{"backup kind enum", at(t, s, "applications", "[]", "backups", "[]", "kind")["enum"], []string{"restic", "pgdump", "archive", "directory"}},
		{"every pattern", at(t, s, "applications", "[]", "backups", "[]", "every")["pattern"], `^([0-9]+[smhdw])+$`},
		{"verify required", at(t, s, "applications", "[]", "backups", "[]", "verify", "[]")["required"], []string{"query"}},
		{"exit plan required", at(t, s, "applications", "[]", "exitPlan")["required"], []string{"document", "owner", "reviewed", "target"}},
		{"reviewed format", at(t, s, "applications", "[]", "exitPlan", "reviewed")["format"], "date"},
		{"export format enum", at(t, s, "applications", "[]", "exitPlan", "exports", "[]", "format")["enum"], []string{"csv", "json", "jsonl", "xml", "ods"}},
		{"health required", at(t, s, "applications", "[]", "alternatives", "[]", "health")["required"], []string{"url"}},
		{"expectStatus type", at(t, s, "applications", "[]", "alternatives", "[]", "health", "expectStatus")["type"], "integer"},
		{"process required", at(t, s, "processes", "[]")["required"], []string{"id", "owner", "mtpd", "rto", "rpo", "applications"}},
		{"critical type", at(t, s, "processes", "[]", "critical")["type"], "boolean"},
		{"rto description", at(t, s, "processes", "[]", "rto")["description"], "Recovery time objective; at most the MTPD."},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
	// Every object is closed, as the decoder is strict.
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["properties"]; ok && v["additionalProperties"] != false {
				t.Errorf("%s: additionalProperties = %v, want false", path, v["additionalProperties"])
			}
			for k, sub := range v {
				walk(path+"/"+k, sub)
			}
		case []any:
			for _, sub := range v {
				walk(path+"/[]", sub)
			}
		}
	}
	walk("#", s)
}

func TestSchemaRunbookAndScenario(t *testing.T) {
	rb := yamldoc.Schema(reflect.TypeFor[runbooks.Runbook](), runbooks.Kind, "exitdrill runbook")
	if got := at(t, rb, "kind")["const"]; got != "Runbook" {
		t.Errorf("runbook kind const = %v", got)
	}
	if diff := cmp.Diff([]string{"apiVersion", "kind", "id", "steps"}, rb["required"]); diff != "" {
		t.Errorf("runbook required (-want +got):\n%s", diff)
	}
	wantChecks := []string{"backup.fresh", "backup.restore", "hosting.healthy", "hosting.tls", "exitplan.current", "exitplan.export", "forge.mirror"}
	if diff := cmp.Diff(wantChecks, at(t, rb, "steps", "[]", "check")["enum"]); diff != "" {
		t.Errorf("check enum (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"command", "wait", "container"}, at(t, rb, "steps", "[]", "action")["enum"]); diff != "" {
		t.Errorf("action enum (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"role", "instructions"}, at(t, rb, "steps", "[]", "manual")["required"]); diff != "" {
		t.Errorf("manual required (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"every", "for"}, at(t, rb, "rollback", "[]", "retry")["required"]); diff != "" {
		t.Errorf("retry required (-want +got):\n%s", diff)
	}

	sc := yamldoc.Schema(reflect.TypeFor[scenarios.Scenario](), scenarios.Kind, "exitdrill scenario")
	if diff := cmp.Diff([]string{"live", "compressed", "tabletop"}, at(t, sc, "mode")["enum"]); diff != "" {
		t.Errorf("mode enum (-want +got):\n%s", diff)
	}
	if got := at(t, sc, "lose")["additionalProperties"]; got != false {
		t.Errorf("lose additionalProperties = %v, want false", got)
	}
	if got := at(t, sc, "timeScale")["type"]; got != "number" {
		t.Errorf("timeScale type = %v, want number", got)
	}
}

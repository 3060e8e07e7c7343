package yamldoc_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

type item struct {
	ID    string         `yaml:"id" required:"true"`
	Every drill.Duration `yaml:"every"`

	Src yamldoc.Source `yaml:"-"`
}

type sample struct {
	Name     string            `yaml:"name" required:"true"`
	Colour   string            `yaml:"colour" enum:"red,green" what:"colour"`
	Shade    string            `yaml:"shade" enum:"light,dark"`
	Count    int               `yaml:"count"`
	Ratio    float64           `yaml:"ratio"`
	On       bool              `yaml:"on"`
	Since    drill.Date        `yaml:"since"`
	Tags     []string          `yaml:"tags"`
	Labels   map[string]string `yaml:"labels"`
	Items    []*item           `yaml:"items"`
	Child    *item             `yaml:"child"`
	Hidden   string            `yaml:"-"`
	Untagged string

	Src yamldoc.Source `yaml:"-"`
}

// TestDecodeRules checks every problem the decoder itself reports, with its
// position, key path and the allowed values.
func TestDecodeRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"valid", "name: x\ncolour: red\ncount: 1_000\nratio: 0.5\non: true\nsince: 2026-06-01\ntags: [a]\nlabels: {a: b}\nitems: [{id: a, every: 1d}]\nchild: {id: c}\n", nil},
		{"unknown key", "name: x\ncolor: red\n", []string{
			`t.yaml:2:1: color: value "color": unknown key (allowed: keys: name, colour, shade, count, ratio, on, since, tags, labels, items, child)`,
		}},
		{"untagged and hidden fields are not keys", "name: x\nUntagged: a\nHidden: b\n", []string{
			`t.yaml:2:1: Untagged: value "Untagged": unknown key (allowed: keys: name, colour, shade, count, ratio, on, since, tags, labels, items, child)`,
			`t.yaml:3:1: Hidden: value "Hidden": unknown key (allowed: keys: name, colour, shade, count, ratio, on, since, tags, labels, items, child)`,
		}},
		{"missing required", "colour: red\n", []string{"t.yaml:1:1: name: missing required key"}},
		{"required without value", "name:\nitems: [{id: ''}]\n", []string{
			"t.yaml:1:6: name: required key has no value",
			"t.yaml:2:14: items[0].id: required key has no value",
		}},
		{"duplicate key", "name: x\nname: y\n", []string{`t.yaml:2:1: name: value "name": duplicate key (allowed: each key once per mapping)`}},
		{"duplicate map key", "name: x\nlabels: {a: 1, a: 2}\n", []string{`t.yaml:2:16: labels.a: value "a": duplicate key (allowed: each key once)`}},
		{"enum with a noun", "name: x\ncolour: blue\n", []string{`t.yaml:2:9: colour: value "blue": unknown colour (allowed: red, green)`}},
		{"enum without a noun", "name: x\nshade: pale\n", []string{`t.yaml:2:8: shade: value "pale": not an allowed value (allowed: light, dark)`}},
		{"list for a string", "name: [a, b]\n", []string{"t.yaml:1:7: name: expected a string, found a list (allowed: a string)"}},
		{"mapping for a string", "name: {a: b}\n", []string{"t.yaml:1:7: name: expected a string, found a mapping (allowed: a string)"}},
		{"string for a list", "name: x\ntags: a\n", []string{`t.yaml:2:7: tags: value "a": expected a list, found "a" (allowed: a list, for example [a, b] or one '- item' per line)`}},
		{"string for a mapping", "name: x\nchild: c\n", []string{`t.yaml:2:8: child: value "c": expected a mapping, found "c" (allowed: keys: id, every)`}},
		{"string for a map", "name: x\nlabels: c\n", []string{`t.yaml:2:9: labels: value "c": expected a mapping, found "c" (allowed: key: value pairs)`}},
		{"bad whole number", "name: x\ncount: 1.5\n", []string{`t.yaml:2:8: count: value "1.5": expected a whole number (allowed: a whole number such as 1000)`}},
		{"whole number out of range", "name: x\ncount: 99999999999999999999\n", []string{`t.yaml:2:8: count: value "99999999999999999999": expected a whole number (allowed: a whole number such as 1000)`}},
		{"bad number", "name: x\nratio: .inf\n", []string{`t.yaml:2:8: ratio: value ".inf": expected a number (allowed: a number such as 720 or 0.5)`}},
		{"bad bool", "name: x\non: yes\n", []string{`t.yaml:2:5: on: value "yes": expected true or false (allowed: true, false)`}},
		{"list for a scalar type", "name: x\nsince: [2026-06-01]\n", []string{"t.yaml:2:8: since: expected a single value, found a list"}},
		{"bad duration in a list item", "name: x\nitems:\n  - id: a\n    every: 1y\n", []string{
			`t.yaml:4:12: items[a].every: value "1y": malformed duration: unknown or missing unit (allowed: ` + drill.DurationAllowed + `)`,
		}},
		{"merge key", "name: x\nchild: &c {id: c}\nitems:\n  - <<: *c\n    every: 1d\n", []string{
			"t.yaml:4:5: items[0].<<: YAML merge keys are not supported (allowed: write the keys out, or repeat a whole value with an alias (*name))",
			"t.yaml:4:5: items[0].id: missing required key",
		}},
		{"alias of a whole value is fine", "name: &n x\nchild: {id: *n}\nitems: [*n]\n", []string{
			`t.yaml:3:9: items[0]: value "x": expected a mapping, found "x" (allowed: keys: id, every)`,
		}},
		{"complex key", "name: x\n? [a]\n: b\n", []string{"t.yaml:2:3: expected a plain key, found a list (allowed: keys: name, colour, shade, count, ratio, on, since, tags, labels, items, child)"}},
		{"null values are left alone", "name: x\ncolour: ~\ntags:\nchild: null\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decode(t, tt.src, new(sample))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecodeSource checks that Decode records where every object and key was
// written and names list items by their id.
func TestDecodeSource(t *testing.T) {
	src := `name: x
items:
  - id: first
    every: 1d
  - every: 2d
child:
  id: c
`
	var s sample
	if got := decode(t, src, &s); len(got) != 1 || got[0] != "t.yaml:5:5: items[1].id: missing required key" {
		t.Fatalf("problems: %q", got)
	}
	tests := []struct{ got, want string }{
		{s.Src.Pos.String(), "t.yaml:1:1"},
		{s.Src.At("name").String(), "t.yaml:1:7"},
		{s.Src.At("colour").String(), "t.yaml:1:1"},
		{s.Items[0].Src.Path, "items[first]"},
		{s.Items[0].Src.Pos.String(), "t.yaml:3:5"},
		{s.Items[0].Src.At("every").String(), "t.yaml:4:12"},
		{s.Items[0].Src.Key("every"), "items[first].every"},
		{s.Items[1].Src.Path, "items[1]"},
		{s.Child.Src.Path, "child"},
		{s.Child.Src.At("id").String(), "t.yaml:7:7"},
		{s.Items[0].Every.String(), "1d"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
	if !s.Src.Has("items") || s.Src.Has("colour") {
		t.Errorf("Has: want items and not colour")
	}
}

func TestRootPath(t *testing.T) {
	tests := []struct{ src, want string }{
		{"kind: Runbook\nid: parkeren-recovery\n", "runbook[parkeren-recovery]"},
		{"kind: Catalog\n", "catalog"},
		{"kind: Scenario\nid: [a]\n", "scenario"},
	}
	for _, tt := range tests {
		var errs yamldoc.List
		docs := yamldoc.Parse("t.yaml", []byte(tt.src), &errs)
		if len(docs) != 1 {
			t.Fatalf("Parse(%q): %v", tt.src, errs.Err())
		}
		if got := yamldoc.RootPath(docs[0]); got != tt.want {
			t.Errorf("RootPath(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

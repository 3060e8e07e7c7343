package defs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.yaml", Line: 12, Col: 9}, "a.yaml:12:9"},
		{Pos{File: "a.yaml", Line: 12}, "a.yaml:12"}, // syntax errors know the line only
		{Pos{File: "a.yaml"}, "a.yaml"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{
			Error{Pos: Pos{File: "c.yaml", Line: 12, Col: 9}, Key: "processes[p1].rto", Value: "10d", Problem: "rto is longer than mtpd 7d", Allowed: "rto <= mtpd"},
			`c.yaml:12:9: processes[p1].rto: value "10d": rto is longer than mtpd 7d (allowed: rto <= mtpd)`,
		},
		{Error{Pos: Pos{File: "c.yaml", Line: 1, Col: 1}, Key: "kind", Problem: "missing required key"}, "c.yaml:1:1: kind: missing required key"},
		{Error{Pos: Pos{File: "c.yaml"}, Problem: "file is empty"}, "c.yaml: file is empty"},
		{
			Error{Pos: Pos{File: "c.yaml", Line: 2, Col: 3}, Key: "name", Value: "a \"quoted\"\nvalue", Problem: "bad"},
			`c.yaml:2:3: name: value "a \"quoted\"\nvalue": bad`,
		},
		{
			Error{Pos: Pos{File: "c.yaml", Line: 2, Col: 3}, Key: "name", Value: string(make([]byte, 100)), Problem: "bad"},
			`c.yaml:2:3: name: value "` + strings.Repeat(`\x00`, 80) + `...": bad`,
		},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// TestListErrors checks that problems come out sorted by file, line, column,
// key and problem, without duplicates, and that Err says how many.
func TestListErrors(t *testing.T) {
	var l List
	if l.Err() != nil || l.Len() != 0 {
		t.Fatalf("empty List: Err() = %v, Len() = %d", l.Err(), l.Len())
	}
	l.Add(Pos{File: "b.yaml", Line: 3, Col: 1}, "x", "", "late", "")
	l.Add(Pos{File: "a.yaml", Line: 10, Col: 2}, "y", "", "second", "")
	l.Add(Pos{File: "a.yaml", Line: 9, Col: 5}, "z", "", "first", "")
	l.Add(Pos{File: "a.yaml", Line: 10, Col: 2}, "y", "", "second", "") // the same problem again, through an alias
	l.Add(Pos{File: "a.yaml"}, "", "", "whole file", "")
	src := NewSource(Pos{File: "a.yaml", Line: 20, Col: 3}, "processes[p]")
	src.SetKey("rto", Pos{File: "a.yaml", Line: 22, Col: 10})
	l.AddAt(src, "rto", "10d", "too long", "rto <= mtpd")
	l.AddAt(src, "rpo", "", "missing", "")
	var got []string
	for _, e := range l.Errors() {
		got = append(got, e.Error())
	}
	want := []string{
		"a.yaml: whole file",
		"a.yaml:9:5: z: first",
		"a.yaml:10:2: y: second",
		"a.yaml:20:3: processes[p].rpo: missing",
		`a.yaml:22:10: processes[p].rto: value "10d": too long (allowed: rto <= mtpd)`,
		"b.yaml:3:1: x: late",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Errors() (-want +got):\n%s", diff)
	}
	if !l.HasKey("processes[p].rto") || l.HasKey("processes[p]") {
		t.Errorf("HasKey: want true for a key with a problem only")
	}
	err := l.Err()
	if err == nil || err.Error() != "invalid definitions, 6 problems:\n"+strings.Join(want, "\n") {
		t.Errorf("Err() = %v", err)
	}
	var one List
	one.Add(Pos{File: "a.yaml"}, "", "", "x", "")
	var other List
	other.Append(&one)
	other.Append(nil)
	if err := other.Err(); err == nil || err.Error() != "invalid definitions, 1 problem:\na.yaml: x" {
		t.Errorf("Err() of one problem = %v", err)
	}
}

func TestSource(t *testing.T) {
	src := NewSource(Pos{File: "c.yaml", Line: 4, Col: 5}, "applications[parkeren]")
	src.SetKey("supplier", Pos{File: "c.yaml", Line: 6, Col: 15})
	tests := []struct{ got, want string }{
		{src.At("supplier").String(), "c.yaml:6:15"},
		{src.At("model").String(), "c.yaml:4:5"}, // not written: the object itself
		{src.Key("supplier"), "applications[parkeren].supplier"},
		{src.Key(""), "applications[parkeren]"},
		{src.Item("backups", "parkeren-db", 0), "applications[parkeren].backups[parkeren-db]"},
		{src.Item("backups", "", 2), "applications[parkeren].backups[2]"},
		{NewSource(Pos{}, "").Key("suppliers"), "suppliers"},
		{NewSource(Pos{}, "").Item("suppliers", "", 0), "suppliers[0]"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
	if !src.Has("supplier") || src.Has("model") {
		t.Errorf("Has: want true for supplier only")
	}
	var zero Source
	if zero.Has("x") || zero.At("x") != (Pos{}) {
		t.Errorf("zero Source: Has or At reports a key")
	}
}

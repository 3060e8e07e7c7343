package yamldoc

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// render returns the problems of l one per string.
func render(l *List) []string {
	var out []string
	for _, e := range l.Errors() {
		out = append(out, e.Error())
	}
	return out
}

// countingFS counts the bytes read from its files.
type countingFS struct {
	fs.FS
	read atomic.Int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingFile{File: f, n: &c.read}, nil
}

type countingFile struct {
	fs.File
	n *atomic.Int64
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

func TestReadFileTooLarge(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: takes no disk
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	fsys := &countingFS{FS: OSFS{}}
	var errs List
	start := time.Now()
	docs := ReadFile(fsys, name, &errs)
	if d := time.Since(start); d > time.Second {
		t.Errorf("ReadFile took %v", d)
	}
	if len(docs) != 0 {
		t.Errorf("ReadFile returned %d documents", len(docs))
	}
	if n := fsys.read.Load(); n != 0 {
		t.Errorf("ReadFile read %d bytes of a file it knew was too large, want 0", n)
	}
	want := []string{name + ": file is 16777217 bytes, larger than the limit of 16777216 bytes (16 MiB)"}
	if diff := cmp.Diff(want, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// endlessFS holds one file that never ends and does not know its size, like a
// pipe or a device given by mistake.
type endlessFS struct{ read atomic.Int64 }

func (e *endlessFS) Open(name string) (fs.File, error) { return &endlessFile{fs: e}, nil }

type endlessFile struct{ fs *endlessFS }

func (f *endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (f *endlessFile) Close() error               { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	f.fs.read.Add(int64(len(p)))
	return len(p), nil
}

type endlessInfo struct{}

func (endlessInfo) Name() string       { return "endless.yaml" }
func (endlessInfo) Size() int64        { return 0 }
func (endlessInfo) Mode() fs.FileMode  { return 0o444 }
func (endlessInfo) ModTime() time.Time { return time.Time{} }
func (endlessInfo) IsDir() bool        { return false }
func (endlessInfo) Sys() any           { return nil }

func TestReadFileEndless(t *testing.T) {
	fsys := &endlessFS{}
	var errs List
	ReadFile(fsys, "endless.yaml", &errs)
	if n := fsys.read.Load(); n > MaxFileSize+64<<10 {
		t.Errorf("ReadFile read %d bytes, want it to stop after the limit", n)
	}
	want := []string{"endless.yaml: file is larger than the limit of 16777216 bytes (16 MiB)"}
	if diff := cmp.Diff(want, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestParseTooLarge(t *testing.T) {
	var errs List
	if docs := Parse("big.yaml", make([]byte, MaxFileSize+1), &errs); len(docs) != 0 {
		t.Errorf("Parse returned %d documents", len(docs))
	}
	want := []string{"big.yaml: file is larger than the limit of 16777216 bytes (16 MiB)"}
	if diff := cmp.Diff(want, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestReadFileErrors(t *testing.T) {
	fsys := fstest.MapFS{"dir/a.yaml": {Data: []byte("a: 1\n")}}
	tests := []struct{ name, want string }{
		{"missing.yaml", "missing.yaml: cannot read file: file does not exist"},
		{"dir", "dir: is a directory, expected a YAML file"},
	}
	for _, tt := range tests {
		var errs List
		ReadFile(fsys, tt.name, &errs)
		if diff := cmp.Diff([]string{tt.want}, render(&errs)); diff != "" {
			t.Errorf("ReadFile(%s) problems (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestParseSyntaxError checks that a syntax error is reported on the line
// where it is, for parser errors (which yaml.v3 numbers from 0) as well as for
// scanner errors (numbered from 1).
func TestParseSyntaxError(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"a: 1\nb: [x\nc: 2\n", "f.yaml:2: YAML syntax error: did not find expected ',' or ']'"},
		{"a: 1\nb: 2\nc: {x: 1\nd: 2\n", "f.yaml:3: YAML syntax error: did not find expected ',' or '}'"},
		{"a:\n  - x\n b: 1\n", "f.yaml:3: YAML syntax error: did not find expected key"},
		{"a: 1\n- b\n", "f.yaml:2: YAML syntax error: did not find expected key"},
		{"- a\nb: 1\n", "f.yaml:2: YAML syntax error: did not find expected '-' indicator"},
		{"%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "f.yaml:2: YAML syntax error: found duplicate %YAML directive"},
		{"a: !e!x 1\n", "f.yaml:1: YAML syntax error: found undefined tag handle"},
		{"a: 1\n  b: 2\n", "f.yaml:2: YAML syntax error: mapping values are not allowed in this context"},
		{"a: 1\nb: \"x\n", "f.yaml:2: YAML syntax error: found unexpected end of stream"},
		{"a: 1\n\tb: 2\n", "f.yaml:2: YAML syntax error: found a tab character that violates indentation"},
		{"a: 1\nb: 2\n", ""},
		{"a: &x 1\nb: [1, *nope]\n", "f.yaml:2:8: YAML syntax error: unknown anchor 'nope' referenced"},
		{"a: 1\nb: 2\nc: " + strings.Repeat("[", 10001) + "\n", "f.yaml:3: YAML syntax error: exceeded max depth of 10000"},
		// On the first line yaml.v3 gives scanner errors no line at all.
		{"a: " + strings.Repeat("[", 10001) + "\n", "f.yaml: YAML syntax error: exceeded max depth of 10000"},
	}
	for _, tt := range tests {
		var errs List
		Parse("f.yaml", []byte(tt.src), &errs)
		var want []string
		if tt.want != "" {
			want = []string{tt.want}
		}
		if diff := cmp.Diff(want, render(&errs)); diff != "" {
			t.Errorf("Parse(%q) problems (-want +got):\n%s", tt.src, diff)
		}
	}
}

func TestParseDocuments(t *testing.T) {
	src := `# leading comment
---
apiVersion: exitdrill/v1
kind: Catalog
---
---
- a list
---
  kind: Runbook
  id: r
...
`
	var errs List
	docs := Parse("multi.yaml", []byte(src), &errs)
	type doc struct {
		Index int
		Kind  string
		Pos   string
	}
	var got []doc
	for _, d := range docs {
		got = append(got, doc{d.Index, d.Kind, d.Pos.String()})
	}
	want := []doc{{0, "Catalog", "multi.yaml:3:1"}, {3, "Runbook", "multi.yaml:9:3"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	wantErrs := []string{"multi.yaml:7:1: document is not a mapping (allowed: a mapping starting with apiVersion: exitdrill/v1 and kind)"}
	if diff := cmp.Diff(wantErrs, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestListFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"cat/b.yaml":          {Data: []byte("x")},
		"cat/a.yml":           {Data: []byte("x")},
		"cat/C.YAML":          {Data: []byte("x")},
		"cat/notes.md":        {Data: []byte("x")},
		"cat/.hidden.yaml":    {Data: []byte("x")},
		"cat/.git/config.yml": {Data: []byte("x")},
		"cat/sub/d.yaml":      {Data: []byte("x")},
		"empty/readme.txt":    {Data: []byte("x")},
		"one.yaml":            {Data: []byte("x")},
	}
	var errs List
	got := ListFiles(fsys, []string{"cat", "one.yaml", "cat/b.yaml", "empty", "nope"}, &errs)
	want := []string{"cat/C.YAML", "cat/a.yml", "cat/b.yaml", "cat/sub/d.yaml", "one.yaml", "cat/b.yaml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	wantErrs := []string{
		"empty: directory holds no *.yaml or *.yml files",
		"nope: cannot read: file does not exist (allowed: an existing file or directory)",
	}
	if diff := cmp.Diff(wantErrs, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestReadPathsHeader(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.yaml":      {Data: []byte("apiVersion: exitdrill/v1\nkind: Runbook\nid: r\n")},
		"v2.yaml":      {Data: []byte("apiVersion: exitdrill/v2\nkind: Runbook\n")},
		"kind.yaml":    {Data: []byte("apiVersion: exitdrill/v1\nkind: Playbook\n")},
		"none.yaml":    {Data: []byte("id: x\n")},
		"listkey.yaml": {Data: []byte("apiVersion: [exitdrill/v1]\nkind: Runbook\n")},
	}
	var errs List
	docs := ReadPaths(fsys, []string{"."}, []string{"Catalog", "Runbook"}, &errs)
	if len(docs) != 1 || docs[0].File != "ok.yaml" || docs[0].Kind != "Runbook" {
		t.Errorf("ReadPaths = %+v, want the document of ok.yaml", docs)
	}
	want := []string{
		`kind.yaml:2:7: kind: value "Playbook": unknown document kind (allowed: Catalog, Runbook)`,
		`listkey.yaml:1:13: apiVersion: unsupported apiVersion (allowed: exitdrill/v1)`,
		`none.yaml:1:1: apiVersion: missing required key (allowed: exitdrill/v1)`,
		`none.yaml:1:1: kind: missing required key (allowed: Catalog, Runbook)`,
		`v2.yaml:1:13: apiVersion: value "exitdrill/v2": unsupported apiVersion (allowed: exitdrill/v1)`,
	}
	if diff := cmp.Diff(want, render(&errs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestIsYAML(t *testing.T) {
	for name, want := range map[string]bool{"a.yaml": true, "a.yml": true, "A.YML": true, "a.json": false, "yaml": false, "a.yaml.bak": false} {
		if got := IsYAML(name); got != want {
			t.Errorf("IsYAML(%q) = %v, want %v", name, got, want)
		}
	}
}

// Compile-time check that the test file systems are what ReadFile accepts.
var _ io.Reader = (*endlessFile)(nil)

// TestParseNoDocuments refuses a file without a document: empty, comments
// only, or a stream of empty documents.
func TestParseNoDocuments(t *testing.T) {
	for name, src := range map[string]string{
		"empty.yaml":       "",
		"blank.yaml":       "\n  \n",
		"comments.yaml":    "# a catalog, some day\n# not yet\n",
		"empty-doc.yaml":   "---\n",
		"empty-docs.yaml":  "--- # one\n---\n...\n",
		"null-doc.yaml":    "--- ~\n",
		"comment-doc.yaml": "---\n# nothing here\n",
	} {
		var errs List
		docs := Parse(name, []byte(src), &errs)
		want := []string{name + ": no documents in " + name + " (allowed: at least one document, a mapping starting with apiVersion: exitdrill/v1 and kind)"}
		if diff := cmp.Diff(want, render(&errs)); len(docs) != 0 || diff != "" {
			t.Errorf("Parse(%s): %d documents, problems (-want +got):\n%s", name, len(docs), diff)
		}
	}
	// A list is a document, of the wrong shape: that, not "no documents".
	var errs List
	Parse("list.yaml", []byte("- a\n"), &errs)
	if diff := cmp.Diff([]string{"list.yaml:1:1: document is not a mapping (allowed: a mapping starting with apiVersion: exitdrill/v1 and kind)"}, render(&errs)); diff != "" {
		t.Errorf("Parse(list.yaml) problems (-want +got):\n%s", diff)
	}
}

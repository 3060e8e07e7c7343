package archtest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// heavyCalls are calls that cost milliseconds: made at package initialisation,
// every command pays for them, `exitdrill --help` included. Make them on first
// use (sync.OnceValue) instead. Keys are the selector as written: package name
// or, for methods, the method name after any receiver.
var heavyCalls = map[string]string{
	"template.Must":                 "a template parsed",
	"bcrypt.GenerateFromPassword":   "a bcrypt hash made",
	"bcrypt.CompareHashAndPassword": "a bcrypt hash compared",
	".ParseFS":                      "a template parsed",
	".ParseFiles":                   "a template parsed",
	".ParseGlob":                    "a template parsed",
}

// heavyInit returns the heavy calls made at package initialisation in file: in
// package-level variable initialisers and init functions. A call inside a
// function literal (sync.OnceValue(func() ...)) is made later and passes.
func heavyInit(fset *token.FileSet, file *ast.File) []string {
	var found []string
	visit := func(root ast.Node) {
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				key := "." + sel.Sel.Name
				if id, ok := sel.X.(*ast.Ident); ok {
					key = id.Name + "." + sel.Sel.Name
				}
				what, ok := heavyCalls[key]
				if !ok {
					what, ok = heavyCalls["."+sel.Sel.Name]
				}
				if ok {
					pos := fset.Position(n.Pos())
					found = append(found, fmt.Sprintf("%s:%d: %s at package initialisation", filepath.ToSlash(pos.Filename), pos.Line, what))
				}
			}
			return true
		})
	}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			if d.Tok == token.VAR {
				visit(d)
			}
		case *ast.FuncDecl:
			if d.Recv == nil && d.Name.Name == "init" {
				visit(d.Body)
			}
		}
	}
	return found
}

// TestNoHeavyInit keeps package initialisation cheap: commands that do not use
// the console or HTML reports (--help, validate) must not pay for them.
func TestNoHeavyInit(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, v := range heavyInit(fset, f) {
			t.Error(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHeavyInitCheck shows that TestNoHeavyInit can fail.
func TestHeavyInitCheck(t *testing.T) {
	const src = `package p

var a = template.Must(template.New("a").Parse("x"))
var b, _ = bcrypt.GenerateFromPassword(nil, 10)
var c = sync.OnceValue(func() *template.Template { return template.Must(template.New("c").Parse("x")) })
var d = regexp.MustCompile("cheap")

func init() {
	pages["x"] = template.Must(t.ParseFS(assets, "x.html"))
}

func later() { _ = template.Must(template.New("e").Parse("x")) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"p.go:3: a template parsed at package initialisation",
		"p.go:4: a bcrypt hash made at package initialisation",
		"p.go:9: a template parsed at package initialisation",
		"p.go:9: a template parsed at package initialisation",
	}
	if diff := cmp.Diff(want, heavyInit(fset, f)); diff != "" {
		t.Errorf("heavy calls (-want +got):\n%s", diff)
	}
}

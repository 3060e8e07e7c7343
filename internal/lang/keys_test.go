package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// templateKey finds {{T "..."}} in templates.
var templateKey = regexp.MustCompile(`\{\{-?\s*T\s+"((?:[^"\\]|\\.)*)"`)

// sourceKeys returns the English texts that the Go files (tests left out)
// and the templates (*.tmpl, *.html) under dirs give a Printer to
// translate: the literal first argument of a call of T, F or Filled, the
// literal one and many of pluralIn, and {{T "..."}} in templates.
func sourceKeys(dirs ...string) ([]string, error) {
	var keys []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && path != dir && (d.Name() == "testdata" || d.Name() == "judge"):
				return filepath.SkipDir
			case d.IsDir():
				return nil
			case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
				k, err := goKeys(path)
				keys = append(keys, k...)
				return err
			case strings.HasSuffix(path, ".tmpl") || strings.HasSuffix(path, ".html"):
				b, err := os.ReadFile(path)
				for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
					s, uerr := strconv.Unquote(`"` + m[1] + `"`)
					if uerr != nil {
						s = m[1]
					}
					keys = append(keys, s)
				}
				return err
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys), nil
}

func goKeys(path string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	var keys []string
	lit := func(e ast.Expr) {
		if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
			if s, err := strconv.Unquote(b.Value); err == nil {
				keys = append(keys, s)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			if fn.Sel.Name == "T" || fn.Sel.Name == "F" || fn.Sel.Name == "Filled" {
				lit(call.Args[0])
			}
		case *ast.Ident:
			if fn.Name == "pluralIn" && len(call.Args) == 4 {
				lit(call.Args[2])
				lit(call.Args[3])
			}
		}
		return true
	})
	return keys, nil
}

// TestEveryKeyHasDutch: every English text that reports, the console or the
// CLI give a Printer to translate has a Dutch entry, so a new English string
// without Dutch fails here, naming it; and no Dutch entry is empty.
func TestEveryKeyHasDutch(t *testing.T) {
	keys, err := sourceKeys("../../reports", "../console", "../cli", "../importer")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 100 {
		t.Fatalf("found %d keys, want the reports', the console's and the CLI's (at least 100)", len(keys))
	}
	for _, k := range keys {
		if _, ok := dutch[k]; !ok {
			t.Errorf("no Dutch for %q", k)
		}
	}
	for en, nl := range dutch {
		if strings.TrimSpace(nl) == "" {
			t.Errorf("the Dutch for %q is empty", en)
		}
	}
	for en, nl := range fillTemplates {
		for _, m := range placeholder.FindAllString(regexp.QuoteMeta(en), -1) {
			if name := m[2 : len(m)-2]; !strings.Contains(nl, "{"+name+"}") {
				t.Errorf("the Dutch of template %q lacks {%s}: %q", en, name, nl)
			}
		}
	}
}

package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pure are the packages that must do no network, process or disk I/O of their
// own: they get the files to read as an fs.FS. Packages not yet written are
// skipped, so the rule applies from the day they land.
var pure = []string{"catalog", "scenarios", "runbooks", "workflows", "evidence", "reports", "reports/judge"}

// forbidden imports for pure packages.
var forbidden = []string{"os", "os/exec", "net", "net/http", "syscall", "io/ioutil", "database/sql", "plugin", "unsafe"}

func TestArchitecture(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	for _, pkg := range pure {
		dir := filepath.Join(root, pkg)
		entries, err := os.ReadDir(dir)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range forbidden {
					if path == bad || strings.HasPrefix(path, "net/") && bad == "net" {
						t.Errorf("%s/%s imports %q: package %s must stay pure (no I/O of its own); put adapters in internal/", pkg, name, path, pkg)
					}
				}
			}
		}
	}
}

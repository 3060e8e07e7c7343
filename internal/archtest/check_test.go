package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// module is this module's import path; rules name its packages relative to it.
const module = "github.com/exitdrill/exitdrill"

// A rule limits what one package of this module may import. Patterns are
// import paths; one ending in "/..." also matches every package below it.
type rule struct {
	pkg     string   // the package, relative to the module: "evidence"
	reach   []string // what no chain of imports from pkg may reach
	except  []string // packages reach does not cover
	maxDeps int      // the closure (pkg and all it imports) must be smaller; 0: no limit
	direct  []string // what pkg's own non-test files may not import
}

func (r rule) path() string { return module + "/" + r.pkg }

// pkg is what go list says about one package.
type pkg struct {
	ImportPath string
	Imports    []string
	Error      *struct{ Err string }
}

// listDeps runs go list -deps in dir on the import paths and returns every
// package of their closures, by import path.
func listDeps(t *testing.T, dir string, paths ...string) map[string]*pkg {
	t.Helper()
	return listTaggedDeps(t, dir, "", paths...)
}

// listTaggedDeps is listDeps of a build with the build tags (comma
// separated; none when empty).
func listTaggedDeps(t *testing.T, dir, tags string, paths ...string) map[string]*pkg {
	t.Helper()
	args := []string{"list", "-e", "-deps", "-json=ImportPath,Imports,Error"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command("go", append(args, paths...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", strings.Join(paths, " "), err, stderr.Bytes())
	}
	pkgs := map[string]*pkg{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list -deps: %v", err)
		}
		if p.Error != nil {
			t.Fatalf("go list -deps: %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs[p.ImportPath] = &p
	}
	return pkgs
}

// A violation is one broken rule.
type violation struct {
	pkg     string   // the rule's package
	kind    string   // "imports" (directly), "reaches" (through imports) or "closure" (too big)
	pattern string   // the pattern matched (imports, reaches)
	chain   []string // the shortest import chain from pkg to a package matching pattern
	n       int      // reaches: how many packages of the closure match; closure: its size
	some    []string // reaches: the first few packages that match
	max     int      // closure: the limit
}

func (v violation) String() string {
	switch v.kind {
	case "imports":
		return fmt.Sprintf("%s imports %s: a pure package does no I/O of its own; adapters belong in internal/", v.pkg, v.chain[1])
	case "reaches":
		s := fmt.Sprintf("%s reaches %s", v.pkg, short(v.pattern))
		switch {
		case v.n > len(v.some):
			s += fmt.Sprintf(" (%d packages)", v.n)
		case v.n > 1:
			s += " (" + strings.Join(v.some, ", ") + ")"
		}
		return s + ": " + strings.Join(v.chain, " -> ")
	default:
		return fmt.Sprintf("%s: closure of %d packages, want under %d", v.pkg, v.n, v.max)
	}
}

// check applies r to its package, whose closure pkgs must hold (listDeps).
// The closure is walked breadth-first over the packages' imports, so the
// chain reported for a forbidden package is a shortest one.
func check(r rule, pkgs map[string]*pkg) []violation {
	root := pkgs[r.path()]
	if root == nil {
		panic("check: " + r.path() + " was not listed")
	}
	var vs []violation
	for _, imp := range root.Imports {
		for _, pat := range r.direct {
			if match(pat, imp) {
				vs = append(vs, violation{pkg: r.pkg, kind: "imports", pattern: pat, chain: []string{short(root.ImportPath), imp}})
			}
		}
	}
	order, parent := []string{root.ImportPath}, map[string]string{root.ImportPath: ""}
	for i := 0; i < len(order); i++ {
		p := pkgs[order[i]]
		if p == nil {
			continue
		}
		for _, imp := range p.Imports {
			if _, seen := parent[imp]; !seen {
				parent[imp] = p.ImportPath
				order = append(order, imp)
			}
		}
	}
	for _, pat := range r.reach {
		v := violation{pkg: r.pkg, kind: "reaches", pattern: pat}
		for _, p := range order[1:] {
			if !match(pat, p) || matchAny(r.except, p) {
				continue
			}
			if v.n++; v.chain == nil {
				v.chain = chainTo(p, parent)
			}
			if len(v.some) < 5 {
				v.some = append(v.some, short(p))
			}
		}
		if v.n > 0 {
			vs = append(vs, v)
		}
	}
	if r.maxDeps > 0 && len(order) >= r.maxDeps {
		vs = append(vs, violation{pkg: r.pkg, kind: "closure", n: len(order), max: r.maxDeps})
	}
	return vs
}

// chainTo follows parent from p back to the root and returns the chain, root
// first, in short names.
func chainTo(p string, parent map[string]string) []string {
	var chain []string
	for ; p != ""; p = parent[p] {
		chain = append([]string{short(p)}, chain...)
	}
	return chain
}

// short drops the module path from an import path of this module, for reading.
func short(p string) string { return strings.TrimPrefix(p, module+"/") }

// match reports whether the import path p matches pattern.
func match(pattern, p string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

func matchAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if match(pat, p) {
			return true
		}
	}
	return false
}

package archtest

import (
	"path/filepath"
	"slices"
	"testing"
)

// ioImports are the imports that mean I/O of a package's own: pure packages get
// the files they read as an fs.FS.
var ioImports = []string{"os", "os/exec", "net/...", "syscall", "io/ioutil", "database/sql", "plugin", "unsafe"}

// adapters are what no pure package may reach through any chain of imports:
// the engine, processes, the network, Docker, GitHub.
var adapters = []string{
	"go.temporal.io/...",
	"os/exec",
	"net/http",
	"github.com/docker/...",
	"github.com/google/go-github/...",
	"github.com/testcontainers/...",
}

// pureMaxDeps bounds the closure of a pure package: a model that needs more
// than this drags an adapter in somewhere.
const pureMaxDeps = 200

// pure is the rule of a pure package (see STYLE.md, "Layout and names").
func pure(pkg string) rule {
	return rule{pkg: pkg, reach: adapters, maxDeps: pureMaxDeps, direct: ioImports}
}

// leaf is the rule of drill, the model every layer shares: pure, and it
// reads no definitions itself. Of this module's internal packages it reaches
// only the vocabulary of definitions (internal/yamldoc/defs: positions and
// problems, no I/O), not their reader (internal/yamldoc, which opens files and
// parses YAML), and no YAML library.
func leaf(pkg string) rule {
	r := pure(pkg)
	r.reach = append(slices.Clone(adapters), module+"/internal/...", "gopkg.in/yaml.v3", "io/ioutil")
	r.except = []string{module + "/internal/yamldoc/defs"}
	return r
}

// rules are the architecture, one package a line. A package that does not
// exist yet is skipped, so that its rule applies from the day it lands.
var rules = []rule{
	leaf("drill"),
	pure("catalog"),
	pure("scenarios"),
	pure("runbooks"),
	pure("evidence"),
	pure("reports"),
	pure("reports/judge"),
	{
		// Workflows run on the SDK (which brings net/http) and execute
		// activities by name: they import no adapter of this module.
		// internal/yamldoc is no adapter: the strict YAML decoder the
		// planner's packages read definitions with; internal/yamldoc/defs
		// is its pure vocabulary, which drill's types use.
		pkg: "workflows",
		reach: []string{
			"os/exec",
			"github.com/docker/...",
			"github.com/google/go-github/...",
			"github.com/testcontainers/...",
			"go.temporal.io/server/...",
			module + "/internal/...",
		},
		except: []string{module + "/internal/yamldoc", module + "/internal/yamldoc/defs"},
		direct: ioImports,
	},
}

// TestArchitecture checks every rule on the whole import closure of its
// package, as go list -deps sees it.
func TestArchitecture(t *testing.T) {
	root := filepath.Join("..", "..")
	var present []rule
	var paths []string
	for _, r := range rules {
		if files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(r.pkg), "*.go")); len(files) == 0 {
			t.Logf("%s: no package yet; its rule applies once it lands", r.pkg)
			continue
		}
		present = append(present, r)
		paths = append(paths, r.path())
	}
	pkgs := listDeps(t, root, paths...)
	for _, r := range present {
		t.Run(r.pkg, func(t *testing.T) {
			for _, v := range check(r, pkgs) {
				t.Error(v)
			}
		})
	}
}

// TestLightBinary: the exitdrill command users run (built with the
// exitdrill_light tag, scripts/build) links no Temporal server, Web UI or
// what they bring (Kubernetes, cloud archival clients): their packages'
// initialisation alone is most of a full binary's start. The commands that
// run the server are handed to exitdrill-engine (internal/cli/delegate.go).
func TestLightBinary(t *testing.T) {
	r := rule{
		pkg: "cmd/exitdrill",
		reach: []string{
			"go.temporal.io/server/...",
			"github.com/temporalio/ui-server/...",
			"k8s.io/...",
			"github.com/aws/...",
			"cloud.google.com/...",
		},
		maxDeps: 700,
	}
	pkgs := listTaggedDeps(t, filepath.Join("..", ".."), "exitdrill_light", r.path())
	for _, v := range check(r, pkgs) {
		t.Error(v)
	}
}

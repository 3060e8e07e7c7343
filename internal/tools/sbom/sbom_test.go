package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var (
	purlRE   = regexp.MustCompile(`^pkg:golang/[A-Za-z0-9.\-_~%/]+(@[A-Za-z0-9.\-_~%]+)?$`)
	uuidRE   = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

func testBuildInfo() *debug.BuildInfo {
	return &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/exitdrill/exitdrill", Version: "v1.4.0"},
		Deps: []*debug.Module{
			{Path: "go.temporal.io/server", Version: "v1.32.1", Sum: "h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
			{Path: "github.com/BurntSushi/toml", Version: "v1.5.0", Sum: "h1:W5quZX/G/csjUnuI8SUYlsHs9M38FC7znL0lIO+DvMg="},
			{Path: "github.com/docker/docker", Version: "v28.0.0+incompatible", Sum: "h1:Olh0KS820sJ7nPsBKChVhk5pzqcwDR15fumfAd/p9hM="},
			{Path: "example.com/old", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/new", Version: "v1.1.0"}},
			{Path: "example.com/local", Version: "v0.0.0", Replace: &debug.Module{Path: "../local"}},
		},
		Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"}, {Key: "CGO_ENABLED", Value: "0"}},
	}
}

// checkStructure fails t unless b is a CycloneDX 1.5 document with what the
// specification requires (bomFormat, specVersion; a type and name for every
// component) and what this generator promises: unique bom-refs, Go package
// URLs, SHA-256 hashes in hex, dependencies that refer to components.
func checkStructure(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc["bomFormat"] != "CycloneDX" || doc["specVersion"] != "1.5" || doc["version"] != 1.0 {
		t.Errorf("bomFormat %v, specVersion %v, version %v; want CycloneDX, 1.5, 1", doc["bomFormat"], doc["specVersion"], doc["version"])
	}
	if s, _ := doc["serialNumber"].(string); !uuidRE.MatchString(s) {
		t.Errorf("serialNumber %q: want urn:uuid: and a version 4 UUID", s)
	}
	md, _ := doc["metadata"].(map[string]any)
	if _, err := time.Parse(time.RFC3339, str(md["timestamp"])); err != nil {
		t.Errorf("metadata.timestamp: %v", err)
	}
	refs := map[string]bool{}
	check := func(where string, c map[string]any) {
		if str(c["type"]) == "" || str(c["name"]) == "" {
			t.Errorf("%s: type %q, name %q: both are required", where, c["type"], c["name"])
		}
		if p := str(c["purl"]); !purlRE.MatchString(p) {
			t.Errorf("%s: purl %q is not pkg:golang/MODULE@VERSION", where, p)
		}
		ref := str(c["bom-ref"])
		if ref == "" || refs[ref] {
			t.Errorf("%s: bom-ref %q empty or not unique", where, ref)
		}
		refs[ref] = true
		hashes, _ := c["hashes"].([]any)
		for _, h := range hashes {
			h := h.(map[string]any)
			if h["alg"] != "SHA-256" || !sha256RE.MatchString(str(h["content"])) {
				t.Errorf("%s: hash %v: want SHA-256 and 64 hex digits", where, h)
			}
		}
	}
	main, _ := md["component"].(map[string]any)
	if main == nil || main["type"] != "application" {
		t.Fatalf("metadata.component %v: want an application", main)
	}
	check("metadata.component", main)
	comps, _ := doc["components"].([]any)
	for _, c := range comps {
		c := c.(map[string]any)
		if c["type"] != "library" {
			t.Errorf("component %s: type %v, want library", c["name"], c["type"])
		}
		check("component "+str(c["name"]), c)
	}
	deps, _ := doc["dependencies"].([]any)
	if len(deps) != 1 {
		t.Fatalf("dependencies: %d entries, want 1 (the application's)", len(deps))
	}
	d := deps[0].(map[string]any)
	if d["ref"] != main["bom-ref"] {
		t.Errorf("dependencies[0].ref %v, want the application's %v", d["ref"], main["bom-ref"])
	}
	on, _ := d["dependsOn"].([]any)
	for _, r := range on {
		if !refs[str(r)] {
			t.Errorf("dependsOn %v: no such component", r)
		}
	}
	if len(on) != len(comps) {
		t.Errorf("the application depends on %d components, want all %d", len(on), len(comps))
	}
	return doc
}

func str(v any) string { s, _ := v.(string); return s }

func TestBuild(t *testing.T) {
	serverZip := strings.Repeat("ab", 32)
	in := Input{
		Binary: []byte("a binary"), Name: "exitdrill_linux_arm64", Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		ZipSHA256: func(p, v string) (string, bool) {
			return serverZip, p+"@"+v == "go.temporal.io/server@v1.32.1"
		},
		ToolName: "sbom", ToolVendor: "exitdrill",
	}
	bom := Build(testBuildInfo(), in)
	b, err := json.Marshal(bom)
	if err != nil {
		t.Fatal(err)
	}
	checkStructure(t, b)

	var purls []string
	for _, c := range bom.Components {
		purls = append(purls, c.PURL)
	}
	want := []string{
		"pkg:golang/go.temporal.io/server@v1.32.1",
		"pkg:golang/github.com/BurntSushi/toml@v1.5.0",
		"pkg:golang/github.com/docker/docker@v28.0.0%2Bincompatible",
		"pkg:golang/example.com/new@v1.1.0", // the replacement
		"pkg:golang/example.com/local",      // replaced by a directory: no version
	}
	if diff := cmp.Diff(want, purls); diff != "" {
		t.Errorf("purls (-want +got):\n%s", diff)
	}
	main := bom.Metadata.Component
	sum := sha256.Sum256(in.Binary)
	if main.PURL != "pkg:golang/github.com/exitdrill/exitdrill@v1.4.0" ||
		len(main.Hashes) != 1 || main.Hashes[0].Content != hex.EncodeToString(sum[:]) {
		t.Errorf("main component %s, hashes %v; want its purl and the binary's SHA-256", main.PURL, main.Hashes)
	}
	if h := bom.Components[0].Hashes; len(h) != 1 || h[0].Content != serverZip {
		t.Errorf("server module hashes %v, want its zip's", h)
	}
	if h := bom.Components[1].Hashes; h != nil {
		t.Errorf("toml hashes %v, want none (no zip in the cache)", h)
	}
	if bom.Metadata.Timestamp != "2026-01-02T03:04:05Z" {
		t.Errorf("timestamp %q", bom.Metadata.Timestamp)
	}
	if again := Build(testBuildInfo(), in); again.SerialNumber != bom.SerialNumber {
		t.Errorf("serial numbers %s and %s of the same binary differ", bom.SerialNumber, again.SerialNumber)
	}
	in.Binary = []byte("another binary")
	if other := Build(testBuildInfo(), in); other.SerialNumber == bom.SerialNumber {
		t.Errorf("two binaries share serial number %s", bom.SerialNumber)
	}
}

// TestRun writes the SBOM of this test binary, as make release does of
// exitdrill, and checks the file.
func TestRun(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	out := filepath.Join(t.TempDir(), "sbom.json")
	if err := run([]string{"-o", out, "-version", "v9.9.9", "-modcache", "", os.Args[0]}, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := checkStructure(t, b)
	md := doc["metadata"].(map[string]any)
	if got := md["timestamp"]; got != "2026-01-01T00:00:00Z" {
		t.Errorf("timestamp %v, want SOURCE_DATE_EPOCH's 2026-01-01T00:00:00Z", got)
	}
	if got := md["component"].(map[string]any)["version"]; got != "v9.9.9" {
		t.Errorf("main version %v, want -version's v9.9.9 over (devel)", got)
	}
	var stdout bytes.Buffer
	if err := run([]string{"-modcache", "", os.Args[0]}, &stdout); err != nil {
		t.Fatal(err)
	}
	checkStructure(t, stdout.Bytes())
	if err := run([]string{os.Args[0], "extra"}, &stdout); err == nil {
		t.Error("two arguments: no error")
	}
	if err := run([]string{out}, &stdout); err == nil {
		t.Error("a JSON file as the binary: no error")
	}
}

func TestCaseEscape(t *testing.T) {
	if got := caseEscape("github.com/BurntSushi/toml"); got != "github.com/!burnt!sushi/toml" {
		t.Errorf("caseEscape = %q", got)
	}
}

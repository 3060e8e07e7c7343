// Command sbom writes the CycloneDX 1.5 SBOM (JSON) of a Go binary from the
// build information the Go linker stamps into it (what `go version -m BINARY`
// prints): the main module, and every module linked in with its package URL
// (pkg:golang/MODULE@VERSION), its go.sum hash as a property and, when the
// module cache holds it, the SHA-256 of its module zip. It needs nothing but
// the standard library and does not run the binary, so it works for any
// GOOS/GOARCH.
//
// Usage:
//
//	go run ./internal/tools/sbom [-o FILE] [-version V] [-modcache DIR] BINARY
//
// -version names the main module's version when the build information has
// none (a build from a checkout says "(devel)"): make release passes the
// version it injected.
//
// The timestamp is $SOURCE_DATE_EPOCH when set (reproducible builds), else now.
package main

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sbom:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("sbom", flag.ContinueOnError)
	out := fs.String("o", "", "write the SBOM to `FILE` (default: standard output)")
	version := fs.String("version", "", "the main module's `VERSION`, when the build information says (devel)")
	modcache := fs.String("modcache", defaultModCache(), "the Go module cache `DIR`, for the module zips' hashes (none: skip them)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: sbom [-o FILE] [-version V] [-modcache DIR] BINARY")
	}
	path := fs.Arg(0)
	bin, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	bi, err := buildinfo.Read(bytes.NewReader(bin))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if *version != "" && (bi.Main.Version == "" || bi.Main.Version == "(devel)") {
		bi.Main.Version = *version
	}
	when, err := timestamp()
	if err != nil {
		return err
	}
	bom := Build(bi, Input{
		Binary: bin, Name: filepath.Base(path), Time: when,
		ZipSHA256: zipHasher(*modcache),
		ToolName:  "exitdrill internal/tools/sbom", ToolVendor: "exitdrill",
	})
	b, err := json.MarshalIndent(bom, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	return os.WriteFile(*out, b, 0o644)
}

// timestamp is $SOURCE_DATE_EPOCH, or now.
func timestamp() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: want seconds since 1970", s)
	}
	return time.Unix(n, 0), nil
}

// defaultModCache is where the go command keeps modules: $GOMODCACHE, else
// the first $GOPATH entry's pkg/mod, else ~/go/pkg/mod.
func defaultModCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	if p := os.Getenv("GOPATH"); p != "" {
		return filepath.Join(filepath.SplitList(p)[0], "pkg", "mod")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, "go", "pkg", "mod")
	}
	return ""
}

// zipHasher returns a function that hashes a module's zip in the module cache
// dir (cache/download/PATH/@v/VERSION.zip, both case-escaped).
func zipHasher(dir string) func(path, version string) (string, bool) {
	if dir == "" {
		return nil
	}
	return func(path, version string) (string, bool) {
		f, err := os.Open(filepath.Join(dir, "cache", "download", filepath.FromSlash(caseEscape(path)), "@v", caseEscape(version)+".zip"))
		if err != nil {
			return "", false
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return "", false
		}
		return hex.EncodeToString(h.Sum(nil)), true
	}
}

// caseEscape is the module cache's spelling of a path or version: each upper
// case letter becomes "!" and its lower case (golang.org/x/mod/module.EscapePath).
func caseEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

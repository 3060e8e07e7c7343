package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/internal/version"
)

// The version and commit TestMain injects into the binary it builds, the way
// make release does.
const (
	testVersion = "v0.0.0-test"
	testCommit  = "0123456789abcdef"
	injectFlags = "-X github.com/exitdrill/exitdrill/internal/version.version=" + testVersion +
		" -X github.com/exitdrill/exitdrill/internal/version.commit=" + testCommit
)

// required returns the version go.mod requires of module.
func required(t *testing.T, module string) string {
	t.Helper()
	b, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(module) + `\s+(v\S+)`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("go.mod requires no %s", module)
	}
	return string(m[1])
}

// TestVersionOfBinary: the built binary reports the injected version and
// commit, the Go that built it, and the Temporal server and SDK versions that
// go.mod requires, read from its build information; --version says the same
// as the version command.
func TestVersionOfBinary(t *testing.T) {
	want := version.Info{
		Version: testVersion, Commit: testCommit, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH,
		Server: required(t, version.ServerModule), SDK: required(t, version.SDKModule),
	}
	out, err := exec.Command(binary, "version", "--format", "json").Output()
	if err != nil {
		t.Fatalf("exitdrill version --format json: %v", err)
	}
	var got version.Info
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("exitdrill version --format json: %v: %s", err, out)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("exitdrill version (-want +got):\n%s", diff)
	}
	text, err := exec.Command(binary, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.String(), string(text)); diff != "" {
		t.Errorf("exitdrill version (-want +got):\n%s", diff)
	}
	flag, err := exec.Command(binary, "--version").Output()
	if err != nil || string(flag) != string(text) {
		t.Errorf("exitdrill --version: %v, %q; want the version command's %q", err, flag, text)
	}
}

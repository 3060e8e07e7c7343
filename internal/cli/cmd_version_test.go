package cli

import (
	"encoding/json"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/internal/version"
)

// TestVersion: version and --version print the same text, and --format json
// gives the same as one document. (A test binary's build information lists
// no modules: cmd/exitdrill's TestVersionOfBinary checks the Temporal
// versions, and the injected version and commit, on a built binary.)
func TestVersion(t *testing.T) {
	want := version.Get()
	if want.Version != "dev" || want.Go != runtime.Version() {
		t.Fatalf("version.Get() = %+v: want version dev (nothing injected) and Go %s", want, runtime.Version())
	}
	code, out, errs := run(t, "version")
	if code != ExitOK || errs != "" {
		t.Fatalf("version: exit %d, stderr %q", code, errs)
	}
	if diff := cmp.Diff(want.String(), out); diff != "" {
		t.Errorf("version (-want +got):\n%s", diff)
	}
	code, flag, _ := run(t, "--version")
	if code != ExitOK || flag != out {
		t.Errorf("--version: exit %d, %q; want 0 and the version command's %q", code, flag, out)
	}
	code, js, _ := run(t, "version", "--format", "json")
	var got version.Info
	if err := json.Unmarshal([]byte(js), &got); code != ExitOK || err != nil {
		t.Fatalf("version --format json: exit %d, %v: %s", code, err, js)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("version --format json (-want +got):\n%s", diff)
	}
}

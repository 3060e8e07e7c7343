package mirror

import (
	"context"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// forge.mirror's preflight: git on the worker, and the token variable the
// step names explicitly set; without tokenEnv nothing is required.
func TestPreflight(t *testing.T) {
	env := func(k string) (string, bool) { return map[string]string{"FORGE_TOKEN": "t"}[k], k == "FORGE_TOKEN" }
	tests := []struct {
		name     string
		tokenEnv string
		noGit    bool
		want     string
	}{
		{"all there", "FORGE_TOKEN", false, ""},
		{"default token need not be set", "", false, ""},
		{"explicit token unset", "MIRROR_TOKEN", false, "the token variable MIRROR_TOKEN is not set on this worker"},
		{"git missing", "", true, "git is not installed on this worker: run scripts/setup (or apt-get install git)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.noGit {
				t.Setenv("PATH", t.TempDir())
			}
			var r step.Report
			in := drill.StepInput{Step: &drill.StepPlan{Kind: drill.ForgeMirror, Forge: &drill.Forge{Owner: "o", Mirror: "file:///m/{repo}.git", TokenEnv: tt.tokenEnv}}}
			Preflight(context.Background(), &step.Config{Env: env}, in, &r)
			if got := strings.Join(r.Problems, "\n"); got != tt.want {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
			if !tt.noGit && (len(r.Tools) != 1 || !strings.HasPrefix(r.Tools[0].Version, "git version")) {
				t.Errorf("tools %+v, want git with its version", r.Tools)
			}
		})
	}
}

package version

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func buildInfo(mainVersion string, settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/exitdrill/exitdrill", Version: mainVersion},
		Deps: []*debug.Module{
			{Path: "go.temporal.io/api", Version: "v1.63.5"},
			{Path: ServerModule, Version: "v1.32.1"},
			{Path: SDKModule, Version: "v1.49.0", Replace: &debug.Module{Path: SDKModule, Version: "v1.50.0"}},
		},
	}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name            string
		bi              *debug.BuildInfo
		version, commit string
		want            Info
	}{
		{"injected at link time", buildInfo("(devel)", "vcs.revision", "feedface"), "v1.4.0", "0123abc",
			Info{Version: "v1.4.0", Commit: "0123abc", Go: "go1.26.8", Platform: Unknown, Server: "v1.32.1", SDK: "v1.50.0"}},
		{"a plain go build: dev, commit from vcs", buildInfo("(devel)", "vcs.revision", "feedface", "vcs.modified", "false"), "", "",
			Info{Version: "dev", Commit: "feedface", Go: "go1.26.8", Platform: Unknown, Server: "v1.32.1", SDK: "v1.50.0"}},
		{"a changed tree is dirty", buildInfo("(devel)", "vcs.revision", "feedface", "vcs.modified", "true"), "", "",
			Info{Version: "dev", Commit: "feedface-dirty", Go: "go1.26.8", Platform: Unknown, Server: "v1.32.1", SDK: "v1.50.0"}},
		{"-buildvcs=false: no commit", buildInfo("(devel)"), "", "",
			Info{Version: "dev", Commit: Unknown, Go: "go1.26.8", Platform: Unknown, Server: "v1.32.1", SDK: "v1.50.0"}},
		{"go install MODULE@VERSION", buildInfo("v1.3.0"), "", "",
			Info{Version: "v1.3.0", Commit: Unknown, Go: "go1.26.8", Platform: Unknown, Server: "v1.32.1", SDK: "v1.50.0"}},
		{"no build information", nil, "", "",
			Info{Version: "dev", Commit: Unknown, Go: Unknown, Platform: Unknown, Server: Unknown, SDK: Unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromBuildInfo(tt.bi, tt.version, tt.commit)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FromBuildInfo (-want +got):\n%s", diff)
			}
		})
	}
}

func TestString(t *testing.T) {
	i := Info{Version: "v1.4.0", Commit: "0123abc", Go: "go1.26.8", Platform: "linux/amd64", Server: "v1.32.1", SDK: "v1.50.0"}
	want := `exitdrill v1.4.0
  commit:          0123abc
  go:              go1.26.8 linux/amd64
  temporal server: v1.32.1
  temporal sdk:    v1.50.0
`
	if diff := cmp.Diff(want, i.String()); diff != "" {
		t.Errorf("String (-want +got):\n%s", diff)
	}
}

// TestGet reads this test binary's own build information; the version is not
// injected. (This package links no Temporal module: internal/cli's
// TestVersion checks those versions against go.mod.)
func TestGet(t *testing.T) {
	got := Get()
	if got.Go != runtime.Version() {
		t.Errorf("Go = %q, want %q", got.Go, runtime.Version())
	}
	if got.Platform != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("Platform = %q", got.Platform)
	}
	if got.Version != "dev" {
		t.Errorf("Version = %q, want dev (nothing injected)", got.Version)
	}
	if !strings.HasPrefix(got.String(), "exitdrill dev\n") {
		t.Errorf("String() = %q", got.String())
	}
}

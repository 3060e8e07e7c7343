// Package version says which exitdrill this is: its version and commit (set
// at link time by make release), the Go it was built with, and the versions
// of the Temporal server and SDK linked into it (from the build information).
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set at link time by make release:
//
//	-ldflags "-X github.com/exitdrill/exitdrill/internal/version.version=v1.2.3
//	          -X github.com/exitdrill/exitdrill/internal/version.commit=0123abc"
//
// Left empty by a plain go build: Get falls back to the build information.
var version, commit string

// server is the Temporal server version, set at link time by scripts/build
// (-X ….server=v1.32.1) for the exitdrill binary built without the server
// (the exitdrill_light tag), which hands the commands that run it to
// exitdrill-engine, built from the same module graph. A binary that links
// the server reads its version from the build information instead.
var server string

// Module paths whose versions Info reports.
const (
	ServerModule = "go.temporal.io/server"
	SDKModule    = "go.temporal.io/sdk"
)

// Unknown stands for what neither the linker nor the build information says.
const Unknown = "unknown"

// Info describes the running binary.
type Info struct {
	Version  string `json:"version"`  // as released, or "dev"
	Commit   string `json:"commit"`   // the source commit, or "unknown"
	Go       string `json:"go"`       // the Go toolchain, e.g. go1.26.8
	Platform string `json:"platform"` // GOOS/GOARCH
	Server   string `json:"temporalServer"`
	SDK      string `json:"temporalSDK"`
}

// Get returns the Info of the running binary.
func Get() Info {
	bi, _ := debug.ReadBuildInfo() // nil in a binary built without module support
	info := FromBuildInfo(bi, version, commit)
	if info.Server == Unknown && server != "" {
		info.Server = server
	}
	info.Go = runtime.Version()
	info.Platform = runtime.GOOS + "/" + runtime.GOARCH
	return info
}

// FromBuildInfo returns the Info that bi describes, with the version and
// commit given at link time (either may be empty). Without a version, a
// module version other than (devel) is used (go install MODULE@VERSION),
// else "dev"; without a commit, the vcs.revision that go build stamps from a
// checkout, marked "-dirty" when the tree had changes, else "unknown". bi may
// be nil.
func FromBuildInfo(bi *debug.BuildInfo, version, commit string) Info {
	info := Info{Version: version, Commit: commit, Go: Unknown, Platform: Unknown, Server: Unknown, SDK: Unknown}
	if bi == nil {
		bi = &debug.BuildInfo{}
	}
	if bi.GoVersion != "" {
		info.Go = bi.GoVersion
	}
	if info.Version == "" {
		info.Version = "dev"
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			info.Version = v
		}
	}
	if info.Commit == "" {
		info.Commit = vcsCommit(bi.Settings)
	}
	for _, d := range bi.Deps {
		if d.Replace != nil {
			d = d.Replace
		}
		switch d.Path {
		case ServerModule:
			info.Server = d.Version
		case SDKModule:
			info.SDK = d.Version
		}
	}
	return info
}

func vcsCommit(settings []debug.BuildSetting) string {
	var rev string
	var dirty bool
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	switch {
	case rev == "":
		return Unknown
	case dirty:
		return rev + "-dirty"
	}
	return rev
}

// String is the text `exitdrill version` prints: the version on the first
// line, then one "name: value" line each.
func (i Info) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "exitdrill %s\n", i.Version)
	for _, kv := range [][2]string{
		{"commit", i.Commit},
		{"go", i.Go + " " + i.Platform},
		{"temporal server", i.Server},
		{"temporal sdk", i.SDK},
	} {
		fmt.Fprintf(&b, "  %-16s %s\n", kv[0]+":", kv[1])
	}
	return b.String()
}

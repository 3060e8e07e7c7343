package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

func envOf(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

// The command step's preflight names an executable that does not resolve
// (from the step's directory or PATH), a directory that is not there and a
// declared variable that is unset, and nothing when all is there.
func TestPreflight(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "switch.sh"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := envOf(map[string]string{"CRM_TOKEN": "s3cret"})
	tests := []struct {
		name string
		st   drill.StepPlan
		want []string
	}{
		{"all there", drill.StepPlan{Command: []string{"./switch.sh", "crm"}, Dir: dir, Env: []string{"CRM_TOKEN"}}, nil},
		{"a name on PATH", drill.StepPlan{Command: []string{"true"}}, nil},
		{"missing program", drill.StepPlan{Command: []string{"./activate.sh"}, Dir: dir},
			[]string{"cannot run ./activate.sh on this worker: " + filepath.Join(dir, "activate.sh") + " does not exist"}},
		{"not on PATH", drill.StepPlan{Command: []string{"exitdrill-surely-not-a-program"}},
			[]string{"cannot run exitdrill-surely-not-a-program on this worker: no exitdrill-surely-not-a-program on the worker's PATH"}},
		{"not executable", drill.StepPlan{Command: []string{"./notes.txt"}, Dir: dir},
			[]string{"cannot run ./notes.txt on this worker: " + filepath.Join(dir, "notes.txt") + " is not executable"}},
		{"missing directory", drill.StepPlan{Command: []string{"./switch.sh"}, Dir: filepath.Join(dir, "gone")},
			[]string{"the step's directory " + filepath.Join(dir, "gone") + " does not exist on this worker"}},
		{"unset variable", drill.StepPlan{Command: []string{"true"}, Env: []string{"CRM_TOKEN", "CRM_USER"}},
			[]string{"the step's variable CRM_USER is not set on this worker"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r step.Report
			Preflight(context.Background(), &step.Config{Env: env}, drill.StepInput{Step: &tt.st}, &r)
			if strings.Join(r.Problems, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%q\nwant:\n%q", r.Problems, tt.want)
			}
		})
	}
}

// The container step's preflight says so when the worker's Docker Engine
// cannot be reached, and names the step's unset variables.
func TestContainerPreflightNoDocker(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "docker.sock"))
	var r step.Report
	st := drill.StepPlan{Kind: drill.Container, Image: "exitdrill-verify:1", Env: []string{"CRM_USER"}}
	ContainerPreflight(context.Background(), &step.Config{Env: envOf(nil)}, drill.StepInput{Step: &st}, &r)
	if len(r.Problems) != 2 || !strings.Contains(r.Problems[0], "is not reachable") ||
		r.Problems[1] != "the step's variable CRM_USER is not set on this worker" {
		t.Errorf("problems = %q; want Docker not reachable and CRM_USER unset", r.Problems)
	}
}

// With Docker reachable, an image the worker's engine does not have is named
// (exitdrill pulls nothing), and the engine is listed among the tools.
func TestContainerPreflightMissingImage(t *testing.T) {
	d, err := docker.Connect(context.Background())
	if err != nil {
		t.Skipf("no Docker Engine: %v", err)
	}
	d.Close()
	var r step.Report
	st := drill.StepPlan{Kind: drill.Container, Image: "exitdrill-surely-missing:0"}
	ContainerPreflight(context.Background(), &step.Config{Env: envOf(nil)}, drill.StepInput{Step: &st}, &r)
	want := "image exitdrill-surely-missing:0 is not on the worker's Docker Engine: build or load it there first (exitdrill pulls nothing)"
	if strings.Join(r.Problems, "\n") != want || len(r.Tools) != 1 || r.Tools[0].Name != "docker" {
		t.Errorf("problems %q, tools %+v; want %q and docker", r.Problems, r.Tools, want)
	}
}

package command

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// Preflight is the command step's preflight: its directory exists, its
// executable resolves (a name on the worker's PATH, or a path relative to
// the step's directory), and the variables it declares in env are set.
func Preflight(_ context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	st := in.Step
	if len(st.Command) == 0 || st.Command[0] == "" {
		return // the step cannot run as defined; RunStep says so
	}
	if st.Dir != "" {
		if fi, err := os.Stat(st.Dir); err != nil || !fi.IsDir() {
			r.Problem("the step's directory %s does not exist on this worker", st.Dir)
			return
		}
	}
	if p := executable(st.Command[0], st.Dir); p != "" {
		r.Problem("cannot run %s on this worker: %s", st.Command[0], p)
	}
	r.RequireEnv(cfg.Env, stepVariable, st.Env...)
}

// executable says why name cannot be executed from dir, or "" when it can:
// exec runs a name without a slash from the worker's PATH, and any other
// path relative to the directory it starts the program in.
func executable(name, dir string) string {
	if !strings.ContainsRune(name, '/') {
		if _, err := exec.LookPath(name); err != nil {
			return "no " + name + " on the worker's PATH"
		}
		return ""
	}
	path := name
	if dir != "" && !filepath.IsAbs(name) {
		path = filepath.Join(dir, name)
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path + " does not exist"
	case err != nil:
		return unwrapExec(err).Error()
	case fi.IsDir():
		return path + " is a directory"
	case fi.Mode().Perm()&0o111 == 0:
		return path + " is not executable"
	}
	return ""
}

// ContainerPreflight is the container step's preflight: the worker's Docker
// Engine answers and has the step's image, and the variables the step
// declares in env are set.
func ContainerPreflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	if in.Step.Image == "" {
		return
	}
	docker.Preflight(ctx, in.Step.Image, r)
	r.RequireEnv(cfg.Env, stepVariable, in.Step.Env...)
}

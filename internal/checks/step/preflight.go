package step

import (
	"context"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

// Preflight examines one step on the worker without performing it: it
// reports each reason the step could not be attempted here (a tool not
// installed, an executable not found, a declared variable unset, a file the
// worker cannot read), in the words the step's inconclusive error would use,
// and the tools it found. It never contacts a target (a hosting step's host
// name is looked up, never connected to) and changes nothing.
type Preflight func(ctx context.Context, cfg *Config, in drill.StepInput, r *Report)

// Report collects a preflight's findings for one step.
type Report struct {
	Problems []string
	Tools    []drill.Tool
}

// Problem records a reason the step could not be attempted.
func (r *Report) Problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

// Err records err's message as a problem, unless err is nil. An application
// error says only its message.
func (r *Report) Err(err error) {
	if err == nil {
		return
	}
	var ae *temporal.ApplicationError
	if errors.As(err, &ae) {
		r.Problems = append(r.Problems, ae.Message())
		return
	}
	r.Problems = append(r.Problems, err.Error())
}

// Tool records a program the step needs, with the first line of what
// `path versionArgs...` prints (within a few seconds; empty when it says
// nothing).
func (r *Report) Tool(ctx context.Context, name, path string, versionArgs ...string) {
	t := drill.Tool{Name: name, Path: path}
	if len(versionArgs) > 0 {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, path, versionArgs...)
		cmd.Env = []string{"LC_ALL=C", "PATH=/usr/local/bin:/usr/bin:/bin"}
		if out, err := cmd.Output(); err == nil {
			t.Version, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
		}
	}
	r.Tools = append(r.Tools, t)
}

// RequireEnv records a problem for each variable in names that is not set
// (or empty) in the worker's environment, env.
func (r *Report) RequireEnv(env func(string) (string, bool), what string, names ...string) {
	for _, k := range names {
		if k == "" {
			continue
		}
		if v, ok := env(k); !ok || v == "" {
			r.Problem("%s %s is not set on this worker", what, k)
		}
	}
}

// MissingEnv returns the inconclusive error of a step that needs variables
// not set (or empty) in the worker's environment, env, in the words of
// RequireEnv, or nil when all are set. A step checks it before it runs
// anything: run without a variable it declares, it would pass or fail on
// something else than the catalog says (the preflight finds it before T0;
// a scheduled drill, or one started with --allow-inconclusive, runs anyway).
func MissingEnv(env func(string) (string, bool), what string, names ...string) error {
	var r Report
	r.RequireEnv(env, what, names...)
	if len(r.Problems) == 0 {
		return nil
	}
	return Inconclusive("%s", strings.Join(r.Problems, "; "))
}

// Readable records a problem when the worker cannot see the directory of
// the catalog file that names file (baseDir), or when file exists but
// cannot be read. A file that does not exist in a directory the worker sees
// is no problem here: that is the check's own finding (a missing backup, a
// missing exit plan), a failure, never inconclusive.
func (r *Report) Readable(baseDir, file, what string) {
	if file == "" {
		return
	}
	if baseDir != "" && !filepath.IsAbs(file) {
		if fi, err := os.Stat(baseDir); err != nil || !fi.IsDir() {
			r.Problem("this worker cannot see the catalog directory %s (for %s %s)", baseDir, what, file)
			return
		}
		file = filepath.Join(baseDir, file)
	}
	// Opened without blocking: a FIFO at the path must not stop the preflight.
	f, err := boundedio.Open(file)
	switch {
	case err == nil:
		_ = f.Close()
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, fs.ErrPermission):
		r.Problem("this worker may not read %s %s (permission denied)", what, file)
	default:
		r.Problem("this worker cannot read %s %s: %v", what, file, unwrapPath(err))
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

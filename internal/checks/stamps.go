package checks

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// fileProblems says, for each file step st was planned on (see
// drill.FileStamp), why the worker cannot show that it sees that file, in
// the words of the step's inconclusive reason: a file that could not be read
// where the drill was prepared ("PATH could not be read where the drill was
// prepared (permission denied): …"), or one that differs from its planned
// stamp or cannot be stamped here ("worker sees a different file than the
// catalog: PATH: how"). A plan without stamps is not checked. Its error is
// only the context's: hashing a large file stops when the step is cancelled.
func fileProblems(ctx context.Context, st *drill.StepPlan) ([]string, error) {
	var out []string
	for _, planned := range st.Files {
		if why := planned.Unreadable(); why != "" {
			out = append(out, why)
			continue
		}
		seen, err := stamp.Of(ctx, planned.Path, stamp.Options{Skip: planned.Skip})
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %s: cannot be stamped on this worker: %v", drill.StaleFile, planned.Path, err))
			continue
		}
		if d := planned.Diff(seen); d != "" {
			out = append(out, fmt.Sprintf("%s: %s: %s", drill.StaleFile, planned.Path, d))
		}
	}
	return out, nil
}

// catalogDir returns the directory step st resolves the catalog's files
// against on the worker, and what it is: the directory of the catalog file
// that defines its target, when the step reads a path relative to it (a
// backup's location, an exit plan document, an export), or a command's
// working directory (its runbook's, unless it sets dir). It is "" for a step
// that reads nothing relative to the catalog (hosting checks, forge.mirror,
// containers, absolute paths): such a step runs on a worker that cannot see
// the catalog.
func catalogDir(st *drill.StepPlan) (dir, what string) {
	rel := func(p string) bool { return p != "" && !filepath.IsAbs(filepath.FromSlash(p)) }
	switch {
	case st.Kind == drill.Command:
		return st.Dir, "the step's directory"
	case st.Backup != nil && (st.Kind == drill.BackupFresh || st.Kind == drill.BackupRestore) && rel(st.Backup.Location):
		return st.BaseDir, "the catalog directory"
	case st.ExitPlan != nil && st.Kind == drill.ExitPlanCurrent && rel(st.ExitPlan.Document):
		return st.BaseDir, "the catalog directory"
	case st.ExitPlan != nil && st.Kind == drill.ExitPlanExport:
		for _, ex := range st.ExitPlan.Exports {
			if rel(ex.Path) {
				return st.BaseDir, "the catalog directory"
			}
		}
	}
	return "", ""
}

// checkFiles returns the inconclusive error of a step whose worker does not
// see the catalog's files: it cannot see the directory the step resolves
// them against (a worker that cannot see the catalog: scheduled drills,
// which carry no stamps, and files missing both when planned and now would
// otherwise run the check, and fail it, on nothing), or a file differs from
// the one the step was planned on. Either way the step would pass or fail on
// other data.
func checkFiles(ctx context.Context, st *drill.StepPlan) error {
	if dir, what := catalogDir(st); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return step.Inconclusive("%s: this worker cannot see %s %s", drill.StaleFile, what, dir)
		}
	}
	problems, err := fileProblems(ctx, st)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return step.Inconclusive("%s", strings.Join(problems, "; "))
	}
	return nil
}

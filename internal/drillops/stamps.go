package drillops

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// stampFiles records in each step of plan (anchored) the stamp of every file
// and directory it reads (see reads), so that the worker can check, before
// the step, that it sees the catalog's own files. Steps at a lost supplier
// read nothing. A file read by several steps is stamped once.
func stampFiles(ctx context.Context, plan *drill.Plan) error {
	done := map[string]drill.FileStamp{}
	for _, p := range plan.Processes {
		for _, steps := range [][]*drill.StepPlan{p.Steps, p.Rollback} {
			for _, s := range steps {
				if s.Unavailable != "" {
					continue
				}
				s.Files = nil
				for _, r := range reads(s) {
					key := r.path + "\x00" + strings.Join(r.skip, "/")
					st, ok := done[key]
					if !ok {
						var err error
						if st, err = stamp.Of(ctx, r.path, stamp.Options{Skip: r.skip}); err != nil {
							return fmt.Errorf("step %s/%s: %w", p.ID, s.ID, err)
						}
						done[key] = st
					}
					s.Files = append(s.Files, st)
				}
			}
		}
	}
	return nil
}

// read is a file or directory a step reads, absolute, and the top-level
// entries of a directory its stamp leaves out.
type read struct {
	path string
	skip []string
}

// reads returns what step s reads, resolved as the worker resolves it: a
// backup step its backup's location (a restic repository without its
// locks/), exitplan.current the exit plan document, exitplan.export the
// exports, a command its program when given as a path relative to its
// directory (a script of the catalog; a program named by an absolute path or
// found on PATH belongs to the worker). The working directory of a command is
// not stamped: it is where the command writes, and drills may write their
// evidence there.
func reads(s *drill.StepPlan) []read {
	var out []read
	switch {
	case s.Backup != nil && (s.Kind == drill.BackupFresh || s.Kind == drill.BackupRestore):
		r := read{path: resolve(s.BaseDir, s.Backup.Location)}
		if s.Backup.Kind == drill.Restic {
			r.skip = []string{"locks"}
		}
		out = append(out, r)
	case s.ExitPlan != nil && s.Kind == drill.ExitPlanCurrent:
		out = append(out, read{path: resolve(s.BaseDir, s.ExitPlan.Document)})
	case s.ExitPlan != nil && s.Kind == drill.ExitPlanExport:
		for _, ex := range s.ExitPlan.Exports {
			out = append(out, read{path: resolve(s.BaseDir, ex.Path)})
		}
	case s.Kind == drill.Command && len(s.Command) > 0 && strings.ContainsRune(s.Command[0], '/') && !filepath.IsAbs(s.Command[0]):
		out = append(out, read{path: resolve(s.Dir, s.Command[0])})
	}
	for i := range out {
		if out[i].path == "" {
			return nil
		}
	}
	return out
}

// resolve returns ref (slash-separated) against the absolute directory base,
// or "" when ref is empty.
func resolve(base, ref string) string {
	if ref == "" {
		return ""
	}
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return filepath.Clean(p)
}

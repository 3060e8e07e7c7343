package drillops

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/stamp"
)

// stampFiles records in each step of plan (anchored) the stamp of every file
// and directory it reads (see reads), so that the worker can check, before
// the step, that it sees the catalog's own files. Steps at a lost supplier
// read nothing. A file read by several steps is stamped once. A file that
// cannot be read here is stamped unreadable (see stamp.Planned): the
// preflight names its step, instead of the drill failing to be prepared.
// Its error is only ctx's.
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
						if st, err = stamp.Planned(ctx, r.path, stamp.Options{Skip: r.skip}); err != nil {
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
// found on PATH belongs to the worker), and the later arguments of a command
// that name, relative to its directory, a regular file there (a script given
// to an interpreter: ["sh", "scripts/restore.sh"]). The working directory of
// a command is not stamped: it is where the command writes, and drills may
// write their evidence there.
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
	case s.Kind == drill.Command && len(s.Command) > 0:
		if strings.ContainsRune(s.Command[0], '/') && !filepath.IsAbs(s.Command[0]) {
			out = append(out, read{path: resolve(s.Dir, s.Command[0])})
		}
		out = append(out, argFiles(s.Dir, s.Command[1:])...)
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

// argFiles returns the arguments that name a regular file under dir (the
// command's directory) by a relative path: the scripts and files of the
// catalog a command is given. Options, absolute paths (the worker's own),
// paths that leave dir, and anything that is not a regular file there when
// the drill is prepared are arguments, not files the step reads.
func argFiles(dir string, args []string) []read {
	if dir == "" {
		return nil
	}
	var out []read
	for _, a := range args {
		p := filepath.FromSlash(a)
		if a == "" || strings.HasPrefix(a, "-") || !filepath.IsLocal(p) {
			continue
		}
		full := filepath.Join(dir, p)
		if fi, err := os.Stat(full); err == nil && fi.Mode().IsRegular() {
			out = append(out, read{path: full})
		}
	}
	return out
}

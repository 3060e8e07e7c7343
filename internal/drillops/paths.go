package drillops

import (
	"fmt"
	"path/filepath"

	"github.com/exitdrill/exitdrill/drill"
)

// anchor makes every directory a plan's steps resolve files against (the
// directory of the file that defines a step's target, a command's working
// directory) absolute, against the directory the drill is prepared in. The
// worker, which may run in another directory (exitdrill server) or on
// another machine, then reads the catalog's own files, never files that
// happen to stand at the same relative path where it runs.
func anchor(plan *drill.Plan) error {
	for _, p := range plan.Processes {
		for _, steps := range [][]*drill.StepPlan{p.Steps, p.Rollback} {
			for _, s := range steps {
				for _, dir := range []*string{&s.BaseDir, &s.Dir} {
					if *dir == "" || filepath.IsAbs(*dir) {
						continue
					}
					abs, err := filepath.Abs(filepath.FromSlash(*dir))
					if err != nil {
						return fmt.Errorf("step %s/%s: resolve %s: %w", p.ID, s.ID, *dir, err)
					}
					*dir = abs
				}
			}
		}
	}
	return nil
}

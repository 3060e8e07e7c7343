package drillops

import (
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge"
)

// linkRepos says, in the stamp of every regular file of a github: source
// that a step may run on elsewhere (drill.Ships), where it lies in the
// source's repository at the commit the drill is prepared on (see
// drill.RepoFile), so that a worker that cannot see the catalog fetches it
// there when the plan does not carry it. Files of local sources, and
// directories (backups), stay named by path only.
func linkRepos(plan *drill.Plan, sources []resolved) {
	type repo struct{ root, pinned string }
	var repos []repo
	for _, s := range sources {
		if s.root == "" || s.source.Commit == "" {
			continue
		}
		sp, err := forge.ParseSpec(s.source.Spec)
		if err != nil {
			continue
		}
		sp.Ref = s.source.Commit
		repos = append(repos, repo{root: filepath.Clean(s.root), pinned: sp.String()})
	}
	if len(repos) == 0 {
		return
	}
	for _, p := range plan.Processes {
		for _, steps := range [][]*drill.StepPlan{p.Steps, p.Rollback} {
			for _, s := range steps {
				if !drill.Ships(s.Kind) {
					continue
				}
				for i, f := range s.Files {
					if f.Kind != drill.FileRegular || f.SHA256 == "" {
						continue
					}
					for _, r := range repos {
						rel, err := filepath.Rel(r.root, f.Path)
						if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
							continue
						}
						s.Files[i].Repo = &drill.RepoFile{Source: r.pinned, Path: filepath.ToSlash(rel)}
						break
					}
				}
			}
		}
	}
}

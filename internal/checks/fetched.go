package checks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/forge"
)

// Repos fetches the subtree of a github: source at a commit: the worker's
// way to the files of a catalog kept in a repository (internal/drillops's
// GitHub is the real one).
type Repos interface {
	Fetch(ctx context.Context, spec forge.Spec) (forge.Fetched, error)
}

// onFetched returns the copy a step runs on when the worker does not see its
// directory, the plan does not carry all its files, and every file it reads
// comes from a github: source (drill.RepoFile): the worker fetches each
// source at the commit the drill was prepared on and takes the files from
// there, each checked against its stamp. nil when that does not apply (the
// step then runs on the worker's own files, checked as before). A worker
// that cannot fetch a source, or finds other bytes at the commit, makes the
// step inconclusive: it never runs the step on other data.
func (a *Activities) onFetched(ctx context.Context, st *drill.StepPlan) (*shipCopy, error) {
	dir, _ := catalogDir(st)
	if dir == "" || !fetchable(st) || seen(dir) {
		return nil, nil
	}
	if a.Repos == nil {
		return nil, step.Inconclusive("%s: this worker cannot see %s, and is not set up to fetch the step's files from %s (a worker reads github: sources as exitdrill run does: --github-api-url, and the token in --token-env)",
			drill.StaleFile, dir, st.Files[0].Repo.Source)
	}
	from := origin{detail: "fetched from " + st.Files[0].Repo.Source, copy: "the copy of its files fetched from " + st.Files[0].Repo.Source}
	withContent := *st
	withContent.Files = make([]drill.FileStamp, len(st.Files))
	roots := map[string]string{}
	// A repository that answers slowly, or not at all, takes longer than the
	// heartbeat timeout: without heartbeats the server would take the worker
	// for lost and try again elsewhere, five times over.
	stop := step.Heartbeat(ctx, 2*time.Second)
	defer stop()
	budget := fetchBudget(ctx)
	fctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	for i, f := range st.Files {
		data, err := a.fetchFile(fctx, f, roots)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if fctx.Err() != nil {
				err = fmt.Errorf("cannot fetch %s: no answer within %s", f.Repo.Source, drill.Duration(budget))
			}
			return nil, step.Inconclusive("%s: this worker cannot see %s, and %v", drill.StaleFile, dir, err)
		}
		f.Content, f.Shipped = data, true
		withContent.Files[i] = f
	}
	return newCopy(&withContent, dir, from)
}

// fetchTimeout bounds the fetching of one step's files.
var fetchTimeout = 2 * time.Minute

// fetchBudget is how long a step may spend fetching its files: fetchTimeout,
// and at most half of what is left of the step's own time, so that a
// repository that does not answer makes the step inconclusive while it
// still runs, never a step past its timeout (which is the step's failure).
func fetchBudget(ctx context.Context) time.Duration {
	d := fetchTimeout
	if dl, ok := ctx.Deadline(); ok {
		d = min(d, time.Until(dl)/2)
	}
	return d
}

// fetchable reports whether every file step st reads names where it lies in
// a repository, and st may run on a copy of them (see mirrorable) that
// holds at most drill.StampHashLimit bytes in all: the copy is read into
// memory to be checked against the stamps.
func fetchable(st *drill.StepPlan) bool {
	var total int64
	for _, f := range st.Files {
		if f.Repo == nil || f.Kind != drill.FileRegular || f.SHA256 == "" || f.Size < 0 {
			return false
		}
		if total += f.Size; total > drill.StampHashLimit {
			return false
		}
	}
	return mirrorable(st)
}

// fetchFile returns the content of the file of stamp f in its source at the
// drill's commit, checked against the stamp. roots caches the local root of
// each source fetched for this step.
func (a *Activities) fetchFile(ctx context.Context, f drill.FileStamp, roots map[string]string) ([]byte, error) {
	if why := f.Repo.Problem(); why != "" {
		return nil, fmt.Errorf("the plan names %s in a repository wrongly: %s", f.Path, why)
	}
	root, ok := roots[f.Repo.Source]
	if !ok {
		spec, err := forge.ParseSpec(f.Repo.Source)
		if err != nil {
			return nil, fmt.Errorf("the plan names %s in a repository wrongly: %v", f.Path, err)
		}
		got, err := a.Repos.Fetch(ctx, spec)
		if err != nil {
			return nil, fmt.Errorf("cannot fetch %s: %v", f.Repo.Source, err)
		}
		if got.Commit != spec.Ref || got.Root == "" {
			return nil, fmt.Errorf("fetching %s gave commit %s", f.Repo.Source, got.Commit)
		}
		root = got.Root
		roots[f.Repo.Source] = root
	}
	where := f.Repo.Source + ":" + f.Repo.Path
	data, err := boundedio.ReadAllRegular(ctx, filepath.Join(root, filepath.FromSlash(f.Repo.Path)), drill.StampHashLimit, "file fetched from "+f.Repo.Source, "")
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read at the drill's commit: %v", where, stripRoot(err.Error(), root))
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != f.SHA256 || int64(len(data)) != f.Size {
		return nil, fmt.Errorf("%s (for %s) has sha256 %s, %d bytes, the catalog's file %s, %d bytes", where, f.Path, got, len(data), f.SHA256, f.Size)
	}
	return data, nil
}

// stripRoot removes a fetched tree's local root from s: a step reports the
// repository's names, not the worker's cache.
func stripRoot(s, root string) string {
	return filepath.ToSlash(strings.ReplaceAll(s, root+string(filepath.Separator), ""))
}

package checks

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// shipCopy is a private copy, for one step, of the files the plan ships: each
// file at its own absolute path under root, a directory of this worker's
// temporary directory (mode 0700, files 0600, a command's program 0700),
// removed by remove once the step is over.
type shipCopy struct {
	root string
	dir  string          // the step's directory, which the worker does not see
	step *drill.StepPlan // the step rebased into root
	from origin          // where the copy's content came from
}

// origin says where a copy's content came from, in the words of a step's
// details and reasons.
type origin struct {
	detail string // after "N files": "from the plan"
	copy   string // "the plan's copy of its files"
}

// fromPlan is the origin of content the plan carries.
var fromPlan = origin{detail: "from the plan", copy: "the plan's copy of its files"}

// onShipped returns the mirror a step runs on when the worker does not see
// its directory (see catalogDir) and the plan carries every file it reads
// (drill.FileStamp.Shipped), each checked against its stamp before it is
// written; nil when the step runs on the worker's own files, checked as
// before (checkFiles). A shipped copy that does not match its stamp makes
// the step inconclusive. Only what the plan carries is written.
func onShipped(st *drill.StepPlan) (*shipCopy, error) {
	dir, _ := catalogDir(st)
	if dir == "" || !shippedAll(st) {
		return nil, nil
	}
	if seen(dir) {
		return nil, nil
	}
	for _, f := range st.Files {
		if why := f.ShippedProblem(); why != "" {
			return nil, step.Inconclusive("%s: this worker cannot see %s and %s", drill.StaleFile, dir, why)
		}
	}
	return newCopy(st, dir, fromPlan)
}

// seen reports whether the worker sees something at dir: then the step runs
// on the worker's own files, checked against their stamps.
func seen(dir string) bool {
	_, err := os.Stat(dir)
	return !errors.Is(err, os.ErrNotExist)
}

// newCopy writes the content of st's files (each checked against its stamp
// by the caller) in a private directory, for a step whose directory dir the
// worker does not see.
func newCopy(st *drill.StepPlan, dir string, from origin) (*shipCopy, error) {
	root, err := os.MkdirTemp("", "exitdrill-shipped-")
	if err != nil {
		return nil, step.Inconclusive("cannot copy the step's files on this worker: %v", err)
	}
	m := &shipCopy{root: root, dir: dir, from: from}
	if err := m.write(st); err != nil {
		m.remove()
		return nil, step.Inconclusive("cannot copy the step's files on this worker: %s", m.strip(err.Error()))
	}
	return m, nil
}

// shippedAll reports whether the plan carries every file step st reads, and
// st reads them only by paths relative to its clean absolute directory that
// stay in a mirror (a path the step names absolutely is read there, not in a
// mirror).
func shippedAll(st *drill.StepPlan) bool {
	for _, f := range st.Files {
		if !f.Shipped {
			return false
		}
	}
	return mirrorable(st)
}

// mirrorable reports whether step st may run on a copy of its files: it is
// of a kind that may (drill.Ships), reads files, and reads them only by
// paths relative to its clean absolute directory that stay in a mirror.
func mirrorable(st *drill.StepPlan) bool {
	if len(st.Files) == 0 || !drill.Ships(st.Kind) {
		return false
	}
	for _, dir := range []string{st.BaseDir, st.Dir} {
		if dir != "" && (!filepath.IsAbs(dir) || filepath.Clean(dir) != dir) {
			return false
		}
	}
	var refs []string // relative to BaseDir
	if ep := st.ExitPlan; ep != nil && st.Kind == drill.ExitPlanCurrent {
		refs = append(refs, ep.Document)
	}
	if ep := st.ExitPlan; ep != nil && st.Kind == drill.ExitPlanExport {
		for _, ex := range ep.Exports {
			refs = append(refs, ex.Path)
		}
	}
	for _, ref := range refs {
		if !inMirror(st.BaseDir, ref) {
			return false
		}
	}
	if st.Kind == drill.Command && len(st.Command) > 0 && !filepath.IsAbs(st.Command[0]) && !inMirror(st.Dir, st.Command[0]) {
		return false
	}
	return true
}

// inMirror reports whether ref, relative to the absolute directory base,
// names in a mirror the file it names outside: it is relative and does not
// climb above the root ("../../../etc/passwd" from /srv/catalog would leave
// the mirror and read the worker's own file).
func inMirror(base, ref string) bool {
	p := filepath.FromSlash(ref)
	if filepath.IsAbs(p) {
		return false
	}
	const root = "/mirror"
	return filepath.Join(root, base, p) == filepath.Join(root, filepath.Join(base, p))
}

// write writes st's shipped files under m.root and sets m.step to st
// rebased there.
func (m *shipCopy) write(st *drill.StepPlan) error {
	var program string
	if st.Kind == drill.Command && len(st.Command) > 0 && !filepath.IsAbs(st.Command[0]) {
		program = filepath.Join(st.Dir, filepath.FromSlash(st.Command[0]))
	}
	rebased := *st
	rebased.Files = make([]drill.FileStamp, len(st.Files))
	for i, f := range st.Files {
		p := m.in(f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return err
		}
		mode := os.FileMode(0o600)
		if f.Path == program {
			mode = 0o700
		}
		if err := os.WriteFile(p, f.Content, mode); err != nil {
			return err
		}
		rebased.Files[i] = drill.FileStamp{Path: p, Kind: f.Kind, SHA256: f.SHA256, Size: f.Size}
	}
	if st.BaseDir != "" {
		rebased.BaseDir = m.in(st.BaseDir)
	}
	if st.Dir != "" {
		rebased.Dir = m.in(st.Dir)
		if err := os.MkdirAll(rebased.Dir, 0o700); err != nil {
			return err
		}
	}
	m.step = &rebased
	return nil
}

// in is path (absolute) in the mirror.
func (m *shipCopy) in(path string) string { return filepath.Join(m.root, path) }

// strip removes the mirror's root from s, so that what the step reports
// names the catalog's paths, not the worker's temporary ones.
func (m *shipCopy) strip(s string) string { return strings.ReplaceAll(s, m.root, "") }

// remove deletes the mirror.
func (m *shipCopy) remove() { _ = os.RemoveAll(m.root) }

// run performs f on the mirror's step and reports in the catalog's paths,
// saying that the step ran on the plan's copy. A command that does not pass
// there is inconclusive, not failed: it may need a file the plan does not
// name. Exit plan checks read only the files the plan names: their findings
// stand.
func (m *shipCopy) run(f step.Func) step.Func {
	return func(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
		n := len(in.Step.Files)
		in.Step = m.step
		out, err := f(ctx, cfg, in)
		out.Reason, out.Output = m.strip(out.Reason), m.strip(out.Output)
		for k, v := range out.Details {
			out.Details[k] = m.strip(v)
		}
		if out.Details == nil {
			out.Details = map[string]string{}
		}
		files := "files"
		if n == 1 {
			files = "file"
		}
		out.Details[drill.DetailShipped] = fmt.Sprintf("%d %s %s: this worker does not see %s", n, files, m.from.detail, m.dir)
		if err == nil && !out.Passed && in.Step.Kind == drill.Command && ctx.Err() == nil {
			// A command may read more than its stamped files (a script
			// sourcing another beside it): on the copy, such a file is
			// missing, which says nothing of the supplier.
			return out, step.Inconclusive("%s on %s (this worker does not see %s), which holds only the files the plan names: %s",
				drill.CommandFailedOnCopy, m.from.copy, m.dir, out.Reason)
		}
		return out, m.stripErr(err)
	}
}

// stripErr is err with the mirror's root removed from an application
// error's message (its type and retry kept); other errors pass unchanged.
func (m *shipCopy) stripErr(err error) error {
	var ae *temporal.ApplicationError
	if err == nil || !errors.As(err, &ae) || !strings.Contains(ae.Error(), m.root) {
		return err
	}
	var details []any
	var out drill.StepOutput
	if ae.HasDetails() && ae.Details(&out) == nil {
		out.Reason, out.Output = m.strip(out.Reason), m.strip(out.Output)
		details = append(details, out)
	}
	return temporal.NewApplicationErrorWithOptions(m.strip(ae.Message()), ae.Type(),
		temporal.ApplicationErrorOptions{NonRetryable: ae.NonRetryable(), Details: details})
}

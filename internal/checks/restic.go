package checks

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// resticSnapshot is the part of `restic snapshots --json` the checks use.
type resticSnapshot struct {
	ID      string    `json:"id"`
	ShortID string    `json:"short_id"`
	Time    time.Time `json:"time"`
	Paths   []string  `json:"paths"`
}

// resticFresh finds the newest snapshot made by T0 and checks the repository's
// structure (`restic check`: every pack the index names is there, whole).
func (j *backupJob) resticFresh(ctx context.Context) (*copyFound, error) {
	snap, err := j.resticNewest(ctx)
	if err != nil {
		return nil, err
	}
	found := &copyFound{noun: "newest snapshot", time: snap.Time}
	if err := j.resticCheck(ctx); err != nil {
		return found, err
	}
	var st struct {
		TotalSize      int64 `json:"total_size"`
		TotalFileCount int64 `json:"total_file_count"`
	}
	var out bytes.Buffer
	if err := j.restic(ctx, &out, "stats", "--json", snap.ID); err != nil {
		return found, err
	}
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		return found, fmt.Errorf("read restic stats of %s: %w", j.loc, err)
	}
	j.details[DetailBytes] = strconv.FormatInt(st.TotalSize, 10)
	j.details["entries"] = strconv.FormatInt(st.TotalFileCount, 10) // files and directories
	return found, nil
}

// resticRestore restores the newest snapshot made by T0 into the sandbox and
// proves it: every entry of the snapshot is there with its size, and every
// SHA256SUMS manifest in it matches.
//
// The restore is one `restic dump` stream unpacked and hashed as it is
// written (see resticDump): the data is read once. Each restic run pays for
// the repository's key derivation (about half a second by design) and reads
// the index, so the runs overlap: `restic check` runs beside the listing of
// the snapshots and the restore, and the restore starts at once with the
// repository's latest snapshot, kept only when the listing shows it is the
// one to restore (see latestIsNewest); otherwise it is stopped and the
// snapshot restored by its ID. A damaged repository fails the check and stops
// the restore, whose own failure would say less (restic retries a damaged
// pack for a minute).
func (j *backupJob) resticRestore(ctx context.Context) (*copyFound, error) {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	checked := make(chan error, 1)
	go func() { checked <- j.resticCheck(cctx) }()
	target := j.sb.path("restore")
	before, listed := j.snapshotFiles()
	var run *dumpRun
	if listed {
		run = j.startDump(cctx, "latest", target)
	}
	snaps, err := j.resticSnapshots(ctx)
	var snap *resticSnapshot
	if err == nil {
		snap, err = j.newestByT0(snaps)
	}
	if err != nil {
		cancel()
		run.wait()
		<-checked
		return nil, err
	}
	found := &copyFound{noun: "newest snapshot", time: snap.Time}
	if run != nil && !latestIsNewest(snap, snaps, before) {
		run.stop()
		run = nil
	}
	if run == nil {
		run = j.startDump(cctx, snap.ID, target)
	}
	if err := <-checked; err != nil {
		cancel()
		run.wait()
		return found, err
	}
	out := run.wait()
	if run.snap == "latest" {
		// The latest snapshot is the one listed only if no snapshot came or
		// went while restic chose it.
		if after, ok := j.snapshotFiles(); !ok || !slices.Equal(after, before) {
			removeTree(target)
			run = j.startDump(cctx, snap.ID, target)
			out = run.wait()
		}
	}
	if out.err != nil {
		return found, out.err
	}
	j.details["files"] = strconv.FormatInt(out.res.scan.files, 10)
	j.setRestoreFigures(out.took, out.res.scan.bytes)
	return found, j.verifyDump(target, out.res)
}

// dumpRun is one restore (resticDump) of snapshot snap running in the
// background; wait returns its outcome, stop cancels it and removes what it
// wrote. A nil *dumpRun is one that never started.
type dumpRun struct {
	snap, target string
	cancel       context.CancelFunc
	done         chan struct{}
	out          dumpOutcome
}

type dumpOutcome struct {
	res  *dumpResult
	took time.Duration // the restore's wall time
	err  error
}

func (j *backupJob) startDump(ctx context.Context, snap, target string) *dumpRun {
	dctx, cancel := context.WithCancel(ctx)
	r := &dumpRun{snap: snap, target: target, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		start := time.Now()
		res, err := j.resticDump(dctx, snap, target)
		r.out = dumpOutcome{res: res, took: time.Since(start), err: err}
	}()
	return r
}

func (r *dumpRun) wait() dumpOutcome {
	if r == nil {
		return dumpOutcome{}
	}
	<-r.done
	r.cancel()
	return r.out
}

func (r *dumpRun) stop() {
	r.cancel()
	r.wait()
	removeTree(r.target)
}

// snapshotFiles lists the snapshot IDs of the repository's snapshots
// directory, sorted; ok is false when it cannot be read.
func (j *backupJob) snapshotFiles() (ids []string, ok bool) {
	des, err := os.ReadDir(filepath.Join(j.loc, "snapshots"))
	if err != nil {
		return nil, false
	}
	for _, de := range des {
		ids = append(ids, de.Name())
	}
	slices.Sort(ids)
	return ids, true
}

// latestIsNewest reports whether restic's "latest" is newest, the snapshot to
// restore: the listed snapshots are those of the snapshots directory before
// the runs started (ids), and newest is strictly later than every other one
// (restic breaks ties between equal times at random).
func latestIsNewest(newest *resticSnapshot, snaps []resticSnapshot, ids []string) bool {
	listed := make([]string, 0, len(snaps))
	for _, s := range snaps {
		listed = append(listed, s.ID)
		if s.ID != newest.ID && !s.Time.Before(newest.Time) {
			return false
		}
	}
	slices.Sort(listed)
	return slices.Equal(listed, ids)
}

// resticNewest lists the snapshots and returns the newest made by T0.
func (j *backupJob) resticNewest(ctx context.Context) (*resticSnapshot, error) {
	snaps, err := j.resticSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	return j.newestByT0(snaps)
}

// resticSnapshots lists the repository's snapshots.
func (j *backupJob) resticSnapshots(ctx context.Context) ([]resticSnapshot, error) {
	var out bytes.Buffer
	if err := j.restic(ctx, &out, "snapshots", "--json"); err != nil {
		return nil, err
	}
	var snaps []resticSnapshot
	if err := json.Unmarshal(out.Bytes(), &snaps); err != nil {
		return nil, fmt.Errorf("read restic snapshots of %s: %w", j.loc, err)
	}
	return snaps, nil
}

// newestByT0 returns the newest of snaps made by T0.
func (j *backupJob) newestByT0(snaps []resticSnapshot) (*resticSnapshot, error) {
	var newest *resticSnapshot
	later := 0
	for i := range snaps {
		s := &snaps[i]
		if s.Time.After(j.t0) {
			later++
			continue
		}
		if newest == nil || s.Time.After(newest.Time) {
			newest = s
		}
	}
	j.details["snapshots"] = strconv.Itoa(len(snaps))
	switch {
	case len(snaps) == 0:
		return nil, fail("the repository at %s has no snapshots", j.loc)
	case newest == nil:
		return nil, fail("the repository at %s has no snapshot made before T0 (%d made later)", j.loc, later)
	}
	j.details["snapshot"] = newest.ShortID
	return newest, nil
}

// resticCheck runs `restic check` (structure only, without reading all data).
func (j *backupJob) resticCheck(ctx context.Context) error {
	err := j.restic(ctx, nil, "check")
	var f *failure
	if errors.As(err, &f) && strings.HasPrefix(f.reason, "restic check failed") {
		return fail("restic check found damage in the repository at %s: %s", j.loc, f.detail)
	}
	return err
}

// more says how many problems a reason leaves out.
func more(total, shown int) string {
	if total > shown {
		return fmt.Sprintf("; and %d more", total-shown)
	}
	return ""
}

// restic runs one restic command on the repository, read-only (no lock, no
// cache), with the password in the child's environment only. A failure is
// described in the operator's words.
func (j *backupJob) restic(ctx context.Context, stdout io.Writer, args ...string) error {
	bin, err := lookTool("restic", "restic")
	if err != nil {
		return err
	}
	if j.b.PasswordEnv == "" {
		return badStep("backup %s is a restic repository but names no passwordEnv", j.b.ID)
	}
	pw, ok := j.a.Env(j.b.PasswordEnv)
	if !ok || pw == "" {
		return fail("the repository password is not available: %s is not set on the worker", j.b.PasswordEnv)
	}
	t := tool{path: bin, stdout: stdout, dir: j.sb.tmp(),
		args: append([]string{"--no-lock", "--no-cache", "--quiet", "--repo", j.loc}, args...),
		env:  j.toolEnv("RESTIC_PASSWORD=" + pw)}
	stderr, err := t.run(ctx)
	if err == nil || ctx.Err() != nil {
		return ctx.Err()
	}
	return j.resticFailure(args[0], stderr, err)
}

// resticFailure turns restic's error output into a reason.
func (j *backupJob) resticFailure(cmd, stderr string, err error) error {
	switch {
	case strings.Contains(stderr, "wrong password or no key found"):
		return fail("restic: wrong password or no key for the repository at %s", j.loc)
	case strings.Contains(stderr, "unable to open config file"), strings.Contains(stderr, "Is there a repository at"):
		return fail("restic: no repository at %s", j.loc)
	}
	detail := firstResticError(stderr)
	if detail == "" {
		detail = exitText(err)
	}
	return &failure{reason: fmt.Sprintf("restic %s failed: %s", cmd, detail), detail: detail}
}

// firstResticError is the first line of restic's error output that says what
// is wrong, rather than the closing "Fatal: ..." summary.
func firstResticError(stderr string) string {
	var fatal string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "", strings.HasPrefix(l, "using temporary cache"), strings.Contains(l, "returned error, retrying"):
		case strings.HasPrefix(l, "Fatal: "):
			if fatal == "" {
				fatal = strings.TrimPrefix(l, "Fatal: ")
			}
		default:
			return l
		}
	}
	return fatal
}

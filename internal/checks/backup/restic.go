package backup

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
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
	j.details[drill.DetailBytes] = strconv.FormatInt(st.TotalSize, 10)
	j.details["entries"] = strconv.FormatInt(st.TotalFileCount, 10) // files and directories
	return found, nil
}

// resticNewest lists the snapshots and returns the newest made by T0.
func (j *backupJob) resticNewest(ctx context.Context) (*resticSnapshot, error) {
	var out bytes.Buffer
	if err := j.restic(ctx, &out, "snapshots", "--json"); err != nil {
		return nil, err
	}
	var snaps []resticSnapshot
	if err := json.Unmarshal(out.Bytes(), &snaps); err != nil {
		return nil, fmt.Errorf("read restic snapshots of %s: %w", j.loc, err)
	}
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
	return j.resticWith(ctx, resticIO{stdout: stdout, quiet: true}, args...)
}

// resticIO is where a restic run's output goes, besides the error output
// kept for its reason.
type resticIO struct {
	stdout, stderr io.Writer // nil: discarded
	quiet          bool      // --quiet (unless quiet, `restic restore` names the snapshot it restores)
}

// resticWith is restic with the output going where o says.
func (j *backupJob) resticWith(ctx context.Context, o resticIO, args ...string) error {
	bin, err := lookTool("restic", "restic")
	if err != nil {
		return err
	}
	if j.b.PasswordEnv == "" {
		return step.BadStep("backup %s is a restic repository but names no passwordEnv", j.b.ID)
	}
	pw, ok := j.cfg.Env(j.b.PasswordEnv)
	if !ok || pw == "" {
		return step.Inconclusive("the repository password is not available: %s is not set on the worker", j.b.PasswordEnv)
	}
	flags := []string{"--no-lock", "--no-cache", "--repo", j.loc}
	if o.quiet {
		flags = append(flags, "--quiet")
	}
	t := tool{path: bin, stdout: o.stdout, stderr: o.stderr, dir: j.sb.tmp(),
		args: append(flags, args...),
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
			// restic restore goes on after a file it cannot restore and
			// says "ignoring error for /path: why"; the check does not.
			return strings.TrimPrefix(l, "ignoring error for ")
		}
	}
	return fatal
}

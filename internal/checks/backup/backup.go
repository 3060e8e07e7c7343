// Package backup checks a catalog's backups: backup.fresh (the newest copy
// made by T0 is read in full and its age judged against the RPO and its
// schedule) and backup.restore (that copy restored into a throwaway sandbox
// and proved). It knows four kinds of backup: restic repositories, pg_dump
// archives (restored into a PostgreSQL started for the purpose, on the worker
// or in a container), tar, tar.gz and zip archives, and plain directories;
// SHA256SUMS manifests are checked wherever they are.
package backup

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// backupCheck checks one kind of backup; it returns the copy it settled on
// (nil when it found none) and a *failure when the check did not pass.
type backupCheck func(j *backupJob, ctx context.Context) (*copyFound, error)

// backupKinds maps each backup kind to its backup.fresh and backup.restore.
var backupKinds = map[drill.BackupKind]struct{ fresh, restore backupCheck }{
	drill.Restic:    {(*backupJob).resticFresh, (*backupJob).resticRestore},
	drill.PgDump:    {(*backupJob).pgdumpFresh, (*backupJob).pgdumpRestore},
	drill.Archive:   {(*backupJob).archiveFresh, (*backupJob).archiveRestore},
	drill.Directory: {(*backupJob).directoryFresh, (*backupJob).directoryRestore},
}

// backupJob is one backup check in progress: the backup, its resolved
// location, the sandbox it works in and the details it reports. It lives for
// one step; close tears the sandbox down whatever happened.
type backupJob struct {
	cfg     *step.Config
	in      drill.StepInput
	b       *drill.Backup
	loc     string    // the location, resolved against the catalog file
	t0      time.Time // the outage start; copies made later did not exist then
	sb      *sandbox
	details map[string]string
}

// copyFound is the copy a check settled on: the newest one made by T0.
type copyFound struct {
	noun string // how a reason names it: "newest snapshot", "archive"
	time time.Time
}

// failure is a check that ran and did not pass; reason is shown to the
// operator, detail is the tool's own words when a caller rephrases it.
type failure struct{ reason, detail string }

func (f *failure) Error() string { return f.reason }

// fail returns a failure with a formatted reason.
func fail(format string, args ...any) error { return &failure{reason: fmt.Sprintf(format, args...)} }

// Fresh is backup.fresh: the newest copy made by T0, read in full, and
// its age at T0 against the RPO and the backup's schedule.
func Fresh(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	return runBackup(ctx, cfg, in, false)
}

// Restore is backup.restore: the newest copy made by T0 restored into
// a throwaway sandbox and proved.
func Restore(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	return runBackup(ctx, cfg, in, true)
}

// runBackup runs backup.fresh (restore false) or backup.restore on the step's
// backup. Stale sandboxes of dead workers are removed first.
func runBackup(ctx context.Context, cfg *step.Config, in drill.StepInput, restore bool) (drill.StepOutput, error) {
	b := in.Step.Backup
	if b == nil {
		return drill.StepOutput{}, step.BadStep("step %s names no backup", in.Step.ID)
	}
	kind, ok := backupKinds[b.Kind]
	if !ok {
		return drill.StepOutput{}, step.BadStep("backup %s has kind %q; exitdrill checks restic, pgdump, archive and directory", b.ID, b.Kind)
	}
	loc := b.Location
	if !filepath.IsAbs(loc) && in.Step.BaseDir != "" {
		loc = filepath.Join(filepath.FromSlash(in.Step.BaseDir), filepath.FromSlash(loc))
	}
	// The tools run in the sandbox: they need the location absolute.
	if abs, err := filepath.Abs(loc); err == nil {
		loc = abs
	}
	j := &backupJob{cfg: cfg, in: in, b: b, loc: loc, t0: in.T0,
		details: map[string]string{drill.DetailBackupID: b.ID, "kind": string(b.Kind), "location": loc}}
	if j.t0.IsZero() {
		j.t0 = time.Now()
	}
	if n := removeStaleSandboxes(); n > 0 {
		j.details["staleSandboxesRemoved"] = strconv.Itoa(n)
	}
	stop := step.Heartbeat(ctx, 2*time.Second)
	defer stop()
	sb, err := newSandbox()
	if err != nil {
		return drill.StepOutput{}, err
	}
	j.sb = sb
	defer sb.close()

	check := kind.fresh
	if restore {
		check = kind.restore
	}
	found, err := check(j, ctx)
	return j.result(ctx, found, err, !restore)
}

// result turns a check's outcome into the step's output. A copy that was read
// (or restored) in full passes whatever its age: freshness is judged only by
// backup.fresh and only as findings (see judgeAge), and a restore reports the
// age so the workflow can judge data loss.
func (j *backupJob) result(ctx context.Context, found *copyFound, err error, judgeAge bool) (drill.StepOutput, error) {
	out := drill.StepOutput{Details: j.details}
	if found != nil {
		age := j.t0.Sub(found.time)
		j.details[drill.DetailBackupTime] = found.time.UTC().Format(time.RFC3339)
		j.details[drill.DetailBackupAge] = age.Round(time.Second).String()
		if err == nil {
			j.details[drill.DetailBackupUsable] = "true"
			if judgeAge {
				out.Reason = j.judgeAge(found, age)
			}
		}
	}
	var f *failure
	switch {
	case ctx.Err() != nil:
		return out, ctx.Err()
	case errors.As(err, &f):
		out.Reason = f.reason
		return out, nil
	case err != nil:
		return out, err
	}
	out.Passed = true
	return out, nil
}

// judgeAge judges a usable copy's age at T0 against the RPO and the backup's
// schedule and returns what it found ("" when neither is exceeded). Neither
// fails the step: the copy is usable, so the restore after it still runs and
// one weakness does not hide the rest. An age beyond the RPO is a data-loss
// finding, which drill.DataLossOf judges from DetailBackupAge and counts
// against the process's objectives; a missed schedule is a finding on the
// backup job, recorded in the "findings" detail for the evidence.
func (j *backupJob) judgeAge(found *copyFound, age time.Duration) string {
	rpo, every := j.in.RPO.Std(), j.b.Every.Std()
	grace := scheduleGrace(every)
	tooOld := rpo > 0 && age > rpo
	missed := every > 0 && age > every+grace
	var notes []string
	if tooOld {
		notes = append(notes, fmt.Sprintf("%s is %s old at T0, older than the RPO %s: a data-loss finding",
			found.noun, humanAge(age), j.in.RPO))
	}
	if missed {
		m := fmt.Sprintf("%s is %s old at T0: it missed its schedule (every %s, %s grace)",
			found.noun, humanAge(age), j.b.Every, drill.Duration(grace))
		if tooOld {
			m = fmt.Sprintf("it also missed its schedule (every %s)", j.b.Every)
		}
		notes = append(notes, m)
		j.details[drill.DetailFindings] = fmt.Sprintf("backup %s missed its schedule: newest copy %s old at T0, every %s (%s grace)",
			j.b.ID, humanAge(age), j.b.Every, drill.Duration(grace))
	}
	if len(notes) == 0 {
		return ""
	}
	return strings.Join(notes, "; ") + "; the copy is usable, the steps after it still run"
}

// scheduleGrace is how late a backup may be before it counts as missed: a
// quarter of the interval, at least an hour (a nightly job that ran long).
func scheduleGrace(every time.Duration) time.Duration {
	return max(every/4, time.Hour)
}

// humanAge writes an age as an operator reads it: 3d2h, 5h20m, 12m, 40s.
func humanAge(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d >= drill.Day:
		d = d.Truncate(time.Hour)
	case d >= time.Minute:
		d = d.Truncate(time.Minute)
	default:
		d = d.Truncate(time.Second)
	}
	return drill.Duration(d).String()
}

// setRestoreFigures records the measured restore: its duration and throughput.
func (j *backupJob) setRestoreFigures(took time.Duration, bytes int64) {
	secs := took.Seconds()
	j.details[drill.DetailRestoreSeconds] = strconv.FormatFloat(secs, 'f', 3, 64)
	j.details[drill.DetailBytes] = strconv.FormatInt(bytes, 10)
	if secs > 0 {
		j.details[drill.DetailBytesPerSecond] = strconv.FormatFloat(float64(bytes)/secs, 'f', 0, 64)
	}
}

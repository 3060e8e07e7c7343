package backup

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Benchmarks of backup.restore on data that scripts/bench (section
// bench_restore) makes: a 1 GiB restic repository and a pg_dump of a
// 1-million-row table. They call the step function directly, without the
// engine, and skip unless the environment names the data:
//
//	EXITDRILL_BENCH_RESTIC_REPO      the restic repository
//	EXITDRILL_BENCH_RESTIC_PASSWORD  its password (the backup's passwordEnv)
//	EXITDRILL_BENCH_PGDUMP           the pg_dump -Fc archive
//	EXITDRILL_BENCH_PGDUMP_ROWS      the rows its table permits holds
//
// Besides ns/op they report the check's own figures: restore-s (the restore
// alone), setup-s (the sandbox PostgreSQL), rows, the peak RSS of this
// process in MB (the tools it runs are not counted) and cpu-s, the CPU time
// (user and system) per run of this process and the tools it ran.

func BenchmarkResticRestoreVerify(b *testing.B) {
	repo := os.Getenv("EXITDRILL_BENCH_RESTIC_REPO")
	if repo == "" {
		b.Skip("EXITDRILL_BENCH_RESTIC_REPO is not set: scripts/bench makes the repository")
	}
	benchRestore(b, &drill.Backup{ID: "bench-restic", Kind: drill.Restic, Location: repo,
		PasswordEnv: "EXITDRILL_BENCH_RESTIC_PASSWORD", HeldBy: "own"})
}

func BenchmarkPgdumpRestore(b *testing.B) {
	dump := os.Getenv("EXITDRILL_BENCH_PGDUMP")
	if dump == "" {
		b.Skip("EXITDRILL_BENCH_PGDUMP is not set: scripts/bench makes the dump")
	}
	rows, err := strconv.ParseInt(os.Getenv("EXITDRILL_BENCH_PGDUMP_ROWS"), 10, 64)
	if err != nil {
		b.Fatalf("EXITDRILL_BENCH_PGDUMP_ROWS: %v", err)
	}
	benchRestore(b, &drill.Backup{ID: "bench-pgdump", Kind: drill.PgDump, Location: dump, HeldBy: "own",
		Verify: []*drill.Verify{{Query: "select count(*) from permits", AtLeast: rows}}})
}

// benchRestore runs backup.restore on bk b.N times; every run must pass.
func benchRestore(b *testing.B, bk *drill.Backup) {
	a := newRunner(os.LookupEnv)
	in := drill.StepInput{DrillID: "bench", Process: "p", T0: time.Now().Add(time.Hour),
		Step: &drill.StepPlan{ID: "s", Kind: drill.BackupRestore, Target: bk.ID, Backup: bk}}
	var out drill.StepOutput
	var err error
	for b.Loop() {
		out, err = a.RunStep(context.Background(), in)
		if err != nil {
			b.Fatalf("backup.restore: %v\ndetails: %v", err, out.Details)
		}
		if !out.Passed {
			b.Fatalf("backup.restore did not pass: %s\ndetails: %v", out.Reason, out.Details)
		}
	}
	for key, unit := range map[string]string{drill.DetailRestoreSeconds: "restore-s", "setupSeconds": "setup-s", "rows": "rows", "files": "files"} {
		if v, err := strconv.ParseFloat(out.Details[key], 64); err == nil {
			b.ReportMetric(v, unit)
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "rss-MB")
		cpu := ru.Utime.Nano() + ru.Stime.Nano()
		if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
			cpu += ru.Utime.Nano() + ru.Stime.Nano()
			b.ReportMetric(float64(cpu)/1e9/float64(b.N), "cpu-s")
		}
	}
}

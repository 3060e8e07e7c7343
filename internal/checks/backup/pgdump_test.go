package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// srcPG is the real PostgreSQL the tests make their dumps from, started on
// first use and stopped by TestMain.
var srcPG struct {
	sync.Mutex
	srv   *pgServer
	dir   string
	err   error
	dumps map[int]string // rows -> pristine dump file
}

func testEnv() []string { return []string{"LC_ALL=C", "PATH=" + os.Getenv("PATH")} }

func stopSourcePG() {
	srcPG.Lock()
	defer srcPG.Unlock()
	if srcPG.srv != nil {
		srcPG.srv.stop()
	}
	if srcPG.dir != "" {
		_ = os.RemoveAll(srcPG.dir)
	}
}

// pristineDump returns a pg_dump -Fc archive of a database whose table permits
// has rows rows, made once per test run from the source server.
func pristineDump(t *testing.T, rows int) string {
	t.Helper()
	bin := requirePostgres(t)
	srcPG.Lock()
	defer srcPG.Unlock()
	ctx := context.Background()
	if srcPG.srv == nil && srcPG.err == nil {
		srcPG.dir, srcPG.err = os.MkdirTemp("", "exitdrill-testpg-")
		if srcPG.err == nil {
			srcPG.srv, srcPG.err = startPostgres(ctx, bin, filepath.Join(srcPG.dir, "pg"))
		}
		srcPG.dumps = map[int]string{}
	}
	if srcPG.err != nil {
		t.Fatalf("start the source PostgreSQL: %v", srcPG.err)
	}
	if p, ok := srcPG.dumps[rows]; ok {
		return p
	}
	srv, db := srcPG.srv, fmt.Sprintf("permits%d", rows)
	for _, q := range []struct{ db, sql string }{
		{"postgres", "create database " + db},
		{db, "create table permits (id serial primary key, plate text not null, valid_until date not null)"},
		{db, fmt.Sprintf("insert into permits (plate, valid_until) select 'AB-' || lpad(g::text, 4, '0'), date '2026-11-01' + g %% 60 from generate_series(1, %d) g", rows)},
	} {
		if _, err := srv.psql(ctx, testEnv(), q.db, q.sql); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	p := filepath.Join(srcPG.dir, db+".dump")
	dump := tool{path: filepath.Join(bin, "pg_dump"), env: srv.connEnv(testEnv()), args: []string{"-Fc", "-d", db, "-f", p}}
	if stderr, err := dump.run(ctx); err != nil {
		t.Fatalf("pg_dump: %v: %s", err, stderr)
	}
	srcPG.dumps[rows] = p
	return p
}

// dumpAt copies a pristine dump to path with its header's creation time set
// to at, as if pg_dump had run then.
func dumpAt(t *testing.T, rows int, path string, at time.Time) string {
	t.Helper()
	b, err := os.ReadFile(pristineDump(t, rows))
	if err != nil {
		t.Fatal(err)
	}
	v := int(b[5])<<16 | int(b[6])<<8
	intSize, off := int(b[8]), 9
	if v >= dumpV17 {
		off++
	}
	off++ // format
	if v >= dumpV115 {
		off++
	} else {
		off += 1 + intSize
	}
	lt := at.In(time.Local)
	for _, n := range []int{lt.Second(), lt.Minute(), lt.Hour(), lt.Day(), int(lt.Month()) - 1, lt.Year() - 1900} {
		b[off] = 0
		for i := range intSize {
			b[off+1+i] = byte(n >> (8 * i))
		}
		off += 1 + intSize
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// flipTail overwrites bytes near the end of a dump, inside the compressed
// table data: the table of contents still reads, the data does not.
func flipTail(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) - 40; i < len(b)-32; i++ {
		b[i] ^= 0xff
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func pgBackup(loc string, verify ...*drill.Verify) *drill.Backup {
	return &drill.Backup{ID: "parkeren-pg", Kind: drill.PgDump, Location: loc, HeldBy: "kpn",
		Every: drill.Duration(drill.Day), Verify: verify}
}

func TestPgdumpFresh(t *testing.T) {
	ctx := context.Background()
	day := drill.Day
	dir := t.TempDir()
	single := dumpAt(t, 1500, filepath.Join(dir, "single", "parkeren.dump"), snapTime)

	t.Run("one archive", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: pgBackup(single), t0: snapTime.Add(2 * time.Hour), rpo: day})
		wantPass(t, out, err)
		wantDetail(t, out, drill.DetailBackupTime, "2026-11-20T10:00:00Z")
		wantDetail(t, out, drill.DetailBackupAge, "2h0m0s")
		wantDetail(t, out, "database", "permits1500")
		wantDetail(t, out, "tablesWithData", "1")
	})

	many := filepath.Join(dir, "many")
	dumpAt(t, 1500, filepath.Join(many, "parkeren-1118.dump"), snapTime.Add(-2*day))
	dumpAt(t, 10, filepath.Join(many, "parkeren-1120.dump"), snapTime)
	writeFiles(t, many, []testFile{{"dump.log", []byte("pg_dump finished\n")}})
	t.Run("directory: the newest wins", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: pgBackup(many), t0: snapTime.Add(time.Hour), rpo: day})
		wantPass(t, out, err)
		wantDetail(t, out, "dump", "parkeren-1120.dump")
		wantDetail(t, out, "dumps", "2")
	})
	t.Run("directory: the newest made by T0", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: pgBackup(many), t0: snapTime.Add(-time.Hour), rpo: day})
		wantFinding(t, out, err, "newest dump is 1d23h old at T0, older than the RPO 1d: a data-loss finding; it also missed its schedule (every 1d); the copy is usable, the steps after it still run")
		wantDetail(t, out, "dump", "parkeren-1118.dump")
	})

	flipped := dumpAt(t, 1500, filepath.Join(dir, "flipped.dump"), snapTime)
	flipTail(t, flipped)
	truncated := dumpAt(t, 1500, filepath.Join(dir, "truncated.dump"), snapTime)
	if err := os.Truncate(truncated, 1000); err != nil {
		t.Fatal(err)
	}
	notDump := filepath.Join(dir, "notes.txt")
	writeFiles(t, dir, []testFile{{"notes.txt", []byte("not a dump")}})
	empty := t.TempDir()
	for _, tc := range []struct {
		name, loc, reason string
	}{
		{"flipped bytes", flipped, "pg_restore could not read the dump to the end: could not uncompress data: incorrect data check (the archive is damaged)"},
		{"truncated", truncated, "pg_restore --list failed: could not read from input file: end of file (the archive is damaged)"},
		{"not a dump", notDump, notDump + " is not a pg_dump archive"},
		{"no dumps in the directory", empty, "no pg_dump custom-format archive in " + empty},
		{"missing", filepath.Join(dir, "gone"), "no backup at " + filepath.Join(dir, "gone") + ": it does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runBackupStep(t, ctx, backupCase{b: pgBackup(tc.loc), t0: snapTime.Add(time.Hour), rpo: day})
			wantFail(t, out, err, tc.reason)
		})
	}
}

func TestPgdumpRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := dumpAt(t, 1500, filepath.Join(dir, "parkeren.dump"), snapTime)
	count := &drill.Verify{Query: "select count(*) from permits", AtLeast: 1000}
	valid := &drill.Verify{Query: "select count(*) from permits where valid_until >= date '2026-11-29'", AtLeast: 50}

	t.Run("restores and verifies", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: pgBackup(good, count, valid), restore: true, t0: snapTime.Add(time.Hour), rpo: drill.Day})
		wantPass(t, out, err)
		wantDetail(t, out, "rows", "1500")
		wantDetail(t, out, "tables", "1")
		wantDetail(t, out, "verify1", "select count(*) from permits = 1500 (at least 1000)")
		wantDetail(t, out, drill.DetailBackupAge, "1h0m0s")
		secs, _ := strconv.ParseFloat(out.Details[drill.DetailRestoreSeconds], 64)
		if secs <= 0 || out.Details["rowsPerSecond"] == "" {
			t.Fatalf("no restore figures: %v", out.Details)
		}
		t.Logf("pg_restore of %s rows (%s bytes dump): %.3f s, %s rows/s, %s bytes/s; sandbox server setup %s s",
			out.Details["rows"], out.Details[drill.DetailBytes], secs, out.Details["rowsPerSecond"], out.Details[drill.DetailBytesPerSecond], out.Details["setupSeconds"])
	})

	flipped := dumpAt(t, 1500, filepath.Join(dir, "flipped.dump"), snapTime)
	flipTail(t, flipped)
	for _, tc := range []struct {
		name   string
		b      *drill.Backup
		reason string
	}{
		{"too few rows", pgBackup(good, &drill.Verify{Query: "select count(*) from permits", AtLeast: 2000}),
			`verification query "select count(*) from permits" returned 1500, expected at least 2000`},
		{"query fails", pgBackup(good, count, &drill.Verify{Query: "select count(*) from vergunningen", AtLeast: 1}),
			`verification query "select count(*) from vergunningen" failed on the restored database: ERROR: relation "vergunningen" does not exist`},
		{"not a number", pgBackup(good, &drill.Verify{Query: "select plate from permits order by id limit 2", AtLeast: 1}),
			`verification query "select plate from permits order by id limit 2" did not return one number (it returned "AB-0001\nAB-0002")`},
		{"flipped bytes", pgBackup(flipped, count),
			"pg_restore failed: could not uncompress data: incorrect data check (the dump does not restore)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runBackupStep(t, ctx, backupCase{b: tc.b, restore: true, t0: snapTime.Add(time.Hour), rpo: drill.Day})
			wantFail(t, out, err, tc.reason)
		})
	}
}

func TestPgdumpRestoreCancelled(t *testing.T) {
	good := dumpAt(t, 1500, filepath.Join(t.TempDir(), "parkeren.dump"), snapTime)
	// Cancel once the sandbox's server runs: the teardown must stop it.
	ctx := cancelWhen(t, func(sb string) bool {
		_, err := os.Stat(filepath.Join(sb, "pg", "data", "postmaster.pid"))
		return err == nil
	})
	_, err := runBackupStep(t, ctx, backupCase{b: pgBackup(good), restore: true, t0: snapTime.Add(time.Hour)})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want the step cancelled", err)
	}
}

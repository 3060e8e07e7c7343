package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// pgDump is one pg_dump archive: a custom-format file or a directory-format
// directory.
type pgDump struct {
	path   string
	header *dumpHeader // nil when the header could not be read
	time   time.Time   // from the header, else the file's modification time
	bytes  int64
}

// pgdumpFresh finds the newest dump made by T0 and proves it readable:
// `pg_restore --list` reads its table of contents, and converting it to SQL
// (into nothing) reads every data block to the end.
func (j *backupJob) pgdumpFresh(ctx context.Context) (*copyFound, error) {
	d, err := j.pickDump()
	if err != nil {
		return nil, err
	}
	found := &copyFound{noun: "newest dump", time: d.time}
	if j.b.Sandbox != nil {
		return found, j.pgdumpFreshContainer(ctx, d)
	}
	restore, err := j.pgRestoreProgram()
	if err != nil {
		return found, err
	}
	if err := j.pgList(ctx, restore, d); err != nil {
		return found, err
	}
	t := tool{path: restore, env: j.toolEnv(), dir: j.sb.tmp(), args: []string{"-f", os.DevNull, d.path}}
	if stderr, err := t.run(ctx); err != nil {
		if ctx.Err() != nil {
			return found, ctx.Err()
		}
		return found, fail("pg_restore could not read the dump to the end: %s (the archive is damaged)", pgMessage(stderr, err))
	}
	return found, nil
}

// pgdumpRestore restores the newest dump made by T0 into a throwaway
// PostgreSQL and runs the catalog's verification queries on it.
func (j *backupJob) pgdumpRestore(ctx context.Context) (*copyFound, error) {
	d, err := j.pickDump()
	if err != nil {
		return nil, err
	}
	found := &copyFound{noun: "newest dump", time: d.time}
	if j.b.Sandbox != nil {
		return found, j.pgdumpRestoreContainer(ctx, d)
	}
	bin, err := findPostgres()
	if err != nil {
		return found, err
	}
	restore := filepath.Join(bin, "pg_restore")
	if err := j.pgList(ctx, restore, d); err != nil {
		return found, err
	}
	setup := time.Now()
	srv, err := startPostgres(ctx, bin, j.sb.path("pg"))
	j.sb.pg = srv // stopped when the sandbox closes, whatever happened
	if err != nil {
		return found, err
	}
	base := j.toolEnv()
	if _, err := srv.psql(ctx, base, "postgres", "create database restore"); err != nil {
		return found, step.OrCtx(ctx, fmt.Errorf("create the sandbox database: %w", err))
	}
	j.details["postgres"] = filepath.Base(filepath.Dir(bin))
	j.details["postgresCluster"] = "initdb"
	if srv.fromTemplate {
		j.details["postgresCluster"] = "copy of the worker's template"
	}
	j.details["setupSeconds"] = strconv.FormatFloat(time.Since(setup).Seconds(), 'f', 3, 64)
	start := time.Now()
	t := tool{path: restore, env: srv.connEnv(base), dir: j.sb.tmp(),
		args: []string{"-d", "restore", "--no-owner", "--no-privileges", "--exit-on-error",
			"-j", strconv.Itoa(min(4, runtime.NumCPU())), d.path}}
	if stderr, err := t.run(ctx); err != nil {
		if ctx.Err() != nil {
			return found, ctx.Err()
		}
		return found, fail("pg_restore failed: %s (the dump does not restore)", pgMessage(stderr, err))
	}
	took := time.Since(start)
	j.setRestoreFigures(took, d.bytes)
	if err := j.countRows(ctx, srv, base, took); err != nil {
		return found, err
	}
	return found, j.runVerify(ctx, srv, base)
}

// countRows records the tables and rows restored, and rows per second.
func (j *backupJob) countRows(ctx context.Context, srv pgQuerier, base []string, took time.Duration) error {
	const q = `select count(*) || ' ' || coalesce(sum((xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', schemaname, tablename), false, true, '')))[1]::text::bigint), 0)
from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`
	out, err := srv.psql(ctx, base, "restore", q)
	if err != nil {
		return step.OrCtx(ctx, fmt.Errorf("count the restored rows: %w", err))
	}
	tables, rows, _ := strings.Cut(out, " ")
	j.details["tables"], j.details["rows"] = tables, rows
	if n, err := strconv.ParseFloat(rows, 64); err == nil && took > 0 {
		j.details["rowsPerSecond"] = strconv.FormatFloat(n/took.Seconds(), 'f', 0, 64)
	}
	return nil
}

// runVerify runs the catalog's verification queries; each must return one
// number of at least its atLeast.
func (j *backupJob) runVerify(ctx context.Context, srv pgQuerier, base []string) error {
	if len(j.b.Verify) == 0 {
		j.details["verify"] = "no verification queries in the catalog"
		return nil
	}
	for i, v := range j.b.Verify {
		out, err := srv.psql(ctx, base, "restore", v.Query)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fail("verification query %q failed on the restored database: %v", v.Query, err)
		}
		n, perr := strconv.ParseFloat(out, 64)
		if perr != nil || strings.Contains(out, "\n") {
			return fail("verification query %q did not return one number (it returned %q)", v.Query, out)
		}
		j.details[fmt.Sprintf("verify%d", i+1)] = fmt.Sprintf("%s = %s (at least %d)", v.Query, out, v.AtLeast)
		if n < float64(v.AtLeast) {
			return fail("verification query %q returned %s, expected at least %d", v.Query, out, v.AtLeast)
		}
	}
	return nil
}

// pgList runs `pg_restore --list` on the dump: its table of contents must read.
func (j *backupJob) pgList(ctx context.Context, restore string, d *pgDump) error {
	var out strings.Builder
	t := tool{path: restore, env: j.toolEnv(), dir: j.sb.tmp(), stdout: &out, args: []string{"--list", d.path}}
	stderr, err := t.run(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fail("pg_restore --list failed: %s (the archive is damaged)", pgMessage(stderr, err))
	}
	j.recordTOC(out.String(), d)
	return nil
}

// pgQuerier runs one query on a restored database: a PostgreSQL on the worker
// or in a container.
type pgQuerier interface {
	psql(ctx context.Context, base []string, db, query string) (string, error)
}

// recordTOC records what `pg_restore --list` said the dump holds.
func (j *backupJob) recordTOC(toc string, d *pgDump) {
	entries, tables := 0, 0
	for _, l := range strings.Split(toc, "\n") {
		if l == "" || strings.HasPrefix(l, ";") {
			continue
		}
		entries++
		if strings.Contains(l, " TABLE DATA ") {
			tables++
		}
	}
	j.details["dump"] = filepath.Base(d.path)
	j.details["dumpBytes"] = strconv.FormatInt(d.bytes, 10)
	j.details["tocEntries"] = strconv.Itoa(entries)
	j.details["tablesWithData"] = strconv.Itoa(tables)
	if h := d.header; h != nil {
		j.details["database"], j.details["dumpedBy"] = h.dbname, h.dumpVersion
	} else {
		j.details["timeSource"] = "file modification time (the dump header could not be read)"
	}
}

// pickDump finds the dump at the location: the file itself, a directory-format
// dump, or the newest (made by T0) of the dumps in a directory.
func (j *backupJob) pickDump() (*pgDump, error) {
	fi, err := os.Stat(j.loc)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("no backup at %s: it does not exist", j.loc)
	case err != nil:
		return nil, fail("cannot read the backup at %s: %v", j.loc, unwrapPath(err))
	case !fi.IsDir():
		return readDump(j.loc, fi)
	}
	if _, err := os.Stat(filepath.Join(j.loc, "toc.dat")); err == nil {
		return readDump(j.loc, fi)
	}
	ents, err := os.ReadDir(j.loc)
	if err != nil {
		return nil, fail("cannot read the backup directory %s: %v", j.loc, unwrapPath(err))
	}
	var newest *pgDump
	dumps, later := 0, 0
	for _, e := range ents {
		efi, err := e.Info()
		if err != nil {
			continue
		}
		d, err := readDump(filepath.Join(j.loc, e.Name()), efi)
		if err != nil {
			continue // not a dump: a log, a checksum file
		}
		dumps++
		if d.time.After(j.t0) {
			later++
			continue
		}
		if newest == nil || d.time.After(newest.time) {
			newest = d
		}
	}
	j.details["dumps"] = strconv.Itoa(dumps)
	switch {
	case dumps == 0:
		return nil, fail("no pg_dump custom-format archive in %s", j.loc)
	case newest == nil:
		return nil, fail("no dump in %s was made before T0 (%d made later)", j.loc, later)
	}
	return newest, nil
}

// readDump reads a dump's header; it fails for anything that is not a
// custom-format or directory-format pg_dump archive.
func readDump(p string, fi fs.FileInfo) (*pgDump, error) {
	d := &pgDump{path: p, time: fi.ModTime(), bytes: fi.Size()}
	head := p
	if fi.IsDir() {
		head = filepath.Join(p, "toc.dat")
		d.bytes = dirBytes(p)
		if tfi, err := os.Stat(head); err == nil {
			d.time = tfi.ModTime()
		}
	} else if !fi.Mode().IsRegular() {
		return nil, fail("%s is not a file", p)
	}
	f, err := os.Open(head)
	if err != nil {
		return nil, fail("cannot read %s: %v", head, unwrapPath(err))
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	h, err := parseDumpHeader(buf[:n])
	if errors.Is(err, errNotDump) {
		return nil, fail("%s is not a pg_dump archive", p)
	}
	if err == nil {
		d.header, d.time = h, h.created
	}
	return d, nil
}

func dirBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// pgMessage is what pg_restore said went wrong: its first "error:" line (a
// parallel restore adds "a worker process died unexpectedly" after it).
func pgMessage(stderr string, err error) string {
	msg := ""
	for _, l := range strings.Split(stderr, "\n") {
		if _, after, ok := strings.Cut(l, "pg_restore: error: "); ok {
			msg = strings.TrimSpace(after)
			break
		}
	}
	if msg == "" {
		msg = lastMessage(stderr, "pg_restore: ")
	}
	switch {
	case msg == "":
		return "pg_restore " + exitText(err)
	case strings.HasPrefix(exitText(err), "crashed"):
		return fmt.Sprintf("pg_restore %s after: %s", exitText(err), msg)
	}
	return msg
}

// pgRestoreProgram finds pg_restore: the newest PostgreSQL installation's,
// else the one on PATH.
func (j *backupJob) pgRestoreProgram() (string, error) {
	if bin, err := findPostgres(); err == nil {
		return filepath.Join(bin, "pg_restore"), nil
	}
	return lookTool("pg_restore", "postgresql-client")
}

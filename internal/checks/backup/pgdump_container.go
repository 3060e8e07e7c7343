package backup

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// pgdumpFreshContainer is pgdumpFresh with the PostgreSQL programs of the
// sandbox container: the dump's table of contents, then every data block.
func (j *backupJob) pgdumpFreshContainer(ctx context.Context, d *pgDump) error {
	c, err := j.openPgContainer(ctx, d)
	if c != nil {
		defer c.close()
	}
	if err != nil {
		return err
	}
	if err := j.pgListContainer(ctx, c, d); err != nil {
		return err
	}
	if _, stderr, err := c.run(ctx, "pg_restore", "-f", os.DevNull, dumpPath(d.path)); err != nil {
		return step.OrCtx(ctx, fail("pg_restore could not read the dump to the end: %s (the archive is damaged)", pgMessage(stderr, err)))
	}
	return nil
}

// pgdumpRestoreContainer is pgdumpRestore into a PostgreSQL in the sandbox
// container: list, restore, count, verify.
func (j *backupJob) pgdumpRestoreContainer(ctx context.Context, d *pgDump) error {
	setup := time.Now()
	c, err := j.openPgContainer(ctx, d)
	if c != nil {
		defer c.close()
	}
	if err != nil {
		return err
	}
	if err := j.pgListContainer(ctx, c, d); err != nil {
		return err
	}
	if err := c.waitReady(ctx); err != nil {
		return step.OrCtx(ctx, err)
	}
	if _, err := c.psql(ctx, nil, "postgres", "create database restore"); err != nil {
		return step.OrCtx(ctx, fmt.Errorf("create the sandbox database: %w", err))
	}
	if v, _, err := c.run(ctx, "postgres", "--version"); err == nil {
		j.details["postgres"] = strings.TrimSpace(v)
	}
	j.details["setupSeconds"] = strconv.FormatFloat(time.Since(setup).Seconds(), 'f', 3, 64)
	start := time.Now()
	_, stderr, err := c.run(ctx, "pg_restore", "-d", "restore", "--no-owner", "--no-privileges", "--exit-on-error",
		"-j", strconv.Itoa(min(4, runtime.NumCPU())), dumpPath(d.path))
	if err != nil {
		return step.OrCtx(ctx, fail("pg_restore failed: %s (the dump does not restore)", pgMessage(stderr, err)))
	}
	took := time.Since(start)
	j.setRestoreFigures(took, d.bytes)
	if err := j.countRows(ctx, c, nil, took); err != nil {
		return err
	}
	return j.runVerify(ctx, c, nil)
}

// openPgContainer connects to Docker and starts the sandbox container with
// the dump in it. The caller closes the container when it is not nil.
func (j *backupJob) openPgContainer(ctx context.Context, d *pgDump) (*pgContainer, error) {
	eng, err := docker.Connect(ctx)
	if err != nil {
		return nil, err
	}
	c, err := j.startPgContainer(ctx, eng, d)
	if c == nil {
		eng.Close()
		return nil, err
	}
	c.closeEngine = true
	return c, err
}

// pgListContainer runs `pg_restore --list` in the container.
func (j *backupJob) pgListContainer(ctx context.Context, c *pgContainer, d *pgDump) error {
	toc, stderr, err := c.run(ctx, "pg_restore", "--list", dumpPath(d.path))
	if err != nil {
		return step.OrCtx(ctx, fail("pg_restore --list failed: %s (the archive is damaged)", pgMessage(stderr, err)))
	}
	j.recordTOC(toc, d)
	return nil
}

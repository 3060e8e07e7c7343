package backup

import (
	"context"
	"path/filepath"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// FreshPreflight is backup.fresh's preflight: the programs that read the
// backup's kind, the repository password, the location readable.
func FreshPreflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	preflight(ctx, cfg, in, r, false)
}

// RestorePreflight is backup.restore's preflight: as backup.fresh's, and
// what the restore needs besides (PostgreSQL on the worker, or Docker and
// the sandbox image).
func RestorePreflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report) {
	preflight(ctx, cfg, in, r, true)
}

func preflight(ctx context.Context, cfg *step.Config, in drill.StepInput, r *step.Report, restore bool) {
	b := in.Step.Backup
	if b == nil {
		return // the step cannot run as defined; RunStep says so
	}
	r.Readable(filepath.FromSlash(in.Step.BaseDir), filepath.FromSlash(b.Location), "backup location")
	switch b.Kind {
	case drill.Restic:
		if p, err := lookTool("restic", "restic"); err != nil {
			r.Err(err)
		} else {
			r.Tool(ctx, "restic", p, "version")
		}
		r.RequireEnv(cfg.Env, "the repository password variable", b.PasswordEnv)
	case drill.PgDump:
		pgdumpPreflight(ctx, b, r, restore)
	}
}

// pgdumpPreflight: pg_restore reads the archive; a restore needs a whole
// PostgreSQL on the worker (and its postgres user when the worker is root)
// or Docker with the sandbox image.
func pgdumpPreflight(ctx context.Context, b *drill.Backup, r *step.Report, restore bool) {
	if restore && b.Sandbox != nil && b.Sandbox.Container != "" {
		docker.Preflight(ctx, b.Sandbox.Container, r)
		return
	}
	if !restore {
		j := &backupJob{}
		if p, err := j.pgRestoreProgram(); err != nil {
			r.Err(err)
		} else {
			r.Tool(ctx, "pg_restore", p, "--version")
		}
		return
	}
	bin, err := findPostgres()
	if err != nil {
		r.Err(err)
		return
	}
	r.Tool(ctx, "postgresql", filepath.Join(bin, "postgres"), "--version")
	if _, err := serverCredential(); err != nil {
		r.Err(err)
	}
}

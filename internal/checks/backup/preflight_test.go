package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

func preflightOf(t *testing.T, restore bool, env map[string]string, st *drill.StepPlan) step.Report {
	t.Helper()
	var r step.Report
	cfg := &step.Config{Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	if restore {
		RestorePreflight(context.Background(), cfg, drill.StepInput{Step: st}, &r)
	} else {
		FreshPreflight(context.Background(), cfg, drill.StepInput{Step: st}, &r)
	}
	return r
}

// backup.fresh's and backup.restore's preflight for a restic repository:
// restic on the worker (with its version), the password variable set, the
// catalog directory visible. A repository that does not exist in a visible
// directory is the check's finding, not the preflight's.
func TestResticPreflight(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "repo"), 0o700); err != nil {
		t.Fatal(err)
	}
	step := func(loc, base string) *drill.StepPlan {
		return &drill.StepPlan{Kind: drill.BackupRestore, BaseDir: base,
			Backup: &drill.Backup{ID: "crm", Kind: drill.Restic, Location: loc, PasswordEnv: "CRM_RESTIC_PASSWORD"}}
	}
	set := map[string]string{"CRM_RESTIC_PASSWORD": "pw"}
	t.Run("all there", func(t *testing.T) {
		r := preflightOf(t, true, set, step("repo", dir))
		if len(r.Problems) != 0 {
			t.Errorf("problems %q, want none", r.Problems)
		}
		if len(r.Tools) != 1 || r.Tools[0].Name != "restic" || !strings.HasPrefix(r.Tools[0].Version, "restic ") {
			t.Errorf("tools %+v, want restic with its version", r.Tools)
		}
	})
	t.Run("missing repository is the check's finding", func(t *testing.T) {
		if r := preflightOf(t, false, set, step("no-such-repo", dir)); len(r.Problems) != 0 {
			t.Errorf("problems %q, want none", r.Problems)
		}
	})
	t.Run("unset password", func(t *testing.T) {
		r := preflightOf(t, false, nil, step("repo", dir))
		if want := "the repository password variable CRM_RESTIC_PASSWORD is not set on this worker"; strings.Join(r.Problems, "\n") != want {
			t.Errorf("problems %q, want %q", r.Problems, want)
		}
	})
	t.Run("catalog directory not visible", func(t *testing.T) {
		gone := filepath.Join(dir, "elsewhere")
		r := preflightOf(t, false, set, step("repo", gone))
		if want := "this worker cannot see the catalog directory " + gone + " (for backup location repo)"; strings.Join(r.Problems, "\n") != want {
			t.Errorf("problems %q, want %q", r.Problems, want)
		}
	})
	t.Run("restic not installed", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		r := preflightOf(t, false, set, step("repo", dir))
		if want := "restic is not installed on this worker: run scripts/setup (or apt-get install restic)"; strings.Join(r.Problems, "\n") != want {
			t.Errorf("problems %q, want %q", r.Problems, want)
		}
	})
}

// A pgdump backup needs pg_restore to be read and a whole PostgreSQL to be
// restored on the worker; an archive or a directory needs nothing but itself.
func TestPgDumpPreflight(t *testing.T) {
	if _, err := findPostgres(); err != nil {
		t.Skip("PostgreSQL is not installed: run scripts/setup")
	}
	st := &drill.StepPlan{Kind: drill.BackupRestore, Backup: &drill.Backup{ID: "pg", Kind: drill.PgDump, Location: t.TempDir()}}
	for _, restore := range []bool{false, true} {
		r := preflightOf(t, restore, nil, st)
		if len(r.Problems) != 0 || len(r.Tools) != 1 || !strings.Contains(r.Tools[0].Version, "PostgreSQL") {
			t.Errorf("restore %v: problems %q, tools %+v; want none and the PostgreSQL version", restore, r.Problems, r.Tools)
		}
	}
	st.Backup.Kind = drill.Directory
	if r := preflightOf(t, true, nil, st); len(r.Problems) != 0 || len(r.Tools) != 0 {
		t.Errorf("directory: problems %q, tools %+v; want nothing", r.Problems, r.Tools)
	}
}

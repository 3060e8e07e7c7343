package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker/dockertest"
)

// testPgImage is the PostgreSQL base image `make integration` builds
// (integration/images/postgres/build.sh) and names in EXITDRILL_IT_PG_IMAGE.
func testPgImage(t *testing.T) string {
	t.Helper()
	image := os.Getenv("EXITDRILL_IT_PG_IMAGE")
	if image == "" {
		if dockertest.Required {
			t.Fatal("EXITDRILL_IT_PG_IMAGE is not set: run `make integration`")
		}
		t.Skip("no PostgreSQL base image (EXITDRILL_IT_PG_IMAGE; `make integration` builds it)")
	}
	return image
}

func sandboxed(b *drill.Backup, image string) *drill.Backup {
	b.Sandbox = &drill.Sandbox{Container: image}
	return b
}

// TestPgdumpContainerSandbox restores into PostgreSQL in a container from the
// debootstrap base image on the real Docker Engine.
func TestPgdumpContainerSandbox(t *testing.T) {
	d := dockertest.Engine(t)
	image := testPgImage(t)
	ctx := context.Background()
	dir := t.TempDir()
	good := dumpAt(t, 1500, filepath.Join(dir, "parkeren.dump"), snapTime)
	flipped := dumpAt(t, 1500, filepath.Join(dir, "flipped.dump"), snapTime)
	flipTail(t, flipped)
	count := &drill.Verify{Query: "select count(*) from permits", AtLeast: 1000}
	t0 := snapTime.Add(time.Hour)

	t.Run("restores and verifies", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: sandboxed(pgBackup(good, count), image), restore: true, t0: t0, rpo: drill.Day})
		wantPass(t, out, err)
		wantDetail(t, out, "sandbox", "container "+image)
		wantDetail(t, out, "rows", "1500")
		wantDetail(t, out, "verify1", "select count(*) from permits = 1500 (at least 1000)")
		t.Logf("restore in a container: setup %s s, restore %s s, %s", out.Details["setupSeconds"], out.Details[drill.DetailRestoreSeconds], out.Details["postgres"])
	})
	t.Run("fresh reads the dump in the container", func(t *testing.T) {
		out, err := runBackupStep(t, ctx, backupCase{b: sandboxed(pgBackup(good), image), t0: t0, rpo: drill.Day})
		wantPass(t, out, err)
		wantDetail(t, out, "tablesWithData", "1")
	})
	for _, tc := range []struct {
		name    string
		b       *drill.Backup
		restore bool
		reason  string
	}{
		{"too few rows", pgBackup(good, &drill.Verify{Query: "select count(*) from permits", AtLeast: 2000}), true,
			`verification query "select count(*) from permits" returned 1500, expected at least 2000`},
		{"flipped bytes restore", pgBackup(flipped, count), true,
			"pg_restore failed: could not uncompress data: incorrect data check (the dump does not restore)"},
		{"flipped bytes fresh", pgBackup(flipped), false,
			"pg_restore could not read the dump to the end: could not uncompress data: incorrect data check (the archive is damaged)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runBackupStep(t, ctx, backupCase{b: sandboxed(tc.b, image), restore: tc.restore, t0: t0, rpo: drill.Day})
			wantFail(t, out, err, tc.reason)
		})
	}
	t.Run("missing image", func(t *testing.T) {
		_, err := runBackupStep(t, ctx, backupCase{b: sandboxed(pgBackup(good, count), "exitdrill-test/no-such-postgres:1"), restore: true, t0: t0})
		wantInconclusive(t, err, "image exitdrill-test/no-such-postgres:1 is not on the worker's Docker Engine: build or load it there first (exitdrill pulls nothing)")
	})
	t.Run("cancelled mid-restore", func(t *testing.T) {
		cctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		defer cancel()
		_, err := runBackupStep(t, cctx, backupCase{b: sandboxed(pgBackup(good, count), image), restore: true, t0: t0})
		if err == nil {
			t.Fatal("a restore cut off after 1.5 s passed")
		}
	})
	if n := dockertest.Containers(t, d, "test/p/s"); n != 0 {
		t.Errorf("%d sandbox containers left behind", n)
	}
}

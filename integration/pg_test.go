//go:build integration

package integration

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// makeDump creates a pg_dump custom-format archive of a database with
// `rows` permits, made by a throwaway container from the PostgreSQL base
// image, in dir/registry.dump.
func makeDump(t *testing.T, dir string, rows int) {
	t.Helper()
	script := `set -e; B=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); PATH="$B:$PATH"
initdb -D /tmp/d -U postgres --auth=trust --no-sync >/dev/null
pg_ctl -D /tmp/d -o "-c listen_addresses= -c unix_socket_directories=/tmp" -w start >/dev/null
createdb -h /tmp -U postgres registry
psql -X -q -h /tmp -U postgres -d registry -v ON_ERROR_STOP=1 -c "create table permits (id int primary key, plate text not null, valid_until date not null); insert into permits select i, 'NL-' || i, date '2027-01-01' + (i % 365) from generate_series(1, ` + fmt.Sprint(rows) + `) i"
pg_dump -h /tmp -U postgres -Fc -f /out/registry.dump registry
pg_ctl -D /tmp/d -m fast -w stop >/dev/null
echo dump-made`
	if err := os.Chmod(dir, 0o777); err != nil { // the container writes as postgres
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	req := testcontainers.ContainerRequest{
		Image:  pgImage,
		Cmd:    []string{"sh", "-c", script},
		Labels: map[string]string{labelSuite: suiteValue},
		ConfigModifier: func(c *container.Config) {
			c.User = "postgres"
		},
		HostConfigModifier: func(hc *container.HostConfig) {
			hc.Binds = append(hc.Binds, dir+":/out")
			hc.NetworkMode = "none"
		},
		WaitingFor: wait.ForExit().WithExitTimeout(90 * time.Second),
	}
	c, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if c != nil {
		defer func() { _ = c.Terminate(context.Background()) }()
	}
	if err != nil {
		t.Fatalf("make the dump: %v", err)
	}
	st, err := c.State(ctx)
	if err != nil || st.ExitCode != 0 {
		logs := ""
		if rc, lerr := c.Logs(ctx); lerr == nil {
			b, _ := io.ReadAll(rc)
			_ = rc.Close()
			logs = string(b)
		}
		t.Fatalf("make the dump: %v, state %+v %s", err, st, logs)
	}
}

// pgCatalog is a catalog whose pgdump backup restores in a container sandbox
// from the PostgreSQL base image, and whose runbook ends with a verification
// container from the exitdrill image.
const pgCatalog = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Integratietest
suppliers:
  - {id: pghoster, jurisdiction: NL}
  - {id: own, jurisdiction: NL}
applications:
  - id: registry
    supplier: pghoster
    backups:
      - id: registry-pg
        kind: pgdump
        location: registry.dump
        heldBy: own
        every: 24h
        verify:
          - {query: "select count(*) from permits", atLeast: 1000}
          - {query: "select count(*) from permits where valid_until >= date '2027-01-01'", atLeast: 1000}
        sandbox: {container: "%s"}
processes:
  - {id: registry-service, owner: Operations, mtpd: 7d, rto: 2d, rpo: 1d, applications: [registry], runbook: registry-recovery}
---
apiVersion: exitdrill/v1
kind: Runbook
id: registry-recovery
steps:
  - {id: restore, check: backup.restore, target: registry-pg, timeout: 5m}
  - {id: verify-container, action: container, image: "%s", command: [/stepper, -sleep, 1s, -print, verification container ran], timeout: 2m}
---
apiVersion: exitdrill/v1
kind: Scenario
id: it-pghoster-1-week
title: Database hoster unavailable for a week
lose: {suppliers: [pghoster]}
duration: 7d
mode: compressed
`

// A pgdump backup restores into PostgreSQL in a container started by a
// worker that is itself a container FROM scratch (no PostgreSQL in it), the
// verification queries run there, and every container is gone afterwards.
func TestPgdumpRestoreInContainerSandbox(t *testing.T) {
	data := t.TempDir()
	makeDump(t, data, 1500)
	doc := fmt.Sprintf(pgCatalog, pgImage, suiteImage)
	scFile := writeDrill(t, data, doc)
	e := newEnv(t, 1, data)
	start := time.Now()
	id := e.startDrill(data, scFile)
	res := e.result(id, 5*time.Minute)
	e.assertRecovered(res, "registry-service", "restore", "verify-container")
	restore, verify := stepResult(res, "restore"), stepResult(res, "verify-container")
	if restore != nil {
		d := restore.Details
		if d["sandbox"] != "container "+pgImage || d["rows"] != "1500" || !strings.Contains(d["verify1"], "= 1500") {
			t.Errorf("restore details = %v, want the container sandbox, 1500 rows, verify1 = 1500", d)
		}
		t.Logf("restore in a container sandbox: %s wall, setup %ss, restore %ss, %s", restore.Wall.Round(100*time.Millisecond),
			d["setupSeconds"], d["restoreSeconds"], d["postgres"])
		figures.add("pgdump restore in a container sandbox (step wall time)", restore.Wall.Round(100*time.Millisecond).String())
	}
	if verify != nil && !strings.Contains(verify.Output, "verification container ran") {
		t.Errorf("container step output = %q, want the verification container's", verify.Output)
	}
	figures.add("pgdump drill with container sandbox and container step", time.Since(start).Round(100*time.Millisecond).String())
	assertNoCheckContainers(t, e)
}

// writeDrill writes doc, a catalog and runbook followed by a scenario, as
// dir/catalog.yaml and dir/scenario.yaml, and returns the scenario's path.
func writeDrill(t *testing.T, dir, doc string) string {
	t.Helper()
	cat, sc, _ := strings.Cut(doc, "---\napiVersion: exitdrill/v1\nkind: Scenario")
	writeFile(t, filepath.Join(dir, "catalog.yaml"), []byte(cat))
	scFile := filepath.Join(dir, "scenario.yaml")
	writeFile(t, scFile, []byte("apiVersion: exitdrill/v1\nkind: Scenario"+sc))
	return scFile
}

func stepResult(res *drill.DrillResult, step string) *drill.StepResult {
	for _, p := range res.Processes {
		for _, s := range p.Steps {
			if s.Step == step {
				return s
			}
		}
	}
	return nil
}

// assertNoCheckContainers checks that the sandboxes and verification
// containers the checks started are all removed.
func assertNoCheckContainers(t *testing.T, e *env) {
	t.Helper()
	cs, _, _, err := leftovers(context.Background(), e.d, "")
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, id := range cs {
		ins, err := e.d.ContainerInspect(context.Background(), id, client.ContainerInspectOptions{})
		if err == nil && ins.Container.Config != nil && ins.Container.Config.Labels[labelOwner] != "" {
			own = append(own, ins.Container.Name)
		}
	}
	if len(own) > 0 {
		t.Errorf("the checks left containers behind: %v", own)
	}
}

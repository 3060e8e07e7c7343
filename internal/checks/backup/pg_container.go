package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/client"
)

// A container sandbox restores a pgdump backup into a PostgreSQL running in a
// throwaway container from the catalog's image (sandbox.container), so that
// the worker needs Docker but no PostgreSQL of its own. The container has no
// network: the dump is copied in through the Engine API, the server listens
// on a socket inside the container only (trust authentication, nothing to
// leak), and every program runs through exec. It is removed on every path
// out; one left by a dead worker is removed by a later check once its deadline
// has passed.
const (
	pgcDump   = "/tmp/exitdrill-restore" // where the dump is copied
	pgcSocket = "/tmp/exitdrill-pg"      // the server's socket directory and cluster
	// pgcBin puts the newest PostgreSQL's programs (Debian layout) first on PATH.
	pgcBin = `B=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); PATH="$B:$PATH"; export PATH; `
	// pgcServer creates the cluster and runs the server in the foreground.
	pgcServer = pgcBin + `mkdir -p ` + pgcSocket + ` && initdb -D ` + pgcSocket + `/data -U postgres --auth=trust -E UTF8 --no-locale --no-sync >` +
		pgcSocket + `/initdb.log 2>&1 || { cat ` + pgcSocket + `/initdb.log >&2; exit 1; }; exec postgres -D ` + pgcSocket +
		`/data -c listen_addresses= -c unix_socket_directories=` + pgcSocket + ` -c fsync=off`
)

// pgContainer is a running sandbox container.
type pgContainer struct {
	d           *docker.Engine
	id          string
	closeEngine bool // close the engine connection with the container
}

// startPgContainer starts the sandbox container and copies the dump in. The
// caller removes it (close) whatever the error.
func (j *backupJob) startPgContainer(ctx context.Context, d *docker.Engine, dump *pgDump) (*pgContainer, error) {
	image := j.b.Sandbox.Container
	j.details["sandbox"] = "container " + image
	if n := d.RemoveStale(ctx); n > 0 {
		j.details["staleContainersRemoved"] = strconv.Itoa(n)
	}
	imageID, err := d.ImageID(ctx, image)
	if err != nil {
		return nil, err
	}
	j.details["sandboxImageId"] = imageID
	cfg := &container.Config{Image: image, User: "postgres", Cmd: []string{"sh", "-c", pgcServer}, Env: []string{"LC_ALL=C"}}
	id, err := d.Create(ctx, "exitdrill-sandbox-", cfg, &container.HostConfig{NetworkMode: "none", Resources: docker.Resources(j.b.Sandbox.Limits.Or(drill.SandboxLimits))},
		"sandbox", j.in.DrillID+"/"+j.in.Process+"/"+j.in.Step.ID)
	if err != nil {
		return nil, err
	}
	c := &pgContainer{d: d, id: id}
	if _, err := d.Client().ContainerStart(ctx, id, client.ContainerStartOptions{}); err != nil {
		return c, step.OrCtx(ctx, step.BadStep("start the sandbox container from %s: %v", image, err))
	}
	if err := c.copyIn(ctx, dump.path); err != nil {
		return c, step.OrCtx(ctx, fmt.Errorf("copy the dump into the sandbox container: %w", err))
	}
	return c, nil
}

func (c *pgContainer) close() {
	_ = c.d.Remove(c.id)
	if c.closeEngine {
		c.d.Close()
	}
}

// run runs a PostgreSQL program in the container as postgres and returns its
// stdout, or an error carrying its stderr.
func (c *pgContainer) run(ctx context.Context, args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	cmd := append([]string{"sh", "-c", pgcBin + `exec "$@"`, "sh"}, args...)
	code, err := c.d.Exec(ctx, c.id, "postgres", []string{"LC_ALL=C", "PGHOST=" + pgcSocket, "PGUSER=postgres"}, cmd, &out, &errb)
	if err != nil {
		return "", "", err
	}
	if code != 0 {
		return out.String(), errb.String(), fmt.Errorf("exit code %d", code)
	}
	return out.String(), errb.String(), nil
}

// psql runs one query and returns its unaligned output (pgQuerier).
func (c *pgContainer) psql(ctx context.Context, _ []string, db, query string) (string, error) {
	out, stderr, err := c.run(ctx, "psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", query)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if stderr == "" {
			return "", err
		}
		return "", errors.New(firstMessage(stderr))
	}
	return strings.TrimSpace(out), nil
}

// waitReady waits until the server accepts connections, or its container
// has exited (initdb or the server failed: its log says why).
func (c *pgContainer) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, _, err := c.run(ctx, "pg_isready", "-q"); err == nil {
			return nil
		}
		ins, err := c.d.Client().ContainerInspect(ctx, c.id, client.ContainerInspectOptions{})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil && ins.Container.State != nil && !ins.Container.State.Running {
			var log bytes.Buffer
			_ = c.d.Logs(ctx, c.id, &log)
			return fmt.Errorf("the sandbox PostgreSQL exited (code %d): %s", ins.Container.State.ExitCode, lastMessage(log.String(), ""))
		}
		if time.Now().After(deadline) {
			return errors.New("the sandbox PostgreSQL did not accept connections within 60s")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// dumpPath is the dump's path inside the container.
func dumpPath(hostPath string) string { return path.Join(pgcDump, filepath.Base(hostPath)) }

// copyIn streams the dump (a file, or a directory-format dump) into the
// container under pgcDump, readable by the postgres user.
func (c *pgContainer) copyIn(ctx context.Context, src string) error {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(tarDump(pw, src)) }()
	_, err := c.d.Client().CopyToContainer(ctx, c.id, client.CopyToContainerOptions{DestinationPath: "/tmp", Content: pr})
	_ = pr.Close()
	return err
}

// tarDump writes src as exitdrill-restore/<base>[/...] in a tar stream.
func tarDump(w io.Writer, src string) error {
	tw := tar.NewWriter(w)
	top := path.Base(pgcDump)
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: top + "/", Mode: 0o755}); err != nil {
		return err
	}
	parent := filepath.Dir(src)
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(parent, p)
		name := path.Join(top, filepath.ToSlash(rel))
		if e.IsDir() {
			return tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: 0o755})
		}
		if !e.Type().IsRegular() {
			return nil
		}
		return tarFile(tw, p, name)
	})
	if err != nil {
		return err
	}
	return tw.Close()
}

func tarFile(tw *tar.Writer, p, name string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: fi.Size(), ModTime: fi.ModTime()}); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

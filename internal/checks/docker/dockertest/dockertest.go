// Package dockertest gives tests of the checks the worker's Docker Engine:
// connected, or the test skipped on a machine without one (failed in the
// integration build, where Docker is Required), and the containers a step
// left behind.
package dockertest

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/moby/moby/client"
)

// Engine connects to the Docker Engine, skipping the test when this
// machine has none (no socket, no DOCKER_HOST) unless Docker is Required.
// The connection closes with the test.
func Engine(t testing.TB) *docker.Engine {
	t.Helper()
	if _, err := os.Stat("/var/run/docker.sock"); err != nil && os.Getenv("DOCKER_HOST") == "" && !Required {
		t.Skip("no Docker Engine on this machine (no /var/run/docker.sock, no DOCKER_HOST)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := docker.Connect(ctx)
	if err != nil {
		t.Fatalf("Docker is required here: %v", err)
	}
	t.Cleanup(d.Close)
	return d
}

// Containers counts the containers, running or not, the checks made for
// step (DRILL/PROCESS/STEP).
func Containers(t testing.TB, d *docker.Engine, step string) int {
	t.Helper()
	res, err := d.Client().ContainerList(context.Background(), client.ContainerListOptions{All: true,
		Filters: client.Filters{}.Add("label", docker.LabelStep+"="+step)})
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Items)
}

// BuildImage builds an image named name from files, the build context (a
// Dockerfile and what it copies; executable mode). FROM scratch needs no
// registry.
func BuildImage(ctx context.Context, d *docker.Engine, name string, files map[string][]byte) error {
	buildCtx, err := tarFiles(files)
	if err != nil {
		return err
	}
	res, err := d.Client().ImageBuild(ctx, buildCtx, client.ImageBuildOptions{Tags: []string{name}, Remove: true, ForceRemove: true})
	if err != nil {
		return err
	}
	defer res.Body.Close()
	return buildError(res.Body)
}

// buildError reads a build's JSON message stream and returns its error.
func buildError(r io.Reader) error {
	dec := json.NewDecoder(r)
	for {
		var m struct {
			Error string `json:"error"`
		}
		if err := dec.Decode(&m); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if m.Error != "" {
			return errors.New("docker build: " + m.Error)
		}
	}
}

// tarFiles makes a tar archive of files (name to content; executable mode).
func tarFiles(files map[string][]byte) (io.Reader, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for name, b := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(b))}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(b); err != nil {
			return nil, err
		}
	}
	return &buf, tw.Close()
}

package checks

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"
)

// testDocker connects to the Docker Engine, skipping the test when this
// machine has none (no socket, no DOCKER_HOST) unless it runs in the
// integration build, where Docker is required.
func testDocker(t *testing.T) *dockerEngine {
	t.Helper()
	if _, err := os.Stat("/var/run/docker.sock"); err != nil && os.Getenv("DOCKER_HOST") == "" && !inIntegration {
		t.Skip("no Docker Engine on this machine (no /var/run/docker.sock, no DOCKER_HOST)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := connectDocker(ctx)
	if err != nil {
		t.Fatalf("Docker is required here: %v", err)
	}
	t.Cleanup(d.close)
	return d
}

var verifyImage struct {
	once sync.Once
	name string
	err  error
}

// testVerifyImage builds (once per test binary, and only when its program
// changed) an image FROM scratch holding testdata/verifyprog as /verify.
func testVerifyImage(t *testing.T, d *dockerEngine) string {
	t.Helper()
	verifyImage.once.Do(func() { verifyImage.name, verifyImage.err = buildVerifyImage(d) })
	if verifyImage.err != nil {
		t.Fatal(verifyImage.err)
	}
	return verifyImage.name
}

func buildVerifyImage(d *dockerEngine) (string, error) {
	src, err := os.ReadFile(filepath.Join("testdata", "verifyprog", "main.go"))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(src)
	name := "exitdrill-test/verify:" + hex.EncodeToString(sum[:6])
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := d.c.ImageInspect(ctx, name); err == nil {
		return name, nil
	}
	dir, err := os.MkdirTemp("", "verifyprog")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "verify")
	build := exec.CommandContext(ctx, filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "./testdata/verifyprog/main.go")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return "", errors.New("build verifyprog: " + string(out))
	}
	prog, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	buildCtx, err := tarFiles(map[string][]byte{
		"Dockerfile": []byte("FROM scratch\nCOPY verify /verify\nCMD [\"/verify\", \"image default\"]\n"),
		"verify":     prog,
	})
	if err != nil {
		return "", err
	}
	res, err := d.c.ImageBuild(ctx, buildCtx, client.ImageBuildOptions{Tags: []string{name}, Remove: true, ForceRemove: true})
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	return name, buildError(res.Body)
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

// stepContainers lists the containers the container step left with this
// step label.
func stepContainers(t *testing.T, d *dockerEngine, step string) int {
	t.Helper()
	res, err := d.c.ContainerList(context.Background(), client.ContainerListOptions{All: true,
		Filters: client.Filters{}.Add("label", labelStep+"="+step)})
	if err != nil {
		t.Fatal(err)
	}
	return len(res.Items)
}

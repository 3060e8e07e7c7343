package command

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/docker"
	"github.com/exitdrill/exitdrill/internal/checks/docker/dockertest"
)

var verifyImage struct {
	once sync.Once
	name string
	err  error
}

// testVerifyImage builds (once per test binary, and only when its program
// changed) an image FROM scratch holding testdata/verifyprog as /verify.
func testVerifyImage(t *testing.T, d *docker.Engine) string {
	t.Helper()
	verifyImage.once.Do(func() { verifyImage.name, verifyImage.err = buildVerifyImage(d) })
	if verifyImage.err != nil {
		t.Fatal(verifyImage.err)
	}
	return verifyImage.name
}

func buildVerifyImage(d *docker.Engine) (string, error) {
	src, err := os.ReadFile(filepath.Join("testdata", "verifyprog", "main.go"))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(src)
	name := "exitdrill-test/verify:" + hex.EncodeToString(sum[:6])
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := d.Client().ImageInspect(ctx, name); err == nil {
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
	return name, dockertest.BuildImage(ctx, d, name, map[string][]byte{
		"Dockerfile": []byte("FROM scratch\nCOPY verify /verify\nCMD [\"/verify\", \"image default\"]\n"),
		"verify":     prog,
	})
}

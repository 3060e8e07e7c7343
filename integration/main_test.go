//go:build integration

// Package integration runs exitdrill the way an operator deploys it: the
// embedded server and its workers in Docker containers built here FROM
// scratch, drills started from the host, and faults injected with the Docker
// Engine (SIGKILL, stop and start, network disconnects). Run it with
// `make integration`, which builds the binaries and the PostgreSQL base image
// and sets the variables below.
//
// Everything the suite creates carries the label org.exitdrill.suite; the
// suite sweeps labelled leftovers at its start (of a run that was killed) and
// at its end, and fails when the end sweep finds any.
package integration

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// Variables `make integration` sets.
const (
	envContext = "EXITDRILL_IT_CONTEXT"  // the image build context: Dockerfile, exitdrill, stepper, CA bundle
	envPGImage = "EXITDRILL_IT_PG_IMAGE" // the PostgreSQL base image (debootstrap + docker import)
	envChild   = "EXITDRILL_IT_CHILD"    // set in the test binary the teardown test runs
	// envTemporal is the Temporal cluster image's build context:
	// Dockerfile, temporal-server, temporal-sql-tool, CA bundle.
	envTemporal = "EXITDRILL_IT_TEMPORAL_CONTEXT"
)

// Suite-wide state, set up by TestMain.
var (
	suiteImage    string // the exitdrill image
	temporalImage string // the Temporal cluster image (the cluster tests)
	pgImage       string
	hostBinary    string // the static exitdrill binary, run on the host as the client
)

const (
	imageRepo         = "exitdrill-it/exitdrill"
	temporalImageRepo = "exitdrill-it/temporal"
)

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	start := time.Now()
	if err := setUp(); err != nil {
		fmt.Fprintln(os.Stderr, "integration:", err)
		return 1
	}
	child := os.Getenv(envChild) != ""
	if !child {
		if n := sweep(context.Background(), ""); n > 0 {
			fmt.Fprintf(os.Stderr, "integration: removed %d leftovers of an earlier run\n", n)
		}
	}
	code := m.Run()
	if child {
		return code
	}
	if n := sweep(context.Background(), ""); n > 0 {
		fmt.Fprintf(os.Stderr, "integration: FAIL: teardown left %d containers, networks or volumes behind (now removed)\n", n)
		code = 1
	}
	printFigures(time.Since(start))
	return code
}

// setUp checks the environment, then builds the exitdrill image from the
// prepared context (Docker's layer cache makes a rebuild of unchanged
// binaries instant).
func setUp() error {
	if os.Getenv("TESTCONTAINERS_RYUK_DISABLED") != "true" {
		// No reaper image can be pulled here; the suite cleans up itself.
		os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	dir := os.Getenv(envContext)
	pgImage = os.Getenv(envPGImage)
	if dir == "" || pgImage == "" || os.Getenv(envTemporal) == "" {
		return fmt.Errorf("%s, %s and %s are not set: run the suite with `make integration`", envContext, envPGImage, envTemporal)
	}
	hostBinary = filepath.Join(dir, "exitdrill")
	if _, err := os.Stat(hostBinary); err != nil {
		return fmt.Errorf("no exitdrill binary in the build context: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	d, err := dockerClient()
	if err != nil {
		return err
	}
	defer d.Close()
	provider, err := testcontainers.NewDockerProvider()
	if err != nil {
		return fmt.Errorf("docker provider: %w", err)
	}
	defer provider.Close()
	t0 := time.Now()
	if suiteImage, err = buildImage(ctx, provider, d, dir, imageRepo); err != nil {
		return err
	}
	figures.add("exitdrill image build", time.Since(t0).Round(100*time.Millisecond).String())
	t0 = time.Now()
	if temporalImage, err = buildImage(ctx, provider, d, os.Getenv(envTemporal), temporalImageRepo); err != nil {
		return err
	}
	figures.add("temporal cluster image build", time.Since(t0).Round(100*time.Millisecond).String())
	figures.add("temporal cluster image size", imageSize(ctx, d, temporalImage))
	figures.add("exitdrill image size", imageSize(ctx, d, suiteImage))
	figures.add("postgres base image size", imageSize(ctx, d, pgImage))
	return nil
}

// buildImage builds the image of the build context dir as repo:latest
// (Docker's layer cache makes a rebuild of unchanged files instant) and
// removes the image the tag moved away from.
func buildImage(ctx context.Context, provider *testcontainers.DockerProvider, d *client.Client, dir, repo string) (string, error) {
	previous, _ := d.ImageInspect(ctx, repo+":latest")
	req := testcontainers.ContainerRequest{FromDockerfile: testcontainers.FromDockerfile{
		Context: dir, Repo: repo, Tag: "latest", KeepImage: true, BuildLogWriter: os.Stderr,
	}}
	image, err := provider.BuildImage(ctx, &req)
	if err != nil {
		return "", fmt.Errorf("build the image %s: %w", repo, err)
	}
	if now, err := d.ImageInspect(ctx, image); err == nil && previous.ID != "" && previous.ID != now.ID {
		// The tag moved to new binaries: drop the image it left untagged.
		_, _ = d.ImageRemove(ctx, previous.ID, client.ImageRemoveOptions{})
	}
	return image, nil
}

//go:build integration

package integration

import (
	"bytes"
	"context"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"
)

const envFailHalfway = "EXITDRILL_IT_FAIL_HALFWAY"

// TestTeardownAfterFailure runs TestFailsHalfway in a child test binary: it
// deploys a server and two workers, starts a drill and fails while a step
// runs. The child must fail, and nothing it created may be left.
func TestTeardownAfterFailure(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestFailsHalfway$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=1", envFailHalfway+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err == nil {
		t.Fatalf("the child test passed; it must fail half-way:\n%s", out.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("failing on purpose half-way")) {
		t.Fatalf("the child did not fail where it should:\n%s", out.String())
	}
	m := regexp.MustCompile(`environment run label ([0-9a-f]+)`).FindSubmatch(out.Bytes())
	if m == nil {
		t.Fatalf("the child did not say its run label:\n%s", out.String())
	}
	run := string(m[1])
	d, err := dockerClient()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, ns, vs, err := leftovers(ctx, d, run)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs)+len(ns)+len(vs) > 0 {
		t.Errorf("a test that failed half-way left containers %v, networks %v, volumes %v", cs, ns, vs)
	}
	t.Logf("child failed half-way as intended; nothing of run %s is left", run)
}

// TestFailsHalfway is the child of TestTeardownAfterFailure; it runs only there.
func TestFailsHalfway(t *testing.T) {
	if os.Getenv(envFailHalfway) == "" {
		t.Skip("runs only as the child of TestTeardownAfterFailure")
	}
	e := newEnv(t, 2)
	t.Logf("environment run label %s", e.run)
	e.startDrill(catalogDir(), scenario(compressed))
	testkit.WaitFor(t, "slow-switch starts", 2*time.Minute, func() bool { return len(e.marksBy()) >= 1 })
	t.Fatal("failing on purpose half-way, with a drill running on the server and workers")
}

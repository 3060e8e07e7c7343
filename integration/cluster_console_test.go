//go:build integration

package integration

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// testConsole serves `exitdrill console --address` from the host against
// the cluster, signs in, and finds the drill the CLI started (id) in the
// drills list and on its own page with its verdict.
func (c *cluster) testConsole(t *testing.T, id string) {
	dir := t.TempDir()
	users := filepath.Join(dir, "console-users")
	const password = "a console password for the cluster test"
	add := exec.Command(hostBinary, "console", "adduser", "--users", users, "--name", "anna", "--role", "continuity-manager")
	add.Stdin = strings.NewReader(password + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("console adduser: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, hostBinary, "console", "--address", c.address(), "--namespace", c.namespace,
		"--users", users, "--listen", "127.0.0.1:0", "--reports", filepath.Join(dir, "reports"))
	cmd.Env = append(append(os.Environ(), "EXITDRILL_STATE_DIR="+filepath.Join(dir, "state")), c.tlsEnv()...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = cmd.Wait() }()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "exitdrill console: ") {
				lines <- sc.Text()
			}
		}
		close(lines)
	}()
	var base string
	select {
	case l, ok := <-lines:
		if !ok {
			t.Fatalf("the console ended before it served:\n%s", stderr.String())
		}
		base = strings.Fields(strings.TrimPrefix(l, "exitdrill console: "))[0]
	case <-time.After(time.Minute):
		t.Fatalf("the console did not say where it serves within a minute:\n%s", stderr.String())
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	page := func(path string) string {
		t.Helper()
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %s\n%s", path, resp.Status, b)
		}
		return string(b)
	}
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page("/login"))
	if m == nil {
		t.Fatal("no CSRF token on the console's sign-in page")
	}
	resp, err := client.PostForm(base+"/login", url.Values{"csrf": {m[1]}, "name": {"anna"}, "password": {password}, "next": {"/drills"}})
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	list, _ := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(list), id) {
		t.Errorf("the console's drills list (HTTP %s after signing in) does not show %s, which the CLI started on the cluster", resp.Status, id)
	}
	if p := page("/drills/" + id); !strings.Contains(p, "recovered") || !strings.Contains(p, "portal-service") {
		t.Errorf("the console's page of %s does not show portal-service recovered", id)
	}
}

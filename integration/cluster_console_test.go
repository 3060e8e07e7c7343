//go:build integration

package integration

import (
	"bufio"
	"context"
	"html"
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
		"--users", users, "--listen", "127.0.0.1:0", "--reports", filepath.Join(dir, "reports"),
		"--catalog", catalogDir(), "--scenarios", filepath.Dir(scenario(compressed)))
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

	// And the other way: a drill started in the console, reviewed and
	// preflighted on the cluster's workers, which the CLI then finds.
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(page("/drills/new"))
	if nonce == nil {
		t.Fatal("no nonce on the console's start form")
	}
	review := page("/drills/review?" + url.Values{"catalog": {catalogDir()}, "scenario": {scenario(compressed)}, "nonce": {nonce[1]}}.Encode())
	form := url.Values{}
	if i := strings.Index(review, `action="/drills" class="card narrow startnow"`); i >= 0 {
		end := strings.Index(review[i:], "</form>")
		for _, m := range regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`).FindAllStringSubmatch(review[i:i+max(end, 0)], -1) {
			form.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	if form.Get("csrf") == "" || form.Get("scenario") == "" {
		t.Fatalf("the console's review page has no start form for %s:\n%.2000s", scenario(compressed), review)
	}
	form.Set("start", "1")
	resp, err = client.PostForm(base+"/drills", form)
	if err != nil {
		t.Fatalf("start a drill in the console: %v", err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 16<<20))
	resp.Body.Close()
	started, ok := strings.CutPrefix(resp.Request.URL.Path, "/drills/")
	if resp.StatusCode != http.StatusOK || !ok || started == "" || started == id {
		t.Fatalf("starting a drill in the console: HTTP %s at %s, want its page", resp.Status, resp.Request.URL)
	}
	e := c.with(t)
	res := e.result(started, 3*time.Minute)
	e.assertRecovered(res, "portal-service", compressedSteps...)
	if out, errs, _ := e.cli("status", started); !strings.Contains(out, "anna (console continuity-manager)") {
		t.Errorf("exitdrill status %s on the cluster does not say the console's anna started it:\n%s%s", started, out, errs)
	}
	out, errs, code := e.cli("list", "--format", "json")
	if code != 0 || !strings.Contains(out, started) {
		t.Errorf("exitdrill list on the cluster: exit %d, does not list %s, which the console started:\n%s%s", code, started, out, errs)
	}
}

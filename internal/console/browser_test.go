package console

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/exitdrill/exitdrill/drill"
)

// newBrowser starts headless Chromium (Debian's, installed by scripts/setup)
// through chromedp, offline but for loopback. It fails, never skips, when
// Chromium is missing.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserSized(t, 1280, 900)
}

// newBrowserSized is newBrowser with a window of width×height (390×844: a
// phone); chromedp.EmulateViewport sets the page's viewport to match.
func newBrowserSized(t *testing.T, width, height int) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run scripts/setup")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"), chromedp.WindowSize(width, height))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// signInActions go to path, are sent to the sign-in page, and sign in.
func signInActions(tc *testConsole, path, name string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(tc.URL+path),
		chromedp.WaitVisible(css(`#password`)),
		chromedp.SendKeys(css(`#name`), name),
		chromedp.SendKeys(css(`#password`), testPassword),
		chromedp.Submit(css(`#password`)),
	)
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// shot saves the whole page as DIR/NAME.png when EXITDRILL_SCREENSHOTS names
// a directory: `EXITDRILL_SCREENSHOTS=/tmp/shots go test ./internal/console
// -run Browser` shows the console as the browser tests see it, at 1280×900
// and 390×844. Without it, shot does nothing.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("EXITDRILL_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		name = strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "_").Replace(strings.Trim(name, "/"))
		if len(name) > 80 {
			name = name[:80]
		}
		err = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

func TestBrowserOperatorCompletesStep(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-drill")
	tc.waitStep(t, "browser-drill", "approve-switch")
	ctx := newBrowser(t)

	start := time.Now()
	err := chromedp.Do(ctx,
		signInActions(tc, "/inbox", "olga"),
		chromedp.WaitVisible(css(`button[name=complete]`)),
		chromedp.Click(css(`input[name=outcome][value=pass]`)),
		chromedp.SendKeys(css(`textarea[name=note]`), "checked from the browser"),
		chromedp.Click(css(`button[name=complete]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	var flash string
	if err == nil {
		flash, err = chromedp.Run(ctx, chromedp.Text(css(`p.flash`)))
	}
	if err != nil {
		t.Fatalf("complete approve-switch in the browser: %v", err)
	}
	if want := "portal-service/approve-switch passed by olga (console operator)"; !strings.Contains(flash, want) {
		t.Errorf("confirmation = %q, want it to contain %q", flash, want)
	}
	tc.waitStep(t, "browser-drill", "confirm-service")

	// The live view shows the drill moving on, and follows it without a reload.
	err = chromedp.Do(ctx, chromedp.Navigate(tc.URL+"/drills/browser-drill"), chromedp.WaitVisible(css(`p.waiting`)))
	var waiting string
	if err == nil {
		waiting, err = chromedp.Run(ctx, chromedp.Text(css(`p.waiting`)))
	}
	if err != nil {
		t.Fatalf("live view: %v", err)
	}
	if !strings.Contains(waiting, "service-desk") || !strings.Contains(waiting, "confirm-service") {
		t.Errorf("live view waits for %q; want confirm-service for service-desk", waiting)
	}
	if _, err := tc.c.o.Backend.Complete(context.Background(), "browser-drill", "portal-service",
		drill.CompleteStep{Step: "confirm-service", Actor: "desk", Role: "service-desk", Outcome: drill.OutcomePass}); err != nil {
		t.Fatal(err)
	}
	_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("drill-status").textContent.trim() === "completed"`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("the live view did not follow the drill to its end: %v", err)
	}
	if res := tc.result(t, "browser-drill"); res.Processes[0].Verdict != drill.Recovered {
		t.Errorf("verdict %s, want recovered", res.Processes[0].Verdict)
	}
	t.Logf("operator flow in the browser: %s", time.Since(start).Round(time.Millisecond))
}

func TestBrowserViewerHasNoCompleteButton(t *testing.T) {
	tc := newTestConsole(t)
	startTabletop(t, tc.eng, "browser-viewer")
	tc.waitStep(t, "browser-viewer", "approve-switch")
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), "browser-viewer", drill.Abort{Actor: "test", Reason: "test over"})
	}()
	ctx := newBrowser(t)
	// The main navigation shows only once signed in: the sign-in page has a
	// main h1 too, and may still be there right after the submit.
	err := chromedp.Do(ctx, signInActions(tc, "/inbox", "vic"), chromedp.WaitVisible(css(`nav[aria-label=Main]`)))
	var body string
	var buttons int
	if err == nil {
		body, err = chromedp.Run(ctx, chromedp.Text(css(`main`)))
	}
	if err == nil {
		buttons, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("button[name=complete], form[action='/inbox/complete']").length`))
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "approve-switch") || buttons != 0 {
		t.Errorf("viewer's inbox: %d complete forms or buttons, want 0, and the waiting step listed:\n%s", buttons, body)
	}
}

func TestBrowserManagerStartsDrill(t *testing.T) {
	tc := newTestConsole(t)
	ctx := newBrowser(t)
	start := time.Now()
	err := chromedp.Do(ctx,
		signInActions(tc, "/drills", "alice"),
		chromedp.WaitVisible(css(`a[href="/drills/new"]`)),
		chromedp.Click(css(`a[href="/drills/new"]`)),
		chromedp.WaitVisible(css(`#scenario`)),
		chromedp.SetValue(css(`#scenario`), "testdata/portal-tabletop.yaml"),
		chromedp.SendKeys(css(`#note`), "from the browser"),
		chromedp.Click(css(`button[name=review]`)),
		chromedp.WaitVisible(css(`#review-processes`)),
	)
	// The review lists the impacted processes before anything starts.
	var processes []string
	if err == nil {
		processes, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("article.process h3")).map(h => h.textContent)`))
	}
	if err != nil {
		t.Fatalf("review a drill in the browser: %v", err)
	}
	if want := []string{"portal-service · <script>alert('x')</script>"}; !slices.Equal(processes, want) {
		t.Errorf("the review lists the processes %q, want %q", processes, want)
	}
	shot(t, ctx, "1280-manager-review")
	// And what the worker's preflight found, before Start is pressed.
	check, err := chromedp.Run(ctx, chromedp.Text(css(`section[aria-labelledby=review-check]`)))
	if err != nil || !strings.Contains(check, "The worker can attempt all") {
		t.Errorf("the review's preflight section (%v):\n%s", err, check)
	}
	err = chromedp.Do(ctx, chromedp.Click(css(`button[name=start]`)), chromedp.WaitVisible(css(`p.flash`)))
	var flash, path string
	if err == nil {
		shot(t, ctx, "1280-manager-drill-started")
		flash, err = chromedp.Run(ctx, chromedp.Text(css(`p.flash`)))
	}
	if err == nil {
		path, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	}
	if err != nil {
		t.Fatalf("start a drill in the browser: %v", err)
	}
	id := strings.TrimPrefix(path, "/drills/")
	defer func() {
		_ = tc.c.o.Backend.Abort(context.Background(), id, drill.Abort{Actor: "test", Reason: "test over"})
	}()
	if !strings.HasPrefix(id, "portal-tabletop-") || !strings.Contains(flash, "drill "+id+" started") {
		t.Fatalf("after starting: at %s, flash %q; want the live view of a portal-tabletop drill", path, flash)
	}
	tc.waitStep(t, id, "approve-switch")
	t.Logf("start a drill in the browser: %s", time.Since(start).Round(time.Millisecond))
}

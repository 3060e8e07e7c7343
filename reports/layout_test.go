package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestHTMLAt1280: on a 1280 px screen the manager's answer is the first thing
// on the page, above the fold, and nothing is wider than the window: the
// step table, with its long reasons and hashes, wraps.
func TestHTMLAt1280(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run scripts/setup")
	}
	page := filepath.Join(t.TempDir(), "report.html")
	data, err := renderBundle("html", fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"), chromedp.WindowSize(1280, 900))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS(`p.headline`))); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 1280 {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("table")].filter(t => t.getBoundingClientRect().right > 1280).map(t => (t.closest("section") || t).id + ": " + t.querySelector("th").textContent).join("; ")`))
		t.Errorf("the page is %d px wide at a 1280 px window; too wide: %s", width, wide)
	}
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("p.headline").getBoundingClientRect().top`))
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.headline`)))
	if err != nil {
		t.Fatal(err)
	}
	if top > 450 || !strings.HasPrefix(text, "No: ") || !strings.Contains(text, "after losing Microsoft <Azure & 365> for 30 days") {
		t.Errorf("headline at %.0f px: %q; want the answer, with the supplier's name, in the first 450 px", top, text)
	}
}

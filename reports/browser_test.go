package reports

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromium loads a file in headless Chromium, offline (every host name fails
// to resolve), and returns the DOM, the console lines it logged and, when
// shot is set, a screenshot. It fails the test (never skips) when Chromium is
// missing: scripts/setup installs it.
func chromium(t *testing.T, page string, shot string) (dom string, console []string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: run scripts/setup")
	}
	run := func(args ...string) (string, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
			"--user-data-dir=" + t.TempDir(), "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0"}
		cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, errb.String())
		}
		return out.String(), errb.String()
	}
	dom, logs := run("--dump-dom")
	if shot != "" {
		_, more := run("--screenshot="+shot, "--window-size=1280,2000")
		logs += more
	}
	re := regexp.MustCompile(`CONSOLE|Uncaught|Failed to load resource|net::ERR_`)
	for _, line := range strings.Split(logs, "\n") {
		if re.MatchString(line) {
			console = append(console, line)
		}
	}
	return dom, console
}

func TestHTMLInChromium(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	data, err := renderBundle("html", fixtureBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, data, 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")
	dom, console := chromium(t, page, shot)
	if len(console) > 0 {
		t.Errorf("the report logged to the console:\n%s", strings.Join(console, "\n"))
	}
	for _, want := range []string{`id="summary"`, "critical processes survive", `<svg class="timeline"`, "<rect class=\"m st-passed",
		`id="appendix"`, "ISO 22301 clause 8.5", "Jeugdzorg &lt;script&gt;"} {
		if !strings.Contains(dom, want) {
			t.Errorf("the rendered DOM lacks %q", want)
		}
	}
	checkScreenshot(t, shot)

	t.Run("the console check can fail", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.html")
		if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><p>x</p><script>undefinedFunction()</script><img src="https://example.org/a.png">`), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, console := chromium(t, bad, ""); len(console) == 0 {
			t.Error("a page with a script error and an external image logged nothing: the check is blind")
		}
	})
}

// checkScreenshot fails unless the PNG is a real rendering: the expected size
// and many colours, not a blank page.
func checkScreenshot(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Errorf("screenshot is %dx%d, want 1280x2000", b.Dx(), b.Dy())
	}
	if n := colours(img, 8); n < 16 {
		t.Errorf("screenshot has %d distinct colours: blank or nearly so", n)
	}
}

// colours counts distinct colours in img, sampling every step pixels.
func colours(img image.Image, step int) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r >> 8, g >> 8, bl >> 8, a >> 8}] = true
		}
	}
	return len(seen)
}

package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func requireChromium(t *testing.T) {
	t.Helper()
	if _, err := Chromium(); err != nil {
		t.Fatalf("Chromium is required here (scripts/setup installs it): %v", err)
	}
}

// TestFromHTML prints a page with a table to a real PDF of one or more pages,
// and leaves no temporary directory behind.
func TestFromHTML(t *testing.T) {
	requireChromium(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	html := []byte(`<!doctype html><title>t</title><h1>Yes: all 9 processes keep their objectives</h1><table>` +
		strings.Repeat("<tr><td>process</td><td>recovered</td></tr>", 200) + `</table>`)
	start := time.Now()
	pdf, err := FromHTML(context.Background(), html)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PDF of %d bytes of HTML: %d bytes in %s", len(html), len(pdf), time.Since(start).Round(time.Millisecond))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || bytes.Count(pdf, []byte("/Type /Page")) < 2 {
		t.Errorf("not a PDF of several pages: %.40q… (%d bytes)", pdf, len(pdf))
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
}

func TestFromHTMLCancelled(t *testing.T) {
	requireChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := FromHTML(ctx, []byte("<p>x")); err == nil || !strings.Contains(err.Error(), "deadline exceeded") {
		t.Errorf("err %v, want the deadline", err)
	}
}

func TestNoChromium(t *testing.T) {
	t.Setenv("EXITDRILL_CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	if _, err := exec.LookPath("chromium"); err == nil {
		t.Fatal("chromium still found")
	}
	_, err := FromHTML(context.Background(), []byte("<p>x"))
	if err == nil || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("err %v, want how to install Chromium", err)
	}
}

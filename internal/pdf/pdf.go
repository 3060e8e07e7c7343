// Package pdf prints a self-contained HTML document to PDF with headless
// Chromium, for the board pack (`exitdrill render --format pdf`). Chromium
// runs with a throwaway profile, an environment of its own (none of the
// caller's secrets), no name resolution, and is killed with its whole
// process group when the context ends.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// MaxBytes bounds the PDF read back: a report of a thousand processes is a
// few megabytes.
const MaxBytes = 256 << 20

// browsers are the names Chromium is installed under.
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Chromium finds the browser: $EXITDRILL_CHROMIUM, else the first of
// browsers on PATH.
func Chromium() (string, error) {
	if p := os.Getenv("EXITDRILL_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("PDF needs Chromium, which is not installed: apt-get install chromium (or set EXITDRILL_CHROMIUM to the browser), or render --format html and print it from a browser")
}

// FromHTML prints html to PDF (A4, no header or footer) and returns it.
func FromHTML(ctx context.Context, html []byte) ([]byte, error) {
	bin, err := Chromium()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "exitdrill-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	page, out := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return nil, err
	}
	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-background-networking", "--disable-sync",
		"--host-resolver-rules=MAP * ~NOTFOUND", // the report is self-contained: no request leaves
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf=" + out, "file://" + page}
	if os.Geteuid() == 0 {
		args = append([]string{"--no-sandbox"}, args...) // Chromium's sandbox refuses root
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "XDG_CACHE_HOME=" + dir, "TMPDIR=" + dir, "LANG=C.UTF-8"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &limited{w: &stderr, n: 64 << 10}
	err = cmd.Run()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // helpers left by the browser
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("print to PDF with %s: %w", bin, ctx.Err())
	}
	if err != nil {
		return nil, fmt.Errorf("print to PDF with %s: %v: %s", bin, err, lastLine(stderr.String()))
	}
	return readPDF(out)
}

// readPDF reads what Chromium wrote, bounded, and checks that it is a PDF.
func readPDF(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("Chromium wrote no PDF: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("the PDF is larger than %d MB", MaxBytes>>20)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("Chromium wrote something that is not a PDF")
	}
	return data, nil
}

// limited keeps the first n bytes written to it and drops the rest.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		_, _ = l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

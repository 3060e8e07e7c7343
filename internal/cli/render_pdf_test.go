package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderPDF: a verified bundle's report printed to PDF for the board
// pack, written whole to -o FILE; a tampered bundle is refused before
// Chromium starts; pdf is only for drill reports.
func TestRenderPDF(t *testing.T) {
	b := newCheckedBundles(t)
	out := filepath.Join(t.TempDir(), "board.pdf")
	code, _, errs := run(t, "render", b.d1, "--pub", b.pub, "--format", "pdf", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) || len(data) < 10_000 {
		t.Fatalf("%s: %d bytes (%v), want a PDF", out, len(data), err)
	}
	bad := filepath.Join(t.TempDir(), "tampered.pdf")
	if code, _, errs := run(t, "render", b.tampered, "--format", "pdf", "-o", bad); code != 1 || !strings.Contains(errs, "NOT VERIFIED") {
		t.Errorf("tampered: exit %d, %s; want 1, NOT VERIFIED", code, errs)
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a PDF of a tampered bundle was written")
	}
	if code, _, errs := run(t, "diff", b.d1, b.d2, "--format", "pdf"); code != ExitInvalid || !strings.Contains(errs, "--format") {
		t.Errorf("diff --format pdf: exit %d, %s; want %d naming the formats", code, errs, ExitInvalid)
	}
}

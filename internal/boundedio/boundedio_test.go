package boundedio

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "plan.md")
	if err := os.WriteFile(file, []byte("# plan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{fifo: "is a named pipe", zero: "is a character device", dir: "is a directory"} {
		if _, _, err := OpenRegular(name); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", name, err, want)
		}
	}
	f, size, err := OpenRegular(file)
	if err != nil || size != 7 {
		t.Fatalf("regular file: size %d, %v", size, err)
	}
	f.Close()
}

func TestBounded(t *testing.T) {
	total := &TooLargeError{What: "the export", Limit: 1 << 20, Setting: "exitPlan.limits.exportBytes"}
	b := &Bounded{Ctx: context.Background(), R: io.LimitReader(zeros{}, 2<<20), Total: total}
	if _, err := io.Copy(io.Discard, b); err != total || err.Error() != "the export is larger than 1 MiB, the limit (exitPlan.limits.exportBytes)" {
		t.Errorf("total: %v", err)
	}
	window := &TooLargeError{What: "one record", Limit: 64 << 10, Setting: "x"}
	b = &Bounded{Ctx: context.Background(), R: io.LimitReader(zeros{}, 1<<20), Window: window}
	buf := make([]byte, 32<<10)
	for range 32 { // 32 KiB records, each followed by Progress: never over 64 KiB
		if _, err := io.ReadFull(b, buf); err != nil {
			t.Fatalf("records within the window: %v", err)
		}
		b.Progress()
	}
	b = &Bounded{Ctx: context.Background(), R: zeros{}, Window: window}
	if _, err := io.Copy(io.Discard, b); err != window {
		t.Errorf("window: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (&Bounded{Ctx: ctx, R: zeros{}}).Read(buf); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

package yamldoc

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileRefusesSpecialFiles: a named pipe (which a plain open would
// wait on forever) and a device are refused at once, by what they are.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "catalog.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		fifo:        "cannot read file: it is a named pipe, not a regular file: only regular files are read",
		"/dev/zero": "cannot read file: it is a device, not a regular file: only regular files are read",
	} {
		done := make(chan []string, 1)
		go func() {
			var errs List
			ReadFile(OSFS{}, name, &errs)
			done <- render(&errs)
		}()
		select {
		case got := <-done:
			if len(got) != 1 || !strings.HasSuffix(got[0], want) {
				t.Errorf("%s: %q, want %q", name, got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: ReadFile still blocked after 5 s", name)
		}
	}
}

package exitplan

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
)

// peakHeap runs f while sampling the live heap every few milliseconds and
// returns the largest value seen above the heap before f.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				if v := read(); v > base && v-base > peak.Load() {
					peak.Store(v - base)
				}
			}
		}
	}()
	f()
	close(done)
	return peak.Load()
}

// sparse writes head, then a hole of size bytes (zeros, not on disk), then
// tail: a 3 GiB hostile export that costs nothing to make.
func sparse(t testing.TB, name, head string, size int64, tail string) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(head); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(size, io.SeekCurrent); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(tail); err != nil {
		t.Fatal(err)
	}
}

// odsBomb writes an ODS whose content.xml opens with an XML comment of n
// bytes: a few MiB on disk, n bytes to read.
func odsBomb(t testing.TB, name string, n int64) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	io.WriteString(w, odsMime)
	w, _ = zw.Create("content.xml")
	io.WriteString(w, `<?xml version="1.0"?><office:document-content xmlns:office="`+odsOffice+`"><!--`)
	chunk := []byte(strings.Repeat("a", 1<<20))
	for range n >> 20 {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	io.WriteString(w, `--></office:document-content>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestHostileFiles points exitplan.current and exitplan.export at files made
// to take a worker down — a document that is /dev/zero or a named pipe,
// exports with a 3 GiB field, token or comment — and checks that each fails
// its step with a reason, quickly, with the heap bounded (the default limits:
// a record or token of at most 16 MiB).
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.csv"), 0o600); err != nil {
		t.Fatal(err)
	}
	const huge = 3 << 30
	sparse(t, filepath.Join(dir, "field.csv"), "id,name\n1,\"", huge, "\"\n")
	sparse(t, filepath.Join(dir, "line.jsonl"), `{"id":"`, huge, "\"}\n")
	sparse(t, filepath.Join(dir, "value.json"), `[{"id":"`, 256<<20, `"}]`) // a NUL is refused at once, then hashed
	sparse(t, filepath.Join(dir, "comment.xml"), `<?xml version="1.0"?><r><!--`, huge, `--></r>`)
	odsBomb(t, filepath.Join(dir, "bomb.ods"), 64<<20)

	a := newRunner(func(string) (string, bool) { return "", false })
	current := func(doc string) drill.StepInput {
		in := exportInput(dir)
		in.Step.Kind, in.Step.ExitPlan.Document = drill.ExitPlanCurrent, doc
		return in
	}
	odsLimit := exportInput(dir, &drill.Export{Path: "bomb.ods", Format: "ods"})
	odsLimit.Step.ExitPlan.Limits = &drill.ReadLimits{RecordBytes: 1 << 20}
	tests := []struct {
		name string
		in   drill.StepInput
		want string
	}{
		{"plan is /dev/zero", current("zero.md"), "zero.md is a character device, not a regular file: only regular files are read"},
		{"plan is a named pipe", current("fifo.md"), "fifo.md is a named pipe, not a regular file"},
		{"export is a named pipe", exportInput(dir, &drill.Export{Path: "fifo.csv", Format: "csv"}), "fifo.csv is a named pipe, not a regular file"},
		{"csv with a 3 GiB field", exportInput(dir, &drill.Export{Path: "field.csv", Format: "csv"}),
			"one record, line or token of the export is larger than 16 MiB, the limit (exitPlan.limits.recordBytes)"},
		{"jsonl with a 3 GiB line", exportInput(dir, &drill.Export{Path: "line.jsonl", Format: "jsonl"}),
			"one record, line or token of the export is larger than 16 MiB"},
		{"json with a 256 MiB value", exportInput(dir, &drill.Export{Path: "value.json", Format: "json"}),
			"line 1: invalid character '\\x00' in string literal"}, // found before any limit
		{"xml with a 3 GiB comment", exportInput(dir, &drill.Export{Path: "comment.xml", Format: "xml"}),
			"one record, line or token of the export is larger than 16 MiB"},
		{"ods with a 64 MiB comment, limit 1 MiB", odsLimit,
			"content.xml: one record, line or token of the export is larger than 1 MiB, the limit (exitPlan.limits.recordBytes)"},
	}
	for _, tt := range tests {
		var reason string
		start := time.Now()
		peak := peakHeap(func() { _, reason = steptest.Reason(t, a, tt.in) })
		took := time.Since(start)
		t.Logf("%s: %s, heap peak +%d MiB", tt.name, took.Round(time.Millisecond), peak>>20)
		if !strings.Contains(reason, tt.want) {
			t.Errorf("%s: reason %q, want it to contain %q", tt.name, reason, tt.want)
		}
		if peak > 128<<20 {
			t.Errorf("%s: the heap grew by %d MiB, want at most 128", tt.name, peak>>20)
		}
		if took > 20*time.Second {
			t.Errorf("%s: took %s", tt.name, took)
		}
	}
}

// TestExportReadStopsAtTheTimeout: a step's timeout stops the read of a huge
// export, not only the step.
func TestExportReadStopsAtTheTimeout(t *testing.T) {
	dir := t.TempDir()
	sparse(t, filepath.Join(dir, "big.csv"), "id,name\n", 3<<30, "1,x\n")
	a := newRunner(func(string) (string, bool) { return "", false })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := a.RunStep(ctx, exportInput(dir, &drill.Export{Path: "big.csv", Format: "csv"}))
	if took := time.Since(start); err == nil || took > 5*time.Second {
		t.Errorf("a 3 GiB export under a 300ms timeout: error %v after %s; want it stopped", err, took)
	}
}

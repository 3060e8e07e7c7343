package exitplan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

var fuzzFormats = []string{"csv", "json", "jsonl", "xml", "ods"}

// FuzzExport reads any bytes as each open format, with small limits: no
// input may panic, hang or take the process's peak RSS past 512 MB.
func FuzzExport(f *testing.F) {
	for _, name := range []string{"valid.csv", "semicolon.csv", "valid.json", "wrapped.json", "valid.jsonl", "valid.xml", "malformed.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "export", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte("id,name\n1,\""+string(make([]byte, 200<<10))+"\"\n"), uint8(0))
	f.Add([]byte(`[{"id":"`+string(make([]byte, 200<<10))+`"}]`), uint8(1))
	f.Add([]byte("<?xml version=\"1.0\"?><r><!--"+string(make([]byte, 200<<10))), uint8(3))
	f.Add([]byte("PK\x03\x04"), uint8(4))
	lim := limits{plan: 64 << 10, record: 64 << 10, export: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		dir := t.TempDir()
		ex := &drill.Export{Path: "export", Format: fuzzFormats[int(format)%len(fuzzFormats)]}
		if err := os.WriteFile(filepath.Join(dir, "export"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _ = checkExport(t.Context(), dir, ex, lim)
		testkit.CheckPeakRSS(t)
	})
}

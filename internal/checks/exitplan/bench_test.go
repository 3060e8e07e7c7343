package exitplan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step/steptest"
)

// BenchmarkHostile runs the exit-plan checks on files made to take a worker
// down, with the default limits: exitplan.current on a document that is
// /dev/zero, and exitplan.export on an .ods whose content.xml is a 1 GiB XML
// comment (about 1 MB on disk). scripts/bench measures the peak RSS of each
// (bench_hostile); each must stay under 512 MB.
func BenchmarkHostile(b *testing.B) {
	a := newRunner(func(string) (string, bool) { return "", false })
	b.Run("devzero", func(b *testing.B) {
		dir := b.TempDir()
		if err := os.Symlink("/dev/zero", filepath.Join(dir, "plan.md")); err != nil {
			b.Fatal(err)
		}
		in := exportInput(dir)
		in.Step.Kind = drill.ExitPlanCurrent
		for b.Loop() {
			if _, reason := steptest.Reason(b, a, in); reason == "" {
				b.Fatal("exitplan.current passed on /dev/zero")
			}
		}
	})
	b.Run("odsbomb", func(b *testing.B) {
		dir := b.TempDir()
		odsBomb(b, filepath.Join(dir, "bomb.ods"), 1<<30)
		in := exportInput(dir, &drill.Export{Path: "bomb.ods", Format: "ods"})
		for b.Loop() {
			if _, reason := steptest.Reason(b, a, in); reason == "" {
				b.Fatal("exitplan.export passed on an ods bomb")
			}
		}
	})
}

package catalog_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/gen"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// BenchmarkLoadValidateImpact times what every command does first at the scale
// of the source report's city (1,300 applications) and of a far larger
// organisation: read and validate a generated catalog from disk, then compute
// the impact of losing the supplier that takes down the most, for a month.
// Targets on a 2-core machine: under 100 ms at 1,300 applications, under 2 s at
// 50,000 (scripts/bench prints them beside the measurements).
func BenchmarkLoadValidateImpact(b *testing.B) {
	for _, apps := range []int{1300, 50000} {
		b.Run("apps="+strconv.Itoa(apps), func(b *testing.B) {
			dir := writeGenerated(b, gen.Scaled(apps, 1))
			loss := catalog.Loss{Suppliers: []string{gen.LargestSupplier}, Duration: drill.Duration(30 * drill.Day)}
			var c *catalog.Catalog
			for b.Loop() {
				var err error
				c, err = catalog.Load(yamldoc.OSFS{}, dir)
				if err != nil {
					b.Fatal(err)
				}
				if im := c.Impact(loss); len(im.Processes) == 0 {
					b.Fatal("the loss impacts no process")
				}
			}
			b.ReportMetric(float64(len(c.Applications)), "apps")
			b.ReportMetric(float64(len(c.Processes)), "processes")
		})
	}
}

// writeGenerated generates a catalog into a fresh temporary directory.
func writeGenerated(b *testing.B, o gen.Options) string {
	b.Helper()
	files, err := gen.Catalog(o)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

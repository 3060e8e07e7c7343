package cli

import (
	"os"
	"testing"
)

// TestMain keeps the evidence bundles that drills write out of the source tree.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "exitdrill-cli-reports")
	if err != nil {
		panic(err)
	}
	os.Setenv("EXITDRILL_REPORTS", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

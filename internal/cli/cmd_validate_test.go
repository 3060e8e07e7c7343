package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/catalog"
)

// TestCoverageWarningStaysOneLine: a catalog with hundreds of uncovered
// applications (a generated city has 177) gets one line naming the ten most
// needed and how many more, not every one of them.
func TestCoverageWarningStaysOneLine(t *testing.T) {
	var gaps []catalog.Gap
	for i := range 12 {
		for range 12 - i { // app-00 is needed 12 times, app-11 once
			gaps = append(gaps, catalog.Gap{Process: "p", Runbook: "r", Application: fmt.Sprintf("app-%02d", i)})
		}
	}
	var errb bytes.Buffer
	printCoverage(&Streams{Err: &errb}, gaps)
	got := errb.String()
	if strings.Count(got, "\n") != 1 {
		t.Errorf("want one line, got %q", got)
	}
	for _, want := range []string{"78 process needs are not covered", "app-00 (12), app-01 (11)", "app-09 (3), and 2 more applications; details:"} {
		if !strings.Contains(got, want) {
			t.Errorf("warning %q\nlacks %q", got, want)
		}
	}
	if strings.Contains(got, "app-10") {
		t.Errorf("warning names an 11th application: %q", got)
	}
}

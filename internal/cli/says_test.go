package cli

import (
	"strings"
	"testing"
)

// says reports each of wants that out lacks, naming out as what.
func says(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, out)
		}
	}
}

package cli

import (
	"strings"
	"testing"
)

// TestScenariosListInDutch: exitdrill scenarios list with --lang nl has
// Dutch column titles, modes, durations and the generated titles; impact's
// header line says the scenario the Dutch way too; English as before.
func TestScenariosListInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	_, nl, _ := run(t, "scenarios", "list", "--lang", "nl")
	for _, w := range []string{"VERLIEST", "DUUR", "MODUS", "TITEL", "Amazon Web Services een week niet beschikbaar", "gecomprimeerd", "7 dagen"} {
		if !strings.Contains(nl, w) {
			t.Errorf("scenarios list --lang nl lacks %q:\n%s", w, nl)
		}
	}
	for _, w := range []string{"LOSES", "DURATION", "unavailable for", "compressed"} {
		if strings.Contains(nl, w) {
			t.Errorf("scenarios list --lang nl still says %q", w)
		}
	}
	if _, en, _ := run(t, "scenarios", "list"); !strings.Contains(en, "| LOSES ") || !strings.Contains(en, "Amazon Web Services unavailable for one week") {
		t.Errorf("scenarios list in English changed:\n%s", en)
	}
	_, imp, _ := run(t, "impact", "--catalog", "testdata/valid", "--scenario", "aws-1-month", "--lang", "nl")
	if first, _, _ := strings.Cut(imp, "\n"); strings.Contains(first, "unavailable") || !strings.Contains(first, "30 dagen") {
		t.Errorf("impact --lang nl header: %q", first)
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/internal/importer"
	"github.com/exitdrill/exitdrill/internal/importer/table"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// TestValidateErrorsInDutch: exitdrill validate --lang nl names each problem
// at its file:line:column in Dutch ("onbekende sleutel", "ongeldige duur",
// "toegestaan:"), exit 2; without --lang the same problems in English.
func TestValidateErrorsInDutch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "catalog.yaml")
	doc := "apiVersion: exitdrill/v1\nkind: Catalog\norganisation: X\nsuppliers:\n  - id: ms\n    jurisdiction: NL\n    colour: red\n" +
		"applications:\n  - id: a\n    model: saas\n    supplier: ms\nprocesses:\n  - id: p\n    owner: O\n    mtpd: vier uur\n    rto: 2d\n    rpo: 1d\n    applications: [a]\n"
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "validate", "--lang", "nl", file)
	if code != ExitInvalid {
		t.Fatalf("exit %d, want %d\n%s", code, ExitInvalid, errs)
	}
	for _, want := range []string{"ongeldige definities, 2 problemen:", file + ":7:5: suppliers[ms].colour: waarde \"colour\": onbekende sleutel (toegestaan: sleutels: id,",
		file + ":15:11: processes[p].mtpd: waarde \"vier uur\": ongeldige duur (toegestaan: een positief geheel getal"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	for _, notWant := range []string{"invalid definitions", "unknown key", "malformed duration", "allowed:"} {
		if strings.Contains(errs, notWant) {
			t.Errorf("the Dutch stderr still says %q:\n%s", notWant, errs)
		}
	}
	if _, _, en := run(t, "validate", file); !strings.Contains(en, "value \"vier uur\": malformed duration (allowed: a positive whole number") {
		t.Errorf("English stderr changed:\n%s", en)
	}
}

// TestImportErrorsInDutch: an import's problems in Dutch keep their
// file!sheet!cell; English is the error's own text.
func TestImportErrorsInDutch(t *testing.T) {
	bad := &importer.Invalid{Problems: []*table.Error{
		table.Errorf(table.Loc{File: "roi.xlsx", Sheet: "B_06.01", Row: 12, Col: 5}, importer.DurationAllowed, "%s %q is not a duration", "RTO", "vier uur"),
	}}
	got := errorText(lang.Dutch.Printer(), bad)
	want := "de bron heeft 1 probleem; er is niets geschreven:\nroi.xlsx!B_06.01!F12: RTO \"vier uur\" is geen duur (toegestaan: een getal met een eenheid in het Nederlands of Engels"
	if !strings.HasPrefix(got, want) {
		t.Errorf("got  %q\nwant %q…", got, want)
	}
	if en := errorText(lang.English.Printer(), bad); en != bad.Error() {
		t.Errorf("English %q, want %q", en, bad.Error())
	}
}

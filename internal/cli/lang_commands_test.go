package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsInDutch: the human output of validate, impact, suppliers,
// matrix and import (its dry run too) with --lang nl has Dutch headers and
// summary lines and none of the English ones; without --lang it is English.
func TestCommandsInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	cases := []struct {
		args    []string
		want    []string
		notWant []string
	}{
		{[]string{"validate", "testdata/valid"}, []string{"geldig: ", " leveranciers, ", " draaiboeken, "}, []string{"valid: ", " suppliers"}},
		{[]string{"impact", "--catalog", "testdata/valid", "--scenario", "aws-1-month"},
			[]string{"verloren: aws", "processen getroffen", "moeten hersteld worden", "PROCES", "EIGENAAR", "GERAAKT VIA", "TEGEN DE DOELSTELLINGEN", "uitval 30 dagen > RTO 4 dagen, <= MTPD 30 dagen: te"},
			[]string{"lost: ", "processes impacted", "HIT THROUGH", "tolerable", "OWNER"}},
		{[]string{"suppliers", "--catalog", "testdata/valid"}, []string{"concentratie bij leveranciers", "LEVERANCIER", "VALT MEE UIT", "Beheert: applicaties"},
			[]string{"supplier concentration", "DOWN WITH IT", "Runs: applications"}},
		{[]string{"matrix", "--catalog", "testdata/valid"}, []string{"matrix van de exitgereedheid", "GETROFFEN", "1 MAAND", "Getroffen: kritieke processen"},
			[]string{"exit-readiness matrix", "IMPACTED", "1 MONTH"}},
	}
	for _, tc := range cases {
		code, nl, errs := run(t, append(tc.args, "--lang", "nl")...)
		if code != ExitOK {
			t.Fatalf("%s --lang nl: exit %d: %s", tc.args[0], code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(nl, w) {
				t.Errorf("%s --lang nl lacks %q:\n%s", tc.args[0], w, nl)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(nl, w) {
				t.Errorf("%s --lang nl still says %q:\n%s", tc.args[0], w, nl)
			}
		}
		if _, en, _ := run(t, tc.args...); !strings.Contains(en, tc.notWant[0]) {
			t.Errorf("%s without --lang is not English: %s", tc.args[0], en)
		}
	}

	in := t.TempDir()
	apps := filepath.Join(in, "business_apps.csv")
	if err := os.WriteFile(apps, []byte("Number,Name,Vendor,Install type,Depends on\nAPM1,Parkeren,Microsoft,PaaS,Identity\nAPM2,Identity,Microsoft,SaaS,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "catalog")
	code, out, errs := run(t, "import", apps, "--preset", "cmdb-csv", "-o", dir, "--dry-run", "--lang", "nl")
	if code != ExitOK || !strings.Contains(out, "+ applicatie parkeren") || !strings.Contains(out, "proefdraai: 3 toegevoegd, 0 gewijzigd, 0 verwijderd, 0 ongewijzigd; niets geschreven naar") {
		t.Errorf("import --dry-run --lang nl: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestJSONSameInEveryLanguage: --format json is language-neutral — the same
// bytes under --lang nl and --lang en — for every command that has it here.
func TestJSONSameInEveryLanguage(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	for _, args := range [][]string{
		{"validate", "testdata/valid"},
		{"impact", "--catalog", "testdata/valid", "--scenario", "aws-1-month"},
		{"suppliers", "--catalog", "testdata/valid"},
		{"matrix", "--catalog", "testdata/valid"},
	} {
		args = append(args, "--format", "json")
		_, en, _ := run(t, append(args, "--lang", "en")...)
		code, nl, errs := run(t, append(args, "--lang", "nl")...)
		if code != ExitOK || en == "" {
			t.Fatalf("%s: exit %d, %d bytes: %s", args[0], code, len(en), errs)
		}
		if en != nl {
			t.Errorf("%s --format json differs between --lang en and --lang nl", args[0])
		}
	}
}

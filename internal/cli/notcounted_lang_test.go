package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestNotCountedInDutch: why a bundle does not count (readiness) or is
// refused (verify, diff --unverified) is Dutch with --lang nl — the
// verification's problem, unsigned, untrusted — with the paths, hashes
// and keys as they are; English as before.
func TestNotCountedInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	b := newCheckedBundles(t)
	dir := filepath.Dir(b.d1)
	cat := filepath.Join(dir, "catalog")
	cases := []struct {
		args    []string
		want    []string
		notWant []string
	}{
		{[]string{"readiness", "--catalog", cat, "--reports", dir, "--pub", b.pub},
			[]string{b.tampered + ": verificatie mislukt: result.json: gewijzigd: SHA-256 ", "; het manifest vermeldt ",
				b.unsigned + ": verificatie mislukt: manifest.json: de bundel is niet ondertekend, maar er is een publieke sleutel gegeven om hem mee te controleren",
				"exitdrill: 2 van 4 bundels niet meegeteld (zie de lijst in de uitvoer)"},
			[]string{"verification failed", "changed:", "the manifest records", "unsigned", "bundles not counted"}},
		{[]string{"readiness", "--catalog", cat, "--reports", dir, "--pub", b.otherPub},
			[]string{b.d1 + ": verificatie mislukt: manifest.sig: ondertekend met ed25519:", ", niet met de gegeven publieke sleutel"},
			[]string{"verification failed", "signed by", "not by the public key given"}},
		{[]string{"verify", b.unsigned},
			[]string{"geverifieerd: oefening d4, 6 gebeurtenissen in het journaal, 10 bestanden, NIET ONDERTEKEND (geen handtekening: iedereen kan haar geschreven hebben)",
				b.unsigned + ": NIET VERTROUWD: niet ondertekend: iedereen kan haar geschreven hebben; --allow-unsigned aanvaardt haar"},
			[]string{"verified:", "NOT TRUSTED", "anyone could"}},
		{[]string{"verify", b.d1, "--pub", b.otherPub},
			[]string{b.d1 + ": NIET GEVERIFIEERD: manifest.sig: ondertekend met ed25519:"},
			[]string{"NOT VERIFIED", "signed by"}},
		{[]string{"verify", b.d1, "--pub", b.pub},
			[]string{"geverifieerd: oefening d1, 6 gebeurtenissen in het journaal, 10 bestanden, ondertekend met ed25519:", "(vingerafdruk SHA256:",
				"vertrouwd: de sleutel gegeven met --pub " + b.pub},
			[]string{"verified:", "trusted:", "fingerprint"}},
		{[]string{"diff", b.d1, b.tampered, "--pub", b.pub, "--unverified"},
			[]string{"nieuwe oefening d3: result.json: gewijzigd: SHA-256 ", b.tampered + ": NIET GEVERIFIEERD: result.json: gewijzigd: SHA-256 ", "(toch getoond: --unverified)"},
			[]string{"changed:", "NOT VERIFIED", "shown anyway"}},
	}
	for _, tc := range cases {
		_, out, errs := run(t, append(tc.args, "--lang", "nl")...)
		for _, w := range tc.want {
			if !strings.Contains(out+errs, w) {
				t.Errorf("%s --lang nl lacks %q:\n%s%s", tc.args[0], w, out, errs)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(out+errs, w) {
				t.Errorf("%s --lang nl still says %q:\n%s%s", tc.args[0], w, out, errs)
			}
		}
		if _, out, errs := run(t, tc.args...); !strings.Contains(out+errs, tc.notWant[0]) {
			t.Errorf("%s in English lacks %q:\n%s%s", tc.args[0], tc.notWant[0], out, errs)
		}
	}
}

// TestExportSummaryInDutch: export b07's summary and its bundles not
// counted, with why, are Dutch with --lang nl; English as before.
func TestExportSummaryInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	say := func(l string) string {
		var errb strings.Builder
		s := &Streams{Err: &errb, lang: &langFlag{value: l}}
		summarizeExport(s, "roi.xlsx", nil, 3, map[string]string{"drills/d4": "unsigned: anyone could have written it"})
		return errb.String()
	}
	if nl, want := say("nl"), "exitdrill: 0 rijen van B_07.01 geschreven naar roi.xlsx: 0 met een exitplan en 0 met een alternatief dat een geverifieerde oefening aantoonde; 2 van 3 bundels meegeteld\n"+
		"exitdrill: niet meegeteld: drills/d4: niet ondertekend: iedereen kan haar geschreven hebben\n"; nl != want {
		t.Errorf("Dutch:\ngot  %q\nwant %q", nl, want)
	}
	if en, want := say("en"), "exitdrill: wrote 0 rows of B_07.01 to roi.xlsx: 0 with an exit plan and 0 with an alternative a verified drill proved; 2 of 3 bundles counted\n"+
		"exitdrill: not counted: drills/d4: unsigned: anyone could have written it\n"; en != want {
		t.Errorf("English:\ngot  %q\nwant %q", en, want)
	}
}

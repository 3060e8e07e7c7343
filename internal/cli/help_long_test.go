package cli

import (
	"strings"
	"testing"
)

// TestLongHelpInDutch: the most used commands' long help texts are Dutch
// with --lang nl, without the pointer to the English text; a command whose
// long text has no Dutch yet keeps the pointer.
func TestLongHelpInDutch(t *testing.T) {
	t.Setenv("EXITDRILL_LANG", "")
	const pointer = "Meer (in het Engels):"
	cases := map[string]string{
		"run":              "plant de oefening, laat een worker elke geautomatiseerde stap onderzoeken",
		"status":           "Status toont de voortgang van een lopende oefening",
		"impact":           "het afhankelijkheidspad dat het raakt (proces -> applicatie ->",
		"validate":         "Elk probleem wordt\nin één keer gemeld met bestand:regel:kolom.",
		"import":           "wordt geschreven als een\nplaatshouder die validate noemt.",
		"readiness":        "Readiness toont de exitgereedheidsmatrix (leveranciers x 1 dag / 1 week / 1 maand)",
		"verify":           "Verify controleert de map van een bewijsbundel",
		"report":           "Report bouwt de bewijsbundel van een afgeronde oefening opnieuw op",
		"diff":             "een proces waarvan de\nherstelduur daarbinnen verschoof zegt \"binnen de tolerantie (±X)\".",
		"schedule":         "Planningen starten oefeningen volgens een cron-kalender",
		"worker":           "anders de `exitdrill server` op de statusmap,",
		"server":           "Maar één server tegelijk kan een statusmap houden.",
		"console":          "Console biedt de webconsole aan op loopback",
		"export roi":       "c0110  alternatieve aanbieders geïdentificeerd",
		"export readiness": "Export readiness schrijft wat exitdrill readiness toont als Excel-werkmap",
		"render":           "Render leest de map van een bewijsbundel",
		"review":           "Review legt na een oefening vast wat goed ging",
		"abort":            "terugdraaistappen lopen.",
		"steps":            "Steps toont de handmatige stappen die op een persoon wachten",
		"scenarios":        "De scenariobibliotheek bevat het verlies van elke belangrijke leverancier",
		"ack":              "Ack legt vast dat je INJECT hebt ontvangen",
		"actions list":     "List toont de acties uit de evaluaties na afloop",
		"cluster init":     "Init bereidt het cluster op --address voor op exitdrill",
		"gen catalog":      "Catalog schrijft een deterministische, geldige catalogus voor schaaltests",
		"keygen":           "Keygen schrijft een nieuwe ed25519-privésleutel naar FILE",
		"matrix":           "Dit staat op papier; oefeningen\nbewijzen het.",
		"notify test":      "notify test stuurt één testbericht naar elke persoon",
		"observe":          "Observe legt vast wat iemand zag tijdens een lopende oefening",
		"publish":          "Publish maakt de bevindingen van een oefening",
		"schema":           "Schema toont het JSON Schema van catalogus-, scenario- of draaiboekdocumenten",
		"step complete":    "Complete legt de uitkomst vast van een handmatige stap",
		"suppliers":        "Suppliers toont per leverancier de applicaties die ze draait",
		"version":          "Version toont de versie en de broncommit van exitdrill",
		"schedule trigger": "Trigger start nu de oefening die planning ID zou starten",
	}
	for cmd, want := range cases {
		_, out, _ := run(t, append(strings.Fields(cmd), "--help", "--lang", "nl")...)
		if !strings.Contains(out, want) {
			t.Errorf("%s --help --lang nl lacks %q:\n%s", cmd, want, out)
		}
		if strings.Contains(out, pointer) {
			t.Errorf("%s --help --lang nl still points to the English text", cmd)
		}
	}
	if _, out, _ := run(t, "completion", "--help", "--lang", "nl"); !strings.Contains(out, pointer+" exitdrill completion --help --lang en") {
		t.Errorf("completion --help --lang nl lacks the pointer:\n%s", out)
	}
}

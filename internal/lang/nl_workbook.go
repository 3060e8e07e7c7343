package lang

// The readiness workbook (exitdrill export readiness --format xlsx): its
// sheets, headers and the line that says it was written.
func init() {
	for en, nl := range map[string]string{
		"Matrix":          "Matrix",
		"Rules":           "Regels",
		"Rule":            "Regel",
		"Stale":           "Verouderd",
		"Points":          "Punten",
		"Re-test because": "Opnieuw testen omdat",
		"%s: state":       "%s: stand",
		"%s: at stake":    "%s: op het spel",
		"%s: proven":      "%s: aangetoond",
		"%s: failed":      "%s: mislukt",
		"%s: re-test":     "%s: opnieuw testen",
		"%s: paper":       "%s: alleen op papier",
		"wrote readiness of %d suppliers and %d processes to %s (%d drills counted, %d bundles not counted)": "gereedheid van %d leveranciers en %d processen geschreven naar %s (%d oefeningen meegeteld, %d bundels niet meegeteld)",
	} {
		dutch[en] = nl
	}
}

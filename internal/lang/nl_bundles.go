package lang

// Why a bundle does not count or is refused, with --lang nl: in the
// readiness view's "not counted" list, in exitdrill verify and in the
// NOT VERIFIED banner of render and diff. The paths, hashes, sizes and
// keys stay as they are; the place before a problem ({why}: a file of the
// bundle, or "verification failed: manifest.json") is translated again.
func init() {
	for en, nl := range map[string]string{
		"%d of %d bundles not counted (see the list in the output)\n": "%d van %d bundels niet meegeteld (zie de lijst in de uitvoer)\n",
		"UNSIGNED (no signature: anyone could have written it)":       "NIET ONDERTEKEND (geen handtekening: iedereen kan haar geschreven hebben)",
		"signed by %s (fingerprint %s)":                               "ondertekend met %s (vingerafdruk %s)",
		"verified: drill %s, %d journal events, %d files, %s\n":       "geverifieerd: oefening %s, %d gebeurtenissen in het journaal, %d bestanden, %s\n",
		"trusted: %s\n": "vertrouwd: %s\n",
		"not signed: accepted (--allow-unsigned)":                    "niet ondertekend: aanvaard (--allow-unsigned)",
		"not a trusted key: accepted (--any-key); trusted are: %s\n": "geen vertrouwde sleutel: aanvaard (--any-key); vertrouwd zijn: %s\n",
		"unsigned: anyone could have written it":                     "niet ondertekend: iedereen kan haar geschreven hebben",
		"no drill result in the bundle":                              "geen resultaat van een oefening in de bundel",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"verification failed: {why}":         "verificatie mislukt: {why}",
		"unreadable: {reason}":               "onleesbaar: {reason}",
		"{a}: NOT VERIFIED: {why}":           "{a}: NIET GEVERIFIEERD: {why}",
		"{why} (shown anyway: --unverified)": "{why} (toch getoond: --unverified)",
		"{why}: changed: SHA-256 {b}, {c} bytes; the manifest records {d}, {e} bytes":                              "{why}: gewijzigd: SHA-256 {b}, {c} bytes; het manifest vermeldt {d}, {e} bytes",
		"{why}: changed: SHA-256 {b}, {c} bytes; the manifest records {d}, {e} bytes (shown anyway: --unverified)": "{why}: gewijzigd: SHA-256 {b}, {c} bytes; het manifest vermeldt {d}, {e} bytes (toch getoond: --unverified)",
		"{why}: the bundle is unsigned, but a public key was given to check it against":                            "{why}: de bundel is niet ondertekend, maar er is een publieke sleutel gegeven om hem mee te controleren",
		"{why}: signed by {a}, not by the public key given":                                                        "{why}: ondertekend met {a}, niet met de gegeven publieke sleutel",
		"{why}: added: the manifest does not list it":                                                              "{why}: toegevoegd: het manifest noemt het niet",
		"{why}: removed: the manifest lists it":                                                                    "{why}: verwijderd: het manifest noemt het wel",
		"{why}: has seq {a} where {b} belongs: events were removed, reordered or inserted":                         "{why}: heeft volgnummer {a} waar {b} hoort: gebeurtenissen zijn verwijderd, verplaatst of ingevoegd",
		"{why}: does not chain to line {a}: line {b} was changed (its hash is {c}, this event's prev is {d})":      "{why}: sluit niet aan op regel {a}: regel {b} is gewijzigd (haar hash is {c}, de prev van deze gebeurtenis is {d})",
		"{a} line {b}": "{a} regel {b}",
		"untrusted: signed by {a}, which is not a trusted key ({why})":                                 "niet vertrouwd: ondertekend met {a}, geen vertrouwde sleutel ({why})",
		"the key given with --pub {a}":                                                                 "de sleutel gegeven met --pub {a}",
		"the state directory's own key {a}":                                                            "de eigen sleutel van de statusmap {a}",
		"no trusted keys: the state directory has no signing key yet ({a})":                            "geen vertrouwde sleutels: de statusmap heeft nog geen ondertekeningssleutel ({a})",
		"{a}: NOT TRUSTED: {why}; --allow-unsigned accepts it":                                         "{a}: NIET VERTROUWD: {why}; --allow-unsigned aanvaardt haar",
		"{a}: NOT TRUSTED: {why}; --pub KEY.pub names the key to check against, --any-key accepts any": "{a}: NIET VERTROUWD: {why}; --pub SLEUTEL.pub noemt de sleutel om mee te controleren, --any-key aanvaardt elke",
	} {
		fillTemplates[en] = nl
	}
}

// exitdrill export b07's summary on stderr with --lang nl.
func init() {
	for en, nl := range map[string]string{
		"wrote %d rows of B_07.01 to %s: %d with an exit plan and %d with an alternative a verified drill proved; %d of %d bundles counted\n": "%d rijen van B_07.01 geschreven naar %s: %d met een exitplan en %d met een alternatief dat een geverifieerde oefening aantoonde; %d van %d bundels meegeteld\n",
		"not counted: %s: %s\n": "niet meegeteld: %s: %s\n",
	} {
		dutch[en] = nl
	}
}

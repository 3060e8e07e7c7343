package lang

// The problems of exitdrill validate and exitdrill import as the CLI prints
// them with --lang nl: the fixed words around them (internal/cli
// errorText), the common problems and what is allowed. The file:line:column
// or file!sheet!cell, the key and the value stay as they are; a problem
// these tables do not know stays English.
func init() {
	for en, nl := range map[string]string{
		"value %q: ":                                       "waarde %q: ",
		" (allowed: %s)":                                   " (toegestaan: %s)",
		"invalid definitions, %d problem:\n%s":             "ongeldige definities, %d probleem:\n%s",
		"invalid definitions, %d problems:\n%s":            "ongeldige definities, %d problemen:\n%s",
		"the source has %d problem; nothing was written:":  "de bron heeft %d probleem; er is niets geschreven:",
		"the source has %d problems; nothing was written:": "de bron heeft %d problemen; er is niets geschreven:",
		"\n... and %d more":                                "\n... en nog %d",
		"unknown key":                                      "onbekende sleutel",
		"duplicate key":                                    "dubbele sleutel",
		"missing required key":                             "verplichte sleutel ontbreekt",
		"malformed duration":                               "ongeldige duur",
		"not an allowed value":                             "geen toegestane waarde",
		"unknown document kind":                            "onbekende soort document",
		"unsupported apiVersion":                           "niet ondersteunde apiVersion",
		"unknown target":                                   "onbekend doel",
		"unknown service model":                            "onbekend servicemodel",
		"unknown colour":                                   "onbekende kleur",
		"unknown export format":                            "onbekend exportformaat",
		"unknown mode":                                     "onbekende modus",
		"unknown unit":                                     "onbekende eenheid",
		"unknown webhook format":                           "onbekend webhookformaat",
		"the file is empty":                                "het bestand is leeg",
		"a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h":            "een positief geheel getal met een eenheid s, m, h, d (24h) of w (7d), bijvoorbeeld 90s, 15m, 4h, 2d, 1w, 30d, of een som zoals 1d12h",
		`a number with a unit in Dutch or English, for example "4 uur", "2 dagen", "1 week", "30 minuten", "4 hours", "1,5 day", or 4h, 2d, 1d12h`: `een getal met een eenheid in het Nederlands of Engels, bijvoorbeeld "4 uur", "2 dagen", "1 week", "30 minuten", "4 hours", "1,5 day", of 4h, 2d, 1d12h`,
		`a whole number of hours, as the register reports it (1 for less than an hour, 0 for not defined); also "4 uur", "2 dagen", 4h`:            `een geheel aantal uren, zoals het register het meldt (1 voor minder dan een uur, 0 voor niet bepaald); ook "4 uur", "2 dagen", 4h`,
		"two capital letters, for example NL, DE, US": "twee hoofdletters, bijvoorbeeld NL, DE, US",
		"an existing file or directory":               "een bestaand bestand of een bestaande map",
		"no such file or directory":                   "bestand of map bestaat niet",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"cannot read: {reason}":                                        "kan niet lezen: {reason}",
		"keys: {a}":                                                    "sleutels: {a}",
		"expected a mapping, found {a}":                                "een mapping verwacht, gevonden: {a}",
		"{a} {b} is not a duration ({reason})":                         "{a} {b} is geen duur ({reason})",
		"{a} {b} is not a duration":                                    "{a} {b} is geen duur",
		"{a} {b} is not the id or name of any {c}":                     "{a} {b} is niet het id of de naam van een {c}",
		"{a} {b} is not the id or name of any {c} (did you mean {d}?)": "{a} {b} is niet het id of de naam van een {c} (bedoelde u {d}?)",
		"the id or name of one of the {n} {a} read":                    "het id of de naam van een van de {n} gelezen {a}",
		"country {a} is not an ISO 3166-1 alpha-2 code":                "land {a} is geen ISO 3166-1 alpha-2-code",
		"rank {a} is not a whole number of 1 or more":                  "rang {a} is geen geheel getal van 1 of meer",
		"provider {a} is not in B_05.01":                               "aanbieder {a} staat niet in B_05.01",
	} {
		fillTemplates[en] = nl
	}
}

package lang

// exitdrill --help and COMMAND --help with --lang nl: cobra's fixed words
// (internal/cli usageIn); the commands' short texts and the flags' usages
// are in nl_help_commands.go and nl_help_flags.go.
func init() {
	for en, nl := range map[string]string{
		"Usage:":              "Gebruik:",
		"[flags]":             "[opties]",
		"[command]":           "[opdracht]",
		"Aliases:":            "Aliassen:",
		"Examples:":           "Voorbeelden:",
		"Available Commands:": "Beschikbare opdrachten:",
		"Flags:":              "Opties:",
		"Global Flags:":       "Globale opties:",
		"(default":            "(standaard",
		"Use \"%s [command] --help\" for more information about a command.": "Gebruik \"%s [opdracht] --help\" voor meer informatie over een opdracht.",
		"More (in English): %s --help --lang en":                            "Meer (in het Engels): %s --help --lang en",
		"help for %s":                                                       "hulp bij %s",
		"version for %s":                                                    "versie van %s",
	} {
		dutch[en] = nl
	}
}

package lang

// The command line mistakes cobra and pflag report (unknown flag or
// command, a bad flag value, a required flag left out, the wrong number of
// arguments) as the CLI prints them with --lang nl. What the user typed
// ({val}, {flag}, {cmd}) stays as it is; the reason a value was refused
// (Go's strconv or time) stays as Go wrote it.
func init() {
	for en, nl := range map[string]string{
		"Did you mean this?": "Bedoelde u dit?",
	} {
		dutch[en] = nl
	}
	for en, nl := range map[string]string{
		"unknown flag: {flag}":                                                                   "onbekende optie: {flag}",
		"unknown shorthand flag: {val} in {flag}":                                                "onbekende korte optie: {val} in {flag}",
		"flag needs an argument: {flag}":                                                         "optie heeft een waarde nodig: {flag}",
		"flag needs an argument: {val} in {flag}":                                                "optie heeft een waarde nodig: {val} in {flag}",
		"invalid argument {val} for {flag} flag: {reason}":                                       "ongeldige waarde {val} voor optie {flag}: {reason}",
		"bad flag syntax: {flag}":                                                                "onjuist geschreven optie: {flag}",
		"required flag(s) {flag} not set":                                                        "verplichte optie(s) {flag} niet opgegeven",
		"unknown command {val} for {cmd}":                                                        "onbekende opdracht {val} voor {cmd}",
		"invalid argument {val} for {cmd}":                                                       "ongeldig argument {val} voor {cmd}",
		"accepts {a} arg(s), received {b}":                                                       "verwacht {a} argument(en), kreeg er {b}",
		"accepts at most {a} arg(s), received {b}":                                               "verwacht hoogstens {a} argument(en), kreeg er {b}",
		"requires at least {a} arg(s), only received {b}":                                        "verwacht minstens {a} argument(en), kreeg er maar {b}",
		"accepts between {a} and {b} arg(s), received {c}":                                       "verwacht {a} tot {b} argumenten, kreeg er {c}",
		"at least one of the flags in the group {flag} is required":                              "minstens een van de opties {flag} is verplicht",
		"if any flags in the group {flag} are set they must all be set; missing {val}":           "wie een van de opties {flag} geeft, moet ze allemaal geven; ontbreekt: {val}",
		"if any flags in the group {flag} are set none of the others can be; {val} were all set": "wie een van de opties {flag} geeft, kan de andere niet geven; gegeven waren: {val}",
		"with --latest, give no DRILL: {reason}":                                                 "met --latest geen OEFENING opgeven: {reason}",
	} {
		fillTemplates[en] = nl
	}
}

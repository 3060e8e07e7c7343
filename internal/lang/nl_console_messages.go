package lang

// The console's messages above a page (the flash after an action, the error
// of a form): the layout shows them through Filled.
func init() {
	for en, nl := range map[string]string{
		"Signed in as {a} ({b}).":                        "Aangemeld als {a} ({b}).",
		"Single sign-on failed: {reason}":                "Eenmalige aanmelding mislukt: {reason}",
		"The identity provider refused the sign-in: {a}": "De identiteitsprovider weigerde de aanmelding: {a}",
		"Too many sign-in attempts: wait {a}.":           "Te veel aanmeldpogingen: wacht {a}.",
		"action items published to {a}: {b} created, {c} updated, {d} reopened, {e} unchanged, {f} closed": "acties gepubliceerd naar {a}: {b} aangemaakt, {c} bijgewerkt, {d} heropend, {e} ongewijzigd, {f} gesloten",
		"The action items were not published to {a}: {b}":                                                  "De acties zijn niet gepubliceerd naar {a}: {b}",
	} {
		fillTemplates[en] = nl
	}
	for en, nl := range map[string]string{
		"The sign-in form expired: please try again.":                                            "Het aanmeldformulier is verlopen: probeer het opnieuw.",
		"Too many sign-in attempts: wait a minute.":                                              "Te veel aanmeldpogingen: wacht een minuut.",
		"Unknown name or wrong password.":                                                        "Onbekende naam of verkeerd wachtwoord.",
		"The step was not completed: see below.":                                                 "De stap is niet afgerond: zie hieronder.",
		"The single sign-on answer does not belong to this browser's sign-in: please try again.": "Het antwoord van de eenmalige aanmelding hoort niet bij de aanmelding van deze browser: probeer het opnieuw.",
	} {
		if _, ok := dutch[en]; !ok {
			dutch[en] = nl
		}
	}
}

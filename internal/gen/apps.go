package gen

import (
	"math/rand/v2"
	"strconv"

	"github.com/exitdrill/exitdrill/drill"
)

// app is a generated application.
type app struct {
	id, name, model, supplier string
	dependsOn                 []string
	backups                   []backup
	alt                       *alternative
}

type backup struct {
	id, location, heldBy, every string
	kind                        drill.BackupKind
}

type alternative struct {
	id, supplier string
}

type category int

const (
	saas      category = iota // at a SaaS vendor
	hosted                    // at the hosting provider (KPN)
	cloud                     // on the cloud platform (Azure)
	workplace                 // on the workplace (Sogeti, Microsoft 365)
)

// shares returns how many applications of n fall in each category, in the
// report's proportions: 650 SaaS, 150 hosted, 150 cloud of 1,300; the rest
// workplace.
func shares(n int) [4]int {
	s := (n*650 + 650) / 1300
	h := (n*150 + 650) / 1300
	c := (n*150 + 650) / 1300
	return [4]int{s, h, c, n - s - h - c}
}

// sharedApps come first so that every other application may depend on them: the
// identity provider and shared platforms. Their categories count towards the
// shares.
var sharedApps = []struct {
	app
	cat category
}{
	{app{id: "identity", name: "Identity provider (Entra ID)", model: "saas", supplier: "microsoft"}, saas},
	{app{id: "api-gateway", name: "API gateway", model: "paas", supplier: "microsoft"}, cloud},
	{app{id: "document-store", name: "Document management", model: "iaas", supplier: "kpn"}, hosted},
	{app{id: "case-management", name: "Case management (zaaksysteem)", model: "saas", supplier: "centric"}, saas},
	{app{id: "crm", name: "Citizen contact (CRM)", model: "saas", supplier: "salesforce"}, saas},
}

var domains = []string{
	"Parkeren", "Belastingen", "Burgerzaken", "Jeugdzorg", "Afval", "Vergunningen",
	"Subsidies", "Handhaving", "Personeel", "Financien", "Inkoop", "Zorg", "Verkeer",
	"Onderwijs", "Wonen", "Archief", "Klantcontact", "Schuldhulp", "Openbare ruimte", "Sport",
}

var functions = []string{
	"registratie", "portaal", "zaken", "rapportage", "koppeling", "planning",
	"betalingen", "dossier", "meldingen", "beheer",
}

// holders are where backups live, beside the application's own supplier.
var holders = []string{"own", "own", "own", "kpn", "ovhcloud", "ionos", "microsoft", "aws"}

// altHosts are where alternatives run.
var altHosts = []string{"own", "own", "ovhcloud", "ionos", "kpn"}

// backupKinds are the kinds of generated backups: every kind there is.
var backupKinds = drill.BackupKinds()

var intervals = []string{"1h", "4h", "24h", "24h", "24h", "7d"}

// applications returns n applications: the shared ones, then the categories in
// random order. An application only depends on applications before it, so
// dependsOn is acyclic.
func applications(rng *rand.Rand, n int, sups []supplier) []app {
	left := shares(n)
	out := make([]app, 0, n)
	for _, s := range sharedApps {
		a := s.app
		addResources(rng, &a)
		out = append(out, a)
		left[s.cat]--
	}
	cats := make([]category, 0, n-len(out))
	for c, k := range left {
		for range k {
			cats = append(cats, category(c))
		}
	}
	rng.Shuffle(len(cats), func(i, j int) { cats[i], cats[j] = cats[j], cats[i] })
	picker := newSaaSPicker(sups)
	for _, c := range cats {
		out = append(out, newApp(rng, len(out), c, picker, out))
	}
	return out
}

func newApp(rng *rand.Rand, i int, c category, picker *saasPicker, before []app) app {
	d, f := rng.IntN(len(domains)), rng.IntN(len(functions))
	a := app{id: slug(domains[d]) + "-" + functions[f] + "-" + strconv.Itoa(i), name: domains[d] + " " + functions[f]}
	switch c {
	case saas:
		a.model, a.supplier = "saas", picker.pick(rng)
	case hosted:
		a.model, a.supplier = pick(rng, []string{"iaas", "iaas", "paas"}), "kpn"
	case cloud:
		a.model, a.supplier = "paas", "microsoft"
	case workplace:
		a.model, a.supplier = "onprem", "sogeti"
	}
	pIdentity := 0.6
	if c == workplace {
		pIdentity = 0.3 // many workplace applications sign in locally
	}
	if chance(rng, pIdentity) {
		a.dependsOn = append(a.dependsOn, "identity")
	}
	if chance(rng, 0.25) {
		a.dependsOn = append(a.dependsOn, sharedApps[1+rng.IntN(len(sharedApps)-1)].id)
	}
	if first := len(sharedApps); i > first && chance(rng, 0.1) {
		lo := max(first, i-500)
		a.dependsOn = append(a.dependsOn, before[lo+rng.IntN(i-lo)].id)
	}
	addResources(rng, &a)
	return a
}

// addResources gives an application its backups and, sometimes, an alternative.
func addResources(rng *rand.Rand, a *app) {
	pNone, pTwo := 0.1, 0.3
	if a.model == "saas" {
		pNone, pTwo = 0.4, 0.1
	}
	n := 1
	switch x := rng.Float64(); {
	case x < pNone:
		n = 0
	case x < pNone+pTwo:
		n = 2
	}
	for k := 1; k <= n; k++ {
		held := a.supplier
		if !chance(rng, 0.3) {
			held = pick(rng, holders)
		}
		a.backups = append(a.backups, backup{
			id:       a.id + "-b" + strconv.Itoa(k),
			kind:     pick(rng, backupKinds),
			location: "/srv/backups/" + a.id + "/" + strconv.Itoa(k),
			heldBy:   held,
			every:    pick(rng, intervals),
		})
	}
	pAlt := 0.25
	if a.model == "saas" {
		pAlt = 0.1
	}
	if chance(rng, pAlt) {
		host := pick(rng, altHosts)
		if host == a.supplier {
			host = "own"
		}
		a.alt = &alternative{id: a.id + "-alt", supplier: host}
	}
}

func writeApplications(w *writer, apps []app) {
	w.catalogHeader()
	w.line("applications:")
	for i := range apps {
		a := &apps[i]
		w.str("  - id: ").scalar(a.id).nl()
		w.str("    name: ").scalar(a.name).nl()
		w.str("    model: ").str(a.model).nl()
		w.str("    supplier: ").scalar(a.supplier).nl()
		if len(a.dependsOn) > 0 {
			w.str("    dependsOn: ").list(a.dependsOn).nl()
		}
		if len(a.backups) > 0 {
			w.line("    backups:")
			for _, b := range a.backups {
				w.str("      - id: ").scalar(b.id).nl()
				w.str("        kind: ").str(string(b.kind)).nl()
				w.str("        location: ").scalar(b.location).nl()
				if b.kind == drill.Restic {
					w.line("        passwordEnv: RESTIC_PASSWORD")
				}
				w.str("        heldBy: ").scalar(b.heldBy).nl()
				w.str("        every: ").str(b.every).nl()
			}
		}
		if x := a.alt; x != nil {
			w.line("    alternatives:")
			w.str("      - id: ").scalar(x.id).nl()
			w.str("        supplier: ").scalar(x.supplier).nl()
			w.str(`        health: {url: "https://`).str(a.id).str(`.alt.schaalstad.example/health", expectStatus: 200}`).nl()
		}
	}
}

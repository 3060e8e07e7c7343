package gen

import (
	"math/rand/v2"
	"strconv"
)

// process is a generated business process with its runbook.
type process struct {
	id, name, owner string
	mtpd, rto, rpo  string
	critical        bool
	mbco            bool
	apps            []*app
}

// activities are municipal processes and the directorate that owns each.
var activities = []struct{ name, owner string }{
	{"Vergunningen verlenen", "Vergunningen"}, {"Uitkeringen betalen", "Werk en Inkomen"},
	{"Belastingen innen", "Belastingen"}, {"Reisdocumenten uitgeven", "Burgerzaken"},
	{"Meldingen afhandelen", "Openbare Ruimte"}, {"Parkeervergunningen verlenen", "Parkeren"},
	{"Jeugdhulp toewijzen", "Jeugd"}, {"Schuldhulp bieden", "Werk en Inkomen"},
	{"Afval inzamelen", "Afval"}, {"Verkeer regelen", "Verkeer"},
	{"Salarissen betalen", "Personeel"}, {"Facturen betalen", "Financien"},
	{"Burgers te woord staan", "Klantcontact"}, {"Afspraken plannen", "Burgerzaken"},
	{"Subsidies verlenen", "Subsidies"}, {"Handhaven", "Handhaving"},
	{"Leerlingen vervoeren", "Onderwijs"}, {"Statushouders huisvesten", "Wonen"},
	{"Archiveren", "Informatievoorziening"}, {"Crises beheersen", "Veiligheid"},
}

// objectives are consistent MTPD/RTO ladders: an RTO is picked among the values
// at or below the MTPD.
var (
	mtpds = []string{"1d", "2d", "3d", "7d", "7d", "14d", "30d"}
	rtos  = []string{"4h", "8h", "1d", "2d", "3d", "7d", "14d"}
	rpos  = []string{"15m", "1h", "4h", "24h", "24h"}
)

var hours = map[string]int{"4h": 4, "8h": 8, "1d": 24, "2d": 48, "3d": 72, "7d": 168, "14d": 336, "30d": 720}

// processes returns n processes, each using one to five distinct applications.
// The first uses the CRM, whose supplier runs on a hyperscaler, so that some
// process is always impacted through a subprocessor.
func processes(rng *rand.Rand, n int, apps []app) []process {
	out := make([]process, n)
	for j := range out {
		act := activities[rng.IntN(len(activities))]
		p := process{
			id:       slug(act.name) + "-" + strconv.Itoa(j+1),
			name:     act.name,
			owner:    "Directie " + act.owner,
			mtpd:     pick(rng, mtpds),
			rpo:      pick(rng, rpos),
			critical: !chance(rng, 0.1),
			mbco:     chance(rng, 0.5),
		}
		var fit []string
		for _, r := range rtos {
			if hours[r] <= hours[p.mtpd] {
				fit = append(fit, r)
			}
		}
		p.rto = pick(rng, fit)
		k := 1 + rng.IntN(5)
		seen := map[int]bool{}
		if j == 0 {
			seen[4] = true // crm: see sharedApps
			p.apps = append(p.apps, &apps[4])
		}
		for len(p.apps) < k {
			i := rng.IntN(len(apps))
			if !seen[i] {
				seen[i] = true
				p.apps = append(p.apps, &apps[i])
			}
		}
		out[j] = p
	}
	return out
}

func writeProcesses(w *writer, procs []process) {
	w.catalogHeader()
	w.line("processes:")
	for i := range procs {
		p := &procs[i]
		w.str("  - id: ").scalar(p.id).nl()
		w.str("    name: ").scalar(p.name).nl()
		w.str("    owner: ").scalar(p.owner).nl()
		if !p.critical {
			w.line("    critical: false")
		}
		w.str("    mtpd: ").str(p.mtpd).nl()
		w.str("    rto: ").str(p.rto).nl()
		w.str("    rpo: ").str(p.rpo).nl()
		if p.mbco {
			w.line(`    mbco: "50% of requests handled within 5 working days"`)
		}
		w.str("    applications: [")
		for k, a := range p.apps {
			if k > 0 {
				w.str(", ")
			}
			w.scalar(a.id)
		}
		w.str("]").nl()
		w.str("    runbook: ").scalar(p.id + "-recovery").nl()
	}
}

// writeRunbooks writes one Runbook document per process: check the freshness of
// up to two backups of its applications, restore the first, check an
// alternative, wait, and have the process owner sign off.
func writeRunbooks(w *writer, procs []process, trivial bool) {
	w.header()
	for i := range procs {
		p := &procs[i]
		if i > 0 {
			w.line("---")
		}
		w.line("apiVersion: exitdrill/v1")
		w.line("kind: Runbook")
		w.str("id: ").scalar(p.id + "-recovery").nl()
		w.str("title: ").scalar("Recover " + p.name).nl()
		w.line("steps:")
		if trivial {
			writeTrivialSteps(w)
			continue
		}
		var bks []string
		var alt string
		for _, a := range p.apps {
			for _, b := range a.backups {
				if len(bks) < 2 {
					bks = append(bks, b.id)
				}
			}
			if a.alt != nil && alt == "" {
				alt = a.alt.id
			}
		}
		for k, b := range bks {
			w.str("  - id: fresh-").str(strconv.Itoa(k + 1)).nl()
			w.line("    check: backup.fresh")
			w.str("    target: ").scalar(b).nl()
		}
		if len(bks) > 0 {
			w.line("  - id: restore")
			w.line("    check: backup.restore")
			w.str("    target: ").scalar(bks[0]).nl()
			w.line("    timeout: 2h")
			w.line("    after: [fresh-1]")
		}
		if alt != "" {
			w.line("  - id: alternative-up")
			w.line("    check: hosting.healthy")
			w.str("    target: ").scalar(alt).nl()
			w.line("    retry: {every: 30s, for: 15m}")
		}
		w.line("  - id: settle")
		w.line("    action: wait")
		w.line("    expected: 1h")
		w.line("  - id: sign-off")
		w.line("    manual:")
		w.line("      role: process-owner")
		w.line("      instructions: Handle one real case end to end")
		w.line("    expected: 4h")
	}
}

// writeTrivialSteps writes steps whose work is negligible, so that a drill
// measures the engine: scheduling, timers, history, children.
func writeTrivialSteps(w *writer) {
	w.line("  - {id: switch, action: command, command: [\"true\"]}")
	w.line("  - {id: settle, action: wait, expected: 1h}")
	w.line("  - {id: verify, action: command, command: [\"true\"]}")
	w.line("  - id: sign-off")
	w.line("    manual: {role: process-owner, instructions: Handle one real case end to end}")
	w.line("    expected: 1h")
}

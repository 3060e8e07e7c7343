package gen

import (
	"fmt"
	"math/rand/v2"
)

// supplier is a generated supplier. weight is its share of the SaaS applications
// (0: it runs no SaaS).
type supplier struct {
	id, name, jurisdiction string
	subprocessors          []string
	contract               bool
	weight                 float64
}

// namedSuppliers are the suppliers of the source report, the hyperscalers behind
// them and European hosting providers that hold backups and alternatives. Every
// subprocessor is defined earlier in the list, so subprocessors are acyclic.
var namedSuppliers = []supplier{
	{id: "own", name: Organisation + " (own data centre)", jurisdiction: "NL"},
	{id: "microsoft", name: "Microsoft (Azure, Microsoft 365)", jurisdiction: "US", contract: true, weight: 1.0 / 5},
	{id: "aws", name: "Amazon Web Services", jurisdiction: "US", contract: true},
	{id: "oracle", name: "Oracle Cloud", jurisdiction: "US", contract: true, weight: 1.0 / 8},
	{id: "google", name: "Google Cloud", jurisdiction: "US", contract: true, weight: 1.0 / 8},
	{id: "kpn", name: "KPN (hosting and technical application management)", jurisdiction: "NL", contract: true},
	{id: "sogeti", name: "Sogeti (workplace)", jurisdiction: "FR", subprocessors: []string{"microsoft"}, contract: true},
	{id: "salesforce", name: "Salesforce (CRM)", jurisdiction: "US", subprocessors: []string{"aws", "oracle"}, contract: true, weight: 1},
	{id: "sap", name: "SAP (ERP)", jurisdiction: "DE", subprocessors: []string{"microsoft"}, contract: true, weight: 1.0 / 2},
	{id: "centric", name: "Centric", jurisdiction: "NL", subprocessors: []string{"microsoft"}, contract: true, weight: 1.0 / 3},
	{id: "pinkroccade", name: "PinkRoccade Local Government", jurisdiction: "NL", subprocessors: []string{"kpn"}, contract: true, weight: 1.0 / 4},
	{id: "proximus", name: "Proximus NXT (network)", jurisdiction: "BE", contract: true},
	{id: "accenture", name: "Accenture (security)", jurisdiction: "IE", subprocessors: []string{"microsoft"}, contract: true},
	{id: "ovhcloud", name: "OVHcloud", jurisdiction: "FR"},
	{id: "ionos", name: "IONOS Cloud", jurisdiction: "DE"},
}

var jurisdictions = []string{"NL", "US", "DE", "FR", "BE", "IE"}

// vendorHosting are the platforms generated SaaS vendors run on: mostly a
// hyperscaler, sometimes a European provider, sometimes another SaaS platform
// (which makes the chain of fourth parties two deep), sometimes their own.
var vendorHosting = [][]string{
	{"aws"}, {"aws"}, {"microsoft"}, {"microsoft"}, {"google"}, {"oracle"},
	{"aws", "google"}, {"ovhcloud"}, {"ionos"}, {"salesforce"}, nil,
}

// suppliers returns the named suppliers followed by n-len(named) SaaS vendors.
func suppliers(rng *rand.Rand, n int) []supplier {
	out := make([]supplier, 0, n)
	out = append(out, namedSuppliers...)
	for i := len(out); i < n; i++ {
		k := i - len(namedSuppliers) + 1
		out = append(out, supplier{
			id:            fmt.Sprintf("vendor-%03d", k),
			name:          fmt.Sprintf("SaaS vendor %d", k),
			jurisdiction:  jurisdictions[k%len(jurisdictions)],
			subprocessors: pick(rng, vendorHosting),
			contract:      chance(rng, 0.7),
			weight:        1 / float64(k+4),
		})
	}
	return out
}

func writeSuppliers(o Options, sups []supplier) []byte {
	w := newWriter(o, len(sups)*200)
	w.catalogHeader()
	w.line("suppliers:")
	for _, s := range sups {
		w.str("  - id: ").scalar(s.id).nl()
		w.str("    name: ").scalar(s.name).nl()
		w.str("    jurisdiction: ").scalar(s.jurisdiction).nl()
		if len(s.subprocessors) > 0 {
			w.str("    subprocessors: ").list(s.subprocessors).nl()
		}
		if s.contract {
			w.line("    contract: {noticePeriod: 90d, exitAssistance: 180d}")
		}
	}
	return w.bytes()
}

// saasPicker chooses the supplier of a SaaS application by weight: a few big
// vendors (Salesforce, SAP, Centric) run many applications, a long tail few.
type saasPicker struct {
	ids   []string
	cumul []float64
}

func newSaaSPicker(sups []supplier) *saasPicker {
	p := &saasPicker{}
	total := 0.0
	for _, s := range sups {
		if s.weight > 0 {
			total += s.weight
			p.ids = append(p.ids, s.id)
			p.cumul = append(p.cumul, total)
		}
	}
	return p
}

func (p *saasPicker) pick(rng *rand.Rand) string {
	x := rng.Float64() * p.cumul[len(p.cumul)-1]
	lo, hi := 0, len(p.cumul)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if p.cumul[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return p.ids[lo]
}

package importer

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
)

// Service is an ICT service of the register of information, as an import
// made it an application: the keys of its B_07.01 row.
type Service struct {
	Application string // the catalog's id
	Contract    string // B_07.01.0010: the arrangement
	Provider    string // B_07.01.0020: the provider's identification code
	CodeType    string // B_07.01.0030: the type of that code
	Type        string // B_07.01.0040: the type of ICT services, eba_TA:S..
}

// RegisterServices returns the ICT services a dora-roi import wrote into
// dir, from the state it left there; an error when it left none.
func RegisterServices(ctx context.Context, dir string) ([]Service, error) {
	st, err := readState(ctx, dir)
	if err != nil {
		return nil, err
	}
	var out []Service
	for _, r := range st.Records {
		if r.Kind == Application && r.Attrs[AttrContract] != "" {
			out = append(out, Service{Application: r.ID, Contract: r.Attrs[AttrContract], Type: r.Attrs[AttrService],
				Provider: r.Attrs[AttrProvider], CodeType: r.Attrs[AttrCodeType]})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no catalog imported from a register of information (exitdrill import --preset dora-roi writes the arrangements in %s)", dir, StateFile)
	}
	slices.SortFunc(out, func(a, b Service) int {
		return cmp.Or(cmp.Compare(a.Contract, b.Contract), cmp.Compare(a.Type, b.Type))
	})
	return out, nil
}

// B0701Row is what verified drills say about one row of B_07.01: the
// register's keys, the two columns drills can answer — an exit plan exists
// (c0080), alternatives are identified (c0110, c0120) — and, beyond the
// register's columns, when each was last tested and by which drills.
type B0701Row struct {
	Service
	ExitPlan          bool      // an exitplan.current check passed
	ExitPlanTested    time.Time // the last drill whose exitplan.export check passed
	Alternatives      []string  // the suppliers of alternatives a hosting check reached
	AlternativeTested time.Time // the last drill whose hosting check of an alternative passed
	LastTest          time.Time // the last drill that proved anything of this row
	Evidence          []string  // those drills' bundles
}

// B0701 fills a row per service from the bundles, which must have been
// verified and signed by a trusted key: only checks that passed, in drills
// that were not aborted, of the catalog's organisation, count. skipped says
// which bundles did not count and why.
func B0701(c *catalog.Catalog, services []Service, bundles []*evidence.Bundle, names map[*evidence.Bundle]string) (rows []B0701Row, skipped map[string]string) {
	skipped = map[string]string{}
	byApp := map[string]*B0701Row{}
	rows = make([]B0701Row, len(services))
	for i, s := range services {
		rows[i] = B0701Row{Service: s}
		byApp[s.Application] = &rows[i]
	}
	for _, b := range bundles {
		name := names[b]
		switch {
		case b.Result == nil || b.Plan == nil:
			skipped[name] = "no drill result"
			continue
		case b.Result.Abort != nil:
			skipped[name] = "the drill was aborted: it proves nothing"
			continue
		case b.Plan.Organisation != c.Organisation:
			skipped[name] = fmt.Sprintf("a drill of %q, not of %q", b.Plan.Organisation, c.Organisation)
			continue
		}
		at := b.Result.Finished
		if at.IsZero() {
			at = b.Result.Started
		}
		for _, p := range b.Result.Processes {
			for _, st := range p.Steps {
				if st.Status == drill.StepPassed && !st.Rollback {
					prove(c, byApp, st, at, name)
				}
			}
		}
	}
	return rows, skipped
}

// prove records what one passed step proves.
func prove(c *catalog.Catalog, byApp map[string]*B0701Row, st *drill.StepResult, at time.Time, bundle string) {
	var row *B0701Row
	switch st.Kind {
	case drill.ExitPlanCurrent, drill.ExitPlanExport:
		if row = byApp[st.Target]; row == nil {
			return
		}
		if st.Kind == drill.ExitPlanCurrent {
			row.ExitPlan = true
		} else {
			row.ExitPlanTested = latest(row.ExitPlanTested, at)
		}
	case drill.HostingHealthy, drill.HostingTLS:
		alt, app := c.Alternative(st.Target)
		if alt == nil || app == nil || byApp[app.ID] == nil {
			return
		}
		row = byApp[app.ID]
		name := alt.Supplier
		if s := c.Supplier(alt.Supplier); s != nil && s.Name != "" {
			name = s.Name
		}
		if !slices.Contains(row.Alternatives, name) {
			row.Alternatives = append(row.Alternatives, name)
		}
		row.AlternativeTested = latest(row.AlternativeTested, at)
	default:
		return
	}
	row.LastTest = latest(row.LastTest, at)
	if bundle != "" && !slices.Contains(row.Evidence, bundle) {
		row.Evidence = append(row.Evidence, bundle)
	}
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

package importer

import (
	"fmt"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// Why a function's owner and MTPD are placeholders.
const (
	whyOwner = "the register names no owner of the function: write the department or role that owns the process"
	whyMTPD  = "the register has no maximum tolerable period of disruption (MTPD): write it, at least the rto"
)

// functions makes a process of each function, with its RTO and RPO.
func (d *dora) functions() {
	t := d.table("B_06.01", b0601Function, b0601RTO, b0601RPO)
	if t == nil {
		return
	}
	for _, row := range t.Records {
		fid := t.get(row, b0601Function)
		if fid == "" {
			d.probs.Add(t.at(row, b0601Function), "F1, F2, ...", "the function identifier is empty")
			continue
		}
		key := "function:" + fid
		if prev := d.res.Find(Process, key); prev != nil {
			d.probs.Add(t.at(row, b0601Function), "each function once", "function %q is also on %s", fid, prev.Origin.RowLoc())
			continue
		}
		name := t.get(row, b0601Name)
		if name == "" {
			name = fid
		}
		p := d.res.Add(&Record{Kind: Process, Key: key, Want: Slug(name), Origin: t.Loc(row, -1)})
		p.Set("name", name)
		p.Note("function %s (B_06.01)", fid)
		p.Todo("owner", whyOwner)
		d.critical(t, row, p)
		p.Todo("mtpd", whyMTPD)
		d.objective(t, row, p, b0601RTO, "rto", "RTO")
		d.objective(t, row, p, b0601RPO, "rpo", "RPO")
		if impact := roiImpact[t.get(row, b0601Discontinue)]; impact != "" {
			p.Note("impact of discontinuing the function: %s", impact)
		}
	}
}

// critical sets critical from the criticality assessment.
func (d *dora) critical(t *roiTable, row table.Row, p *Record) {
	cell := t.get(row, b0601Critical)
	switch v, ok := roiYesNo(cell); {
	case cell == "":
	case !ok:
		d.probs.Add(t.at(row, b0601Critical), roiYesNoAllowed, "criticality %q is not yes, no or not assessed", cell)
	case v == "not assessed":
		p.Note("the register says the criticality was not assessed: critical is left to its default, true")
	default:
		p.SetBool("critical", v == "yes")
	}
}

// objective sets an RTO or RPO, reported in whole hours; 0 means not defined.
func (d *dora) objective(t *roiTable, row table.Row, p *Record, code, key, label string) {
	cell := t.get(row, code)
	if cell == "" || cell == "0" {
		p.Todo(key, "the register reports no "+label+" for this function (0 or empty: not defined)")
		return
	}
	dur, err := ParseDuration(cell, time.Hour)
	if err != nil {
		d.probs.Add(t.at(row, code), `a whole number of hours, as the register reports it (1 for less than an hour, 0 for not defined); also "4 uur", "2 dagen", 4h`,
			"%s %q is not a duration", label, cell)
		return
	}
	p.Set(key, dur.String())
}

// services makes an application of each type of ICT service an arrangement
// provides, and links the functions it supports to it.
func (d *dora) services() {
	t := d.table("B_02.02", b0202Contract, b0202Provider, b0202Function, b0202Service)
	if t == nil {
		return
	}
	for _, row := range t.Records {
		contract := t.get(row, b0202Contract)
		if contract == "" {
			d.probs.Add(t.at(row, b0202Contract), "the arrangement's reference number (B_02.01)", "the contractual arrangement reference number is empty")
			continue
		}
		prov, okProv := d.provider(t, row, b0202Provider)
		fn := d.res.Find(Process, "function:"+t.get(row, b0202Function))
		if fn == nil {
			d.probs.Add(t.at(row, b0202Function), "the identifier of a function in B_06.01", "function %q is not in B_06.01", t.get(row, b0202Function))
		}
		svc, okSvc := roiService(t.get(row, b0202Service))
		if !okSvc {
			d.probs.Add(t.at(row, b0202Service), "eba_TA:S01 ... eba_TA:S19 (Annex III)", "type of ICT services %q is not one of Annex III", t.get(row, b0202Service))
		}
		if !okProv || fn == nil || !okSvc {
			continue
		}
		app := d.application(t, row, contract, prov, svc)
		fn.AddRef("applications", Application, app.Key)
	}
	for _, p := range d.res.Of(Process) {
		if _, ok := p.Get("applications"); !ok {
			p.Todos = append(p.Todos, Todo{Key: "applications", List: true,
				Why: "no arrangement in B_02.02 supports this function: list the applications the process needs"})
		}
	}
}

// application returns the application of an arrangement's ICT service,
// made on its first row.
func (d *dora) application(t *roiTable, row table.Row, contract, prov, svc string) *Record {
	key := "service:" + contract + "|" + svc
	if a := d.res.Find(Application, key); a != nil {
		return a
	}
	s := d.res.Find(Supplier, prov)
	supplierName, _ := s.Get("name")
	info := roiServices[svc]
	a := d.res.Add(&Record{Kind: Application, Key: key, Want: s.Want + "-" + Slug(info.short), Origin: t.Loc(row, -1)})
	a.Set("name", fmt.Sprintf("%s %s (arrangement %s)", supplierName.Text, info.short, contract))
	if info.model != "" {
		a.Set("model", info.model)
	}
	a.SetRef("supplier", Supplier, prov)
	a.Attr(AttrContract, contract)
	a.Attr(AttrService, "eba_TA:"+svc)
	a.Attr(AttrProvider, s.Attrs[AttrProvider])
	a.Attr(AttrCodeType, s.Attrs[AttrCodeType])
	a.Note("arrangement %s, type of ICT services eba_TA:%s, %s (B_02.02)", contract, svc, info.label)
	a.Note("TODO: the register holds no backups or endpoints: add backups, and alternatives with a health URL, so that a drill can check them")
	return a
}

// assessments comment on the applications what B_07.01 says about exit
// plans and alternative providers: the catalog's exitPlan and alternatives
// need more than yes or no (a document, an owner, a target, a health URL).
func (d *dora) assessments() {
	t := d.table("B_07.01", b0701Contract, b0701Service, b0701ExitPlan)
	if t == nil {
		return
	}
	skipped := 0
	for _, row := range t.Records {
		svc, _ := roiService(t.get(row, b0701Service))
		a := d.res.Find(Application, "service:"+t.get(row, b0701Contract)+"|"+svc)
		if a == nil {
			skipped++
			continue
		}
		where := t.Loc(row, -1)
		switch v, ok := roiYesNo(t.get(row, b0701ExitPlan)); {
		case !ok && t.get(row, b0701ExitPlan) != "":
			d.probs.Add(t.at(row, b0701ExitPlan), roiYesNoAllowed, "existence of an exit plan %q is not yes or no", t.get(row, b0701ExitPlan))
		case v == "yes":
			a.Note("exit plan: yes (%s). TODO: add exitPlan (document, owner, reviewed, target) so that exitplan.current checks it", where)
		case v == "no":
			a.Note("exit plan: none, says %s", where)
		}
		alt := t.get(row, b0701Alternative)
		switch v, ok := roiYesNo(t.get(row, b0701Alternatives)); {
		case !ok && t.get(row, b0701Alternatives) != "":
			d.probs.Add(t.at(row, b0701Alternatives), roiYesNoAllowed, "alternative providers identified %q is not yes, no or not assessed", t.get(row, b0701Alternatives))
		case v == "yes":
			a.Note("alternative providers: yes, %q (%s). TODO: add it under alternatives, with a health URL, to drill the switch", alt, where)
		case v != "":
			a.Note("alternative providers: %s (%s)", v, where)
		}
	}
	if skipped > 0 {
		d.res.Notes = append(d.res.Notes, fmt.Sprintf("B_07.01: %d assessments skipped: their arrangement and type of ICT service support no function in B_02.02", skipped))
	}
}

// unsupported says which templates of the register the import left out.
func (d *dora) unsupported() {
	d.res.Notes = append(d.res.Notes, "not imported: B_01.02, B_01.03 and B_04.01 (the group's entities: a catalog describes one organisation), B_02.01 and B_03.x (amounts and signatories)")
}

// roiYesNoAllowed says what roiYesNo accepts.
const roiYesNoAllowed = "eba_BT:x28 (yes), eba_BT:x29 (no), eba_BT:x21 (assessment not performed), or Yes, No"

// roiYesNo reads LISTBINARY and LIST0601050 codes and their labels: "yes",
// "no" or "not assessed".
func roiYesNo(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case strings.ToLower(roiYes):
		return "yes", true
	case strings.ToLower(roiNo):
		return "no", true
	case strings.ToLower(roiNotAssessed), "assessment not performed", "not assessed":
		return "not assessed", true
	}
	if v, ok := ParseBool(s); ok {
		if v {
			return "yes", true
		}
		return "no", true
	}
	return "", false
}

// roiService reads a type of ICT services: eba_TA:S19 or S19.
func roiService(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, ":"); i >= 0 && strings.EqualFold(s[:i], "eba_TA") {
		s = s[i+1:]
	}
	s = strings.ToUpper(s)
	_, ok := roiServices[s]
	return s, ok
}

package importer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// DORAROI reads the dora-roi preset: one DORA register of information, as an
// xBRL-CSV report package (.zip) or as the Excel template (.xlsx). Providers
// (B_05.01) become suppliers with their jurisdiction, the supply chain
// (B_05.02) their subprocessors, the arrangements' ICT services (B_02.02)
// applications, functions (B_06.01) processes with their RTO and RPO, and the
// assessment (B_07.01) comments on the applications. What the register does
// not hold — an MTPD, a process owner — is written as a placeholder that
// validate names; backups and endpoints as a TODO comment.
func DORAROI(ctx context.Context, paths []string, opt Options) (*Result, error) {
	var probs Problems
	res := &Result{Organisation: opt.Organisation, Source: sourceName(paths, "preset dora-roi")}
	ins := readInputs(ctx, paths, opt.Limits, &probs)
	if len(paths) != 1 {
		probs.Add(table.Loc{File: sourceName(paths, "")}, "one register: a .zip report package or an .xlsx workbook", "the dora-roi preset reads one register, not %d files", len(paths))
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	var tables map[string]*roiTable
	switch in := ins[0]; in.ext() {
	case "zip":
		tables = readROIPackage(in, opt.Limits, &probs, res)
	case "xlsx", "xlsm":
		tables = readROIWorkbook(in, opt.Limits, &probs)
	default:
		probs.Add(table.Loc{File: in.name}, "an xBRL-CSV report package (.zip) or the Excel template (.xlsx)", "not a register this preset reads")
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	d := &dora{res: res, probs: &probs, t: tables, providers: newNames("provider")}
	d.organisation()
	d.readProviders()
	d.supplyChain()
	d.functions()
	d.services()
	d.assessments()
	d.unsupported()
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// dora maps the templates of one register to records.
type dora struct {
	res       *Result
	probs     *Problems
	t         map[string]*roiTable
	providers *names
}

// table returns a template that has every one of codes; a template that is
// missing a column is refused at its header.
func (d *dora) table(id string, codes ...string) *roiTable {
	t := d.t[id]
	if t == nil {
		return nil
	}
	for _, c := range codes {
		if _, ok := t.col(c); !ok {
			d.probs.Add(t.HeaderLoc(-1), "the template's column codes", "%s has no column %s", id, c)
			return nil
		}
	}
	return t
}

func (d *dora) organisation() {
	if t := d.table("B_01.01", b0101Name); t != nil && len(t.Records) > 0 && d.res.Organisation == "" {
		d.res.Organisation = t.get(t.Records[0], b0101Name)
	}
}

// readProviders makes a supplier of each ICT third-party service provider.
func (d *dora) readProviders() {
	t := d.table("B_05.01", b0501Code, b0501Name)
	if t == nil {
		return
	}
	for _, row := range t.Records {
		code := t.get(row, b0501Code)
		if code == "" {
			d.probs.Add(t.at(row, b0501Code), "the provider's LEI or other code", "the provider's identification code is empty")
			continue
		}
		key := "provider:" + code
		if prev := d.res.Find(Supplier, key); prev != nil {
			d.probs.Add(t.at(row, b0501Code), "each provider once", "provider %q is also on %s", code, prev.Origin.RowLoc())
			continue
		}
		name := t.get(row, b0501Name)
		if latin := t.get(row, b0501Latin); name == "" {
			name = latin
		}
		if name == "" {
			d.probs.Add(t.at(row, b0501Name), "", "provider %q has no name", code)
			continue
		}
		s := d.res.Add(&Record{Kind: Supplier, Key: key, Want: Slug(name), Origin: t.Loc(row, -1)})
		s.Set("name", name)
		d.providers.add(key, code)
		s.Note("provider code %s%s (B_05.01)", code, codeType(t.get(row, b0501CodeType)))
		s.Attr(AttrProvider, code)
		s.Attr(AttrCodeType, t.get(row, b0501CodeType))
		cell := t.get(row, b0501Country)
		switch cc, ok := ParseCountry(cell); {
		case !ok:
			d.probs.Add(t.at(row, b0501Country), CountryAllowed, "country %q is not an ISO 3166-1 alpha-2 code", cell)
		case cc != "":
			s.Set("jurisdiction", cc)
		}
	}
}

// codeType names the type of a provider code, as " (LEI)".
func codeType(t string) string {
	switch t {
	case roiCodeTypeLEI, "LEI":
		return " (LEI)"
	case roiCodeTypeEUID, "EUID":
		return " (EUID)"
	case "":
		return ""
	}
	return " (" + t + ")"
}

// provider returns the supplier key of the provider code in a cell, recording
// a problem when B_05.01 does not list it.
func (d *dora) provider(t *roiTable, row table.Row, code string) (string, bool) {
	cell := t.get(row, code)
	key, ok := d.providers.find(cell)
	if !ok {
		d.probs.Add(t.at(row, code), "the identification code of a provider in B_05.01", "provider %q is not in B_05.01", cell)
	}
	return key, ok
}

// supplyChain gives each provider its subcontractors (rank > 1) as
// subprocessors: losing a subcontractor takes the provider down with it.
func (d *dora) supplyChain() {
	t := d.table("B_05.02", b0502Provider, b0502Rank, b0502Recipient)
	if t == nil {
		return
	}
	for _, row := range t.Records {
		sub, ok := d.provider(t, row, b0502Provider)
		if !ok {
			continue
		}
		rank, err := strconv.Atoi(t.get(row, b0502Rank))
		if err != nil || rank < 1 {
			d.probs.Add(t.at(row, b0502Rank), "1 for the direct provider, 2 for its subcontractor, and so on", "rank %q is not a whole number of 1 or more", t.get(row, b0502Rank))
			continue
		}
		if rank == 1 {
			continue
		}
		if t.get(row, b0502Recipient) == "" {
			d.probs.Add(t.at(row, b0502Recipient), "the code of the provider, of rank one less, that receives the subcontracted service", "a subcontractor of rank %d needs the recipient", rank)
			continue
		}
		recipient, ok := d.provider(t, row, b0502Recipient)
		if !ok {
			continue
		}
		if recipient == sub {
			d.probs.Add(t.at(row, b0502Recipient), "another provider", "a provider cannot subcontract to itself")
			continue
		}
		d.res.Find(Supplier, recipient).AddRef("subprocessors", Supplier, sub)
	}
}

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

// The facts of the register the import keeps in its state for export roi.
const (
	AttrProvider = "provider" // the provider's identification code (B_05.01.0010)
	AttrCodeType = "codeType" // the type of that code (B_05.01.0020)
	AttrContract = "contract" // an application's arrangement (B_02.02.0010)
	AttrService  = "service"  // an application's type of ICT services (B_02.02.0060)
)

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

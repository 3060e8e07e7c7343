package importer

import (
	"context"
	"strconv"

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

// organisation takes the organisation from B_01.01, unless it was given.
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

// The facts of the register the import keeps in its state for export roi.
const (
	AttrProvider = "provider" // the provider's identification code (B_05.01.0010)
	AttrCodeType = "codeType" // the type of that code (B_05.01.0020)
	AttrContract = "contract" // an application's arrangement (B_02.02.0010)
	AttrService  = "service"  // an application's type of ICT services (B_02.02.0060)
)

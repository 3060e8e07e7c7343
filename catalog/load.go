package catalog

import (
	"io/fs"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// Kinds are the document kinds a catalog directory may hold. Scenario documents
// are allowed beside a catalog and left to package scenarios.
var Kinds = []string{Kind, runbooks.Kind, scenarioKind}

// scenarioKind is scenarios.Kind, which this package cannot import.
const scenarioKind = "Scenario"

// Load reads the catalog and runbook documents under paths (files or directories)
// from fsys, merges and validates them. When anything is wrong it returns a
// *yamldoc.Invalid listing every problem; the catalog is then nil.
func Load(fsys fs.FS, paths ...string) (*Catalog, error) {
	var errs yamldoc.List
	parts := yamldoc.ReadPathsEach(fsys, paths, Kinds, &errs, decode)
	c := assemble(fsys, parts, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// FromDocuments decodes the Catalog and Runbook documents among docs, merges them
// into one catalog and validates it, recording problems in errs. Documents of
// other kinds are ignored. fsys is used to check that referenced files exist.
func FromDocuments(fsys fs.FS, docs []yamldoc.Document, errs *yamldoc.List) *Catalog {
	parts := make([]decoded, len(docs))
	for i, d := range docs {
		parts[i] = decode(d, errs)
	}
	return assemble(fsys, parts, errs)
}

// decoded is one decoded document: a catalog document or a runbook, or neither
// for documents of other kinds.
type decoded struct {
	file     string
	doc      *Document
	rb       *runbooks.Runbook
	scenario bool
}

// decode decodes one document on its own; [Load] runs it in parallel, in the
// goroutine that parsed the file.
func decode(d yamldoc.Document, errs *yamldoc.List) decoded {
	switch d.Kind {
	case Kind:
		doc := new(Document)
		yamldoc.Decode(d, doc, "", errs)
		return decoded{file: d.File, doc: doc}
	case runbooks.Kind:
		rb := new(runbooks.Runbook)
		yamldoc.Decode(d, rb, yamldoc.RootPath(d), errs)
		return decoded{file: d.File, rb: rb}
	case scenarioKind:
		return decoded{file: d.File, scenario: true}
	}
	return decoded{}
}

// assemble merges decoded documents, in order, into one catalog and validates it.
func assemble(fsys fs.FS, parts []decoded, errs *yamldoc.List) *Catalog {
	c := &Catalog{Runbooks: map[string]*runbooks.Runbook{}}
	var rbs []*runbooks.Runbook
	seenFile := map[string]bool{}
	var orgSrc yamldoc.Source
	seenScenarioFile := map[string]bool{}
	for _, p := range parts {
		switch {
		case p.scenario:
			if !seenScenarioFile[p.file] {
				seenScenarioFile[p.file] = true
				c.ScenarioFiles = append(c.ScenarioFiles, p.file)
			}
			continue
		case p.doc != nil:
			c.merge(p.doc, &orgSrc, errs)
		case p.rb != nil:
			rbs = append(rbs, p.rb)
		default:
			continue
		}
		if !seenFile[p.file] {
			seenFile[p.file] = true
			c.Files = append(c.Files, p.file)
		}
	}
	for _, rb := range rbs {
		if prev, ok := c.Runbooks[rb.ID]; ok && rb.ID != "" {
			errs.AddAt(rb.Src, "id", rb.ID, "duplicate runbook id, first defined at "+prev.Src.At("id").String(), "each runbook id once")
			continue
		}
		c.Runbooks[rb.ID] = rb
	}
	c.index(errs)
	validate(fsys, c, rbs, errs)
	return c
}

func (c *Catalog) merge(doc *Document, orgSrc *yamldoc.Source, errs *yamldoc.List) {
	switch {
	case doc.Organisation == "":
	case c.Organisation == "":
		c.Organisation, *orgSrc = doc.Organisation, doc.Src
	case c.Organisation != doc.Organisation:
		errs.AddAt(doc.Src, "organisation", doc.Organisation,
			"catalog documents name different organisations; first was "+c.Organisation+" at "+orgSrc.At("organisation").String(),
			"one organisation per catalog")
	}
	c.Suppliers = append(c.Suppliers, doc.Suppliers...)
	c.Applications = append(c.Applications, doc.Applications...)
	c.Processes = append(c.Processes, doc.Processes...)
	c.Contacts = append(c.Contacts, doc.Contacts...)
	c.mergeExitPlanSections(doc, errs)
}

package catalog

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// mergeExitPlanSections takes a document's exitPlanSections; a catalog has
// one mapping, so a second document that gives one is an error.
func (c *Catalog) mergeExitPlanSections(doc *Document, errs *yamldoc.List) {
	s := doc.ExitPlanSections
	switch {
	case s == nil:
	case c.ExitPlanSections == nil:
		c.ExitPlanSections = s
	default:
		errs.Add(doc.Src.At("exitPlanSections"), "exitPlanSections", "",
			"exitPlanSections is already given at "+c.ExitPlanSections.Src.Pos.String(),
			"one exitPlanSections per catalog")
	}
}

// exitPlanSections checks the catalog's own exit-plan headings: each must
// hold a word, and a heading may count for one section only.
func (v *validator) exitPlanSections() {
	s := v.c.ExitPlanSections
	if s == nil {
		return
	}
	keys := make([]string, len(drill.ExitSections))
	for i, sec := range drill.ExitSections {
		keys[i] = sec.Key
	}
	first := map[string]string{} // heading, folded -> section key
	for _, sec := range drill.ExitSections {
		for i, h := range sec.Headings(s) {
			key := fmt.Sprintf("%s[%d]", sec.Key, i)
			folded := strings.Join(strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
			if strings.IndexFunc(folded, unicode.IsLetter) < 0 {
				v.errs.Add(s.Src.At(sec.Key), s.Src.Key(key), h, "a heading must hold a word",
					"the text of a heading in your exit plan template, such as \"Aanleiding voor vertrek\"")
				continue
			}
			if prev, ok := first[folded]; ok && prev != sec.Key {
				v.errs.Add(s.Src.At(sec.Key), s.Src.Key(key), h, "this heading is already given for section "+prev,
					"each heading for one of "+strings.Join(keys, ", "))
				continue
			}
			first[folded] = sec.Key
		}
	}
}

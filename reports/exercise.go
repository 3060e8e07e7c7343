package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// participants lists an exercise's participants for people: "Anna
// (process-owner), Piet".
func participants(e *drill.Exercise) string {
	var out []string
	for _, p := range e.Participants {
		out = append(out, p.String())
	}
	return strings.Join(out, ", ")
}

// observationLine is one observation for people: "2026-12-01 09:30:00 UTC
// anna at parkeren/restore: text"; in Dutch "1 december 2026 09:30:00 UTC
// anna bij parkeren/restore: text".
func observationLine(p *lang.Printer, o drill.Observation) string {
	where := ""
	if w := o.Where(); w != "" {
		where = " " + p.T("at") + " " + w
	}
	return fmt.Sprintf("%s %s%s: %s", mdTime(p, o.At), drill.Who(o.By, o.Account), where, o.Text)
}

// writeExerciseText writes the exercise and the observations of the text
// report; nothing when the drill has neither.
func writeExerciseText(w io.Writer, r *Report, p *lang.Printer) {
	if e := r.Exercise; !e.Empty() {
		if e.Hypothesis != "" {
			label := p.T("Hypothesis:")
			fmt.Fprintf(w, "%s %s\n", label, strings.ReplaceAll(e.Hypothesis, "\n", "\n"+strings.Repeat(" ", utf8.RuneCountInString(label)+1)))
		}
		if len(e.Participants) > 0 {
			fmt.Fprintf(w, "%s %s\n", p.T("Participants:"), participants(e))
		}
		if len(e.Facilitators) > 0 {
			fmt.Fprintf(w, "%s %s\n", p.T("Facilitators:"), strings.Join(e.Facilitators, ", "))
		}
	}
	if len(r.Observations) > 0 {
		fmt.Fprint(w, p.F("Observations (%d):\n", len(r.Observations)))
		for _, o := range r.Observations {
			fmt.Fprintf(w, "  - %s\n", strings.ReplaceAll(observationLine(p, o), "\n", "\n    "))
		}
	}
}

// writeExerciseMarkdown is writeExerciseText in Markdown list items.
func writeExerciseMarkdown(w io.Writer, r *Report, p *lang.Printer) {
	if e := r.Exercise; !e.Empty() {
		if e.Hypothesis != "" {
			fmt.Fprintf(w, "- %s %s\n", p.T("Hypothesis:"), mdLines(e.Hypothesis))
		}
		if len(e.Participants) > 0 {
			fmt.Fprintf(w, "- %s %s\n", p.T("Participants:"), md(participants(e)))
		}
		if len(e.Facilitators) > 0 {
			fmt.Fprintf(w, "- %s %s\n", p.T("Facilitators:"), md(strings.Join(e.Facilitators, ", ")))
		}
	}
	for _, o := range r.Observations {
		fmt.Fprintf(w, "- %s %s\n", p.T("Observation:"), mdLines(observationLine(p, o)))
	}
}

// exerciseOrNil is nil for an exercise that names nothing.
func exerciseOrNil(e *drill.Exercise) *drill.Exercise {
	if e.Empty() {
		return nil
	}
	return e
}

package reports

import (
	"fmt"
	"io"
	"strings"

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
// anna at parkeren/restore: text".
func observationLine(o drill.Observation) string {
	where := ""
	if w := o.Where(); w != "" {
		where = " at " + w
	}
	return fmt.Sprintf("%s %s%s: %s", timeText(o.At), drill.Who(o.By, o.Account), where, o.Text)
}

// writeExerciseText writes the exercise and the observations of the text
// report; nothing when the drill has neither.
func writeExerciseText(w io.Writer, r *Report) {
	if e := r.Exercise; !e.Empty() {
		if e.Hypothesis != "" {
			fmt.Fprintf(w, "Hypothesis: %s\n", strings.ReplaceAll(e.Hypothesis, "\n", "\n            "))
		}
		if len(e.Participants) > 0 {
			fmt.Fprintf(w, "Participants: %s\n", participants(e))
		}
		if len(e.Facilitators) > 0 {
			fmt.Fprintf(w, "Facilitators: %s\n", strings.Join(e.Facilitators, ", "))
		}
	}
	if len(r.Observations) > 0 {
		fmt.Fprintf(w, "Observations (%d):\n", len(r.Observations))
		for _, o := range r.Observations {
			fmt.Fprintf(w, "  - %s\n", strings.ReplaceAll(observationLine(o), "\n", "\n    "))
		}
	}
}

// writeExerciseMarkdown is writeExerciseText in Markdown list items, in
// the printer's language.
func writeExerciseMarkdown(w io.Writer, r *Report, p *lang.Printer) {
	if e := r.Exercise; !e.Empty() {
		if e.Hypothesis != "" {
			fmt.Fprint(w, p.F("- Hypothesis: %s\n", mdLines(e.Hypothesis)))
		}
		if len(e.Participants) > 0 {
			fmt.Fprint(w, p.F("- Participants: %s\n", md(participants(e))))
		}
		if len(e.Facilitators) > 0 {
			fmt.Fprint(w, p.F("- Facilitators: %s\n", md(strings.Join(e.Facilitators, ", "))))
		}
	}
	for _, o := range r.Observations {
		fmt.Fprint(w, p.F("- Observation: %s\n", mdLines(observationLine(o))))
	}
}

// exerciseOrNil is nil for an exercise that names nothing.
func exerciseOrNil(e *drill.Exercise) *drill.Exercise {
	if e.Empty() {
		return nil
	}
	return e
}

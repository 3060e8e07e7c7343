package console

import (
	"strings"

	"github.com/exitdrill/exitdrill/drill"
)

// exercise is the start form's exercise: the hypothesis, a participant
// ("Name:role") and a facilitator a line; nil when none is given. The text
// is checked by drillops.Prepare.
func (f startForm) exercise() (*drill.Exercise, error) {
	e := &drill.Exercise{Hypothesis: strings.TrimSpace(strings.ReplaceAll(f.Hypothesis, "\r\n", "\n"))}
	for _, line := range formLines(f.Participants) {
		p, err := drill.ParseParticipant(line)
		if err != nil {
			return nil, err
		}
		e.Participants = append(e.Participants, p)
	}
	e.Facilitators = formLines(f.Facilitators)
	if e.Empty() {
		return nil, nil
	}
	return e, nil
}

// formLines are the non-empty lines of a textarea, trimmed.
func formLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

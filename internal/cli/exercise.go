package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
)

// exerciseFlags are the exercise around a drill that `run` records:
// --hypothesis, --participant (repeatable) and --facilitator (repeatable).
type exerciseFlags struct {
	Hypothesis   string
	Participants []string
	Facilitators []string
}

func (f *exerciseFlags) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.Hypothesis, "hypothesis", "", `what the drill sets out to show, for the evidence ("payments continue within 48 h without SAP")`)
	cmd.Flags().StringArrayVar(&f.Participants, "participant", nil, `a person taking part, "NAME:ROLE" (repeatable)`)
	cmd.Flags().StringArrayVar(&f.Facilitators, "facilitator", nil, "a person facilitating the exercise (repeatable)")
}

// exercise is the drill.Exercise the flags give, nil when none was given;
// a participant without a name is exit 2. The rest is checked by
// drillops.Prepare.
func (f *exerciseFlags) exercise() (*drill.Exercise, error) {
	e := &drill.Exercise{Hypothesis: strings.TrimSpace(f.Hypothesis)}
	for _, p := range f.Participants {
		pp, err := drill.ParseParticipant(p)
		if err != nil {
			return nil, withCode(ExitInvalid, err)
		}
		e.Participants = append(e.Participants, pp)
	}
	for _, name := range f.Facilitators {
		e.Facilitators = append(e.Facilitators, strings.TrimSpace(name))
	}
	if e.Empty() {
		return nil, nil
	}
	return e, nil
}

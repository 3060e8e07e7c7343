package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/exitdrill/exitdrill/drill"
)

// observations are the observations a Drill records (UpdateObserve): they
// go into its result, and so into the evidence, and are carried over when
// it continues as new. Registering the handler adds no command: drills
// started before it replay unchanged.
type observations struct {
	plan  *drill.Plan
	list  []drill.Observation
	ended bool // the drill is being finished: no more observations
}

// register sets the UpdateObserve handler with its validator.
func (o *observations) register(ctx workflow.Context) error {
	return workflow.SetUpdateHandlerWithOptions(ctx, drill.UpdateObserve,
		func(ctx workflow.Context, in drill.Observe) (drill.Observation, error) {
			if err := o.validate(in); err != nil { // checked again: two updates in one task
				return drill.Observation{}, err
			}
			rec := drill.Observation{At: workflow.Now(ctx).UTC(), Observe: in}
			o.list = append(o.list, rec)
			return rec, nil
		},
		workflow.UpdateHandlerOptions{Validator: o.validate})
}

// validate rejects an observation before it enters the history.
func (o *observations) validate(in drill.Observe) error {
	if o.ended {
		return fmt.Errorf("drill %s has ended: observations are added while it runs; record what you saw in the after-action review (exitdrill review)", o.plan.DrillID)
	}
	if len(o.list) >= drill.MaxObservations {
		return fmt.Errorf("drill %s has %d observations, the most one drill records", o.plan.DrillID, drill.MaxObservations)
	}
	return in.Check(o.plan)
}

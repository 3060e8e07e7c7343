package workflows

import (
	"go.temporal.io/sdk/workflow"
)

// endNotices ends a manual step's notices when the step ends. Runs from
// changeStepNoticesBeside on do not wait for the deliveries still under
// way (a channel that is down and being retried): the step's result goes
// on at once, and the deliveries finish beside the steps that follow, their
// outcomes still appended to the step's events; settleNotices waits for them
// before the Process's result. Earlier runs waited here.
func (p *processRun) endNotices(ctx workflow.Context, n *notices) {
	if n == nil {
		return
	}
	n.over = true // held messages are stale now: they are dropped
	if n.pending > 0 && workflow.GetVersion(ctx, changeStepNoticesBeside, workflow.DefaultVersion, 1) == 1 {
		p.beside = append(p.beside, n)
		return
	}
	n.wait(ctx)
}

// settleNotices waits for the deliveries of the steps' messages that went
// on beside the steps (endNotices), so that their outcomes are in the
// Process's result or carried over a continue-as-new. Their retries are
// bounded; after an abort the cancelled activities end at once.
func (p *processRun) settleNotices(ctx workflow.Context) {
	for _, n := range p.beside {
		n.settle(ctx)
	}
	p.beside = nil
}

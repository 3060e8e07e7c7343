package workflows

// Change ids for workflow.GetVersion. A drill may run for a month and survive
// worker upgrades, so every change to a workflow's command sequence (activities,
// timers, children, search attribute upserts, in what order) goes behind
// GetVersion with one of these ids, and TestReplayRecordedHistories replays the
// histories recorded before the change (workflows/testdata/histories). Never
// reuse or remove an id while drills started before it may still be running.
const (
	// changeStatusOnAbort: an aborted Drill sets ExitdrillStatus=aborting at once.
	changeStatusOnAbort = "status-on-abort"
	// changeIndependentBranches: after a failed step, branches that do not depend
	// on it still run.
	changeIndependentBranches = "independent-branches"
	// changeEvidenceBundle: a Drill writes its evidence bundle at the end.
	changeEvidenceBundle = "evidence-bundle"
	// changeScaledRetry: in compressed and tabletop mode a step's retry
	// window runs on the scenario clock (every and for divided by the time
	// scale), and the waits between attempts count as scenario time.
	changeScaledRetry = "scaled-retry"
	// changeNotify: a manual step runs a Notify activity per delivery when
	// it starts waiting and when it passes its expected time, for drills
	// whose options ask for notifications (the version marker is recorded
	// only then).
	changeNotify = "notify"
	// changeNotifyEvents: notifications honour the contacts' quiet hours
	// (a side effect per person who has them), a manual step past its limit
	// tells its role, the deputy and the continuity manager, and a Drill
	// tells of its start, abort and end (for drills whose options ask for
	// notifications; the version marker is recorded only then).
	changeNotifyEvents = "notify-events"
	// changeInjects: a Drill delivers the scenario's injects at their
	// scenario times and takes acknowledgements (for drills whose plan has
	// injects; the version marker is recorded only then).
	changeInjects = "injects"
	// changeHeldHandover: a Drill that ends (or continues as new) while a
	// message of its own is held by quiet hours does not wait for them: it
	// starts a HeldNotices child that outlives it and sends the message
	// when they end (the marker is recorded only when a message is held).
	changeHeldHandover = "held-handover"
	// changeEndRetries: a Drill makes one attempt at each delivery of its
	// end summary; one that fails in a way a retry may mend goes to the
	// HeldNotices child to be retried (the marker is recorded only for
	// drills that notify).
	changeEndRetries = "end-retries"
	// changeStepNoticesBeside: a manual step whose messages are still
	// being delivered when it ends (a channel down, retries under way)
	// does not wait for them: its result goes on at once, the deliveries
	// finish beside the steps that follow, and the Process waits for them
	// (their outcomes among the step's events) before its result or a
	// continue-as-new. The marker is recorded only when a step ends with
	// deliveries under way.
	changeStepNoticesBeside = "step-notices-beside"
	// changeLostWorkerInconclusive: a step whose every attempt ended by
	// heartbeat timeout (its worker killed, or cut off from the server) is
	// inconclusive, not failed: our environment, not the supplier's loss.
	// The marker is recorded only when that happens.
	changeLostWorkerInconclusive = "lost-worker-inconclusive"
	// changeProcessSummaries: the Drill keeps of each finished process its
	// summary (drill.ProcessResult.Summary), the steps staying in the
	// Process child's result, so that its carried state, its evidence
	// step's input and its result grow with its processes, not its steps.
	// The marker is recorded when the first child ends with a result.
	changeProcessSummaries = "process-summaries"
)

package console

import (
	"context"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
)

// The review of a drill (/drills/review) also has a worker preflight it, as
// exitdrill run does before T0, so that a continuity manager sees the steps
// the worker cannot attempt before pressing Start. The review never waits
// for a worker: when no worker polls, or none answers in time, it says so
// in words and still shows the drill; Start preflights again and starts
// nothing while a step cannot be attempted.

// reviewCheck is the preflight as the review shows it.
type reviewCheck struct {
	// NotRun says why the preflight could not run; the rest is then empty.
	NotRun string
	// Steps are the automated steps examined, Bad those the worker cannot
	// attempt, each with its problems in Problems.
	Steps, Bad int
	Problems   []drill.PreflightProblem
	// Tools are the programs the steps need, as the worker has them.
	Tools string
}

// reviewPreflightTimeout bounds the review's preflight: a worker answers in
// well under a second, and the page is not kept waiting for one that does
// not.
const reviewPreflightTimeout = 10 * time.Second

// reviewPreflight has a worker examine the prepared drill's automated steps
// without performing them.
func (c *Console) reviewPreflight(ctx context.Context, p drillops.Prepared) *reviewCheck {
	ctx, cancel := context.WithTimeout(ctx, reviewPreflightTimeout)
	defer cancel()
	out, err := c.o.Backend.Preflight(ctx, p.Options, p.Plan)
	if err != nil {
		return &reviewCheck{NotRun: err.Error()}
	}
	rc := &reviewCheck{Steps: out.Steps, Bad: out.Steps - out.Ready(), Problems: out.Problems}
	var tools []string
	for _, t := range out.Tools {
		tools = append(tools, t.String())
	}
	rc.Tools = strings.Join(tools, "; ")
	return rc
}

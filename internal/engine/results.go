package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/drill"
)

// fillParallel bounds the reads FillResult has under way at once: enough to
// read a drill of 2,500 processes in seconds, few enough not to crowd a
// shared server.
const fillParallel = 8

// FillResult puts back into res the steps, rollback steps and coverage that
// the drill kept in its Process children's results (drill.ProcessResult.Summary),
// reading each from the server through c. Every reader of a drill's result
// (status, run, report, the console, the evidence step) goes through it, so
// that all show the same. A result that cannot be read, or that does not say
// what the drill recorded, is an error naming the process and the run; res
// is then filled only in part and must not be shown as whole.
func FillResult(ctx context.Context, c client.Client, res *drill.DrillResult) error {
	if res == nil {
		return nil
	}
	todo := res.Summarized()
	if len(todo) == 0 {
		return nil
	}
	errs := make([]error, len(todo))
	sem := make(chan struct{}, fillParallel)
	var wg sync.WaitGroup
	for i, p := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ref := p.StepsIn
			var full *drill.ProcessResult
			err := c.GetWorkflow(ctx, ref.WorkflowID, ref.RunID).Get(ctx, &full)
			if err == nil {
				err = p.Fill(full)
			}
			if err != nil {
				errs[i] = fmt.Errorf("the steps of process %s, kept in the result of workflow %s (run %s): %w",
					p.Process, ref.WorkflowID, ref.RunID, err)
			}
		}()
	}
	wg.Wait()
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	// A server that does not answer fails every process: name a few, count
	// the rest, so that the message stays readable for 2,500 of them.
	if len(failed) > maxFillErrors {
		failed = append(failed[:maxFillErrors], fmt.Errorf("and %d more processes whose steps cannot be read", len(failed)-maxFillErrors))
	}
	return fmt.Errorf("drill %s: %w", res.DrillID, errors.Join(failed...))
}

// maxFillErrors is how many unreadable processes FillResult names.
const maxFillErrors = 3

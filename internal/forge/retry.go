package forge

import (
	"context"
	"strconv"
	"time"

	"github.com/google/go-github/v60/github"
)

// Retry is how a call that failed in a retryable way is repeated.
type Retry struct {
	// Attempts is the most tries of one call, the first included.
	Attempts int
	// Backoff is the first wait after a transient failure; it doubles.
	Backoff time.Duration
	// MaxBackoff caps a transient failure's wait.
	MaxBackoff time.Duration
	// MaxWait is the longest rate-limit wait done in place; a longer one (or
	// any, when zero) is returned as a RateLimited error for the caller to
	// schedule, as a Temporal activity does with NextRetryDelay.
	MaxWait time.Duration
}

// DefaultRetry suits a command run by a person: a few tries, and rate-limit
// waits of up to 15 minutes done in place.
var DefaultRetry = Retry{Attempts: 6, Backoff: time.Second, MaxBackoff: 30 * time.Second, MaxWait: 15 * time.Minute}

// ActivityRetry suits a Temporal activity: transient failures are retried a
// little in place, rate limits go back to Temporal with their delay.
var ActivityRetry = Retry{Attempts: 3, Backoff: time.Second, MaxBackoff: 10 * time.Second}

// call runs fn until it succeeds, fails in a way retrying cannot fix, or the
// attempts are used up. op and need name the call for messages.
func (c *Client) call(ctx context.Context, op, need string, fn func() (*github.Response, error)) error {
	backoff := c.retry.Backoff
	for attempt := 1; ; attempt++ {
		resp, err := fn()
		if err == nil {
			return nil
		}
		fe := c.classify(op, need, resp, err)
		if ctx.Err() != nil {
			return &Error{Kind: Canceled, msg: op + ": " + ctx.Err().Error(), err: ctx.Err()}
		}
		if !fe.Retryable() || attempt >= c.retry.Attempts {
			return fe
		}
		wait := backoff
		if fe.Kind == RateLimited {
			if fe.Delay > c.retry.MaxWait {
				return fe
			}
			wait = fe.Delay
		} else {
			backoff = min(backoff*2, c.retry.MaxBackoff)
		}
		if c.notify != nil {
			c.notify(fe.Error() + " (attempt " + strconv.Itoa(attempt) + " of " + strconv.Itoa(c.retry.Attempts) + ")")
		}
		if err := sleep(ctx, wait); err != nil {
			return &Error{Kind: Canceled, msg: op + ": " + err.Error(), err: err}
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// pages calls list for every page, following the Link header, and returns
// all items. Each page is retried on its own.
func pages[T any](ctx context.Context, c *Client, op, need string, list func(opt github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	var all []T
	opt := github.ListOptions{PerPage: 100, Page: 1}
	for {
		var items []T
		var resp *github.Response
		err := c.call(ctx, op, need, func() (*github.Response, error) {
			var err error
			items, resp, err = list(opt)
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if resp == nil || resp.NextPage == 0 || resp.NextPage <= opt.Page {
			return all, nil
		}
		opt.Page = resp.NextPage
	}
}

package forge

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Kind is what went wrong with a call, and so whether retrying can help.
type Kind string

// Error kinds.
const (
	// Transient: a 5xx answer or a network error; retried with backoff.
	Transient Kind = "transient"
	// RateLimited: the primary or secondary rate limit; retried after Delay.
	RateLimited Kind = "rate-limited"
	// Unauthorized: 401, the token is missing, invalid or expired.
	Unauthorized Kind = "unauthorized"
	// Forbidden: 403 without a rate limit, the token lacks a permission.
	Forbidden Kind = "forbidden"
	// NotFound: 404, the thing does not exist or the token cannot see it.
	NotFound Kind = "not-found"
	// Invalid: 422 or another 4xx, the request itself is wrong.
	Invalid Kind = "invalid"
	// Canceled: the context ended.
	Canceled Kind = "canceled"
)

// Error is a classified failure of a call to the forge. Its message says what
// to fix and never contains the token.
type Error struct {
	Kind   Kind
	Status int // HTTP status, 0 for network errors
	// Delay is how long to wait before retrying a rate-limited call.
	Delay time.Duration
	msg   string
	err   error
}

func (e *Error) Error() string { return e.msg }
func (e *Error) Unwrap() error { return e.err }

// Retryable reports whether the same call may succeed later.
func (e *Error) Retryable() bool { return e.Kind == Transient || e.Kind == RateLimited }

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}

// classify turns an error of a call into an *Error. op says what the call was
// for ("list the issues of o/r") and need what the token must allow for it.
func (c *Client) classify(op, need string, resp *github.Response, err error) *Error {
	if fe, ok := AsError(err); ok {
		return fe
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &Error{Kind: Canceled, msg: op + ": " + err.Error(), err: err}
	}
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.As(err, &rl):
		d := max(time.Until(rl.Rate.Reset.Time)+time.Second, time.Second)
		return &Error{Kind: RateLimited, Status: statusOf(rl.Response), Delay: d, err: err, msg: fmt.Sprintf(
			"%s: GitHub's API rate limit (%d requests an hour%s) is used up until %s; waiting %s",
			op, rl.Rate.Limit, c.anonymousNote(), rl.Rate.Reset.UTC().Format("15:04:05 UTC"), d.Round(time.Second))}
	case errors.As(err, &ab):
		d := time.Minute // GitHub: without retry-after, wait at least a minute
		if ab.RetryAfter != nil && *ab.RetryAfter > 0 {
			d = *ab.RetryAfter
		}
		return &Error{Kind: RateLimited, Status: statusOf(ab.Response), Delay: d, err: err, msg: fmt.Sprintf(
			"%s: GitHub's secondary rate limit was hit (too many requests at once); retrying after %s", op, d.Round(time.Second))}
	case errors.As(err, &er) && er.Response != nil:
		return c.classifyStatus(op, need, er)
	}
	if resp != nil && resp.Response != nil && resp.StatusCode >= 500 {
		return &Error{Kind: Transient, Status: resp.StatusCode, err: err, msg: fmt.Sprintf("%s: GitHub answered %s; temporary, retried", op, resp.Status)}
	}
	return &Error{Kind: Transient, err: err, msg: fmt.Sprintf("%s: cannot reach GitHub at %s: %s", op, c.base, redact(networkProblem(err), c.token))}
}

func (c *Client) classifyStatus(op, need string, er *github.ErrorResponse) *Error {
	st := er.Response.StatusCode
	answer := fmt.Sprintf("GitHub answered %d %s", st, strings.TrimSpace(er.Message))
	h := er.Response.Header
	e := &Error{Status: st, err: redactedErr{er, c.token}}
	switch {
	case st == http.StatusTooManyRequests || (st == http.StatusForbidden && h.Get("Retry-After") != ""):
		// 429 (and 403 with Retry-After) is a rate limit that go-github does
		// not type: primary when nothing remains, secondary otherwise.
		e.Kind, e.Delay = RateLimited, time.Minute
		if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s >= 0 {
			e.Delay = time.Duration(s) * time.Second
		} else if h.Get("X-RateLimit-Remaining") == "0" {
			if r, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
				e.Delay = max(time.Until(time.Unix(r, 0))+time.Second, time.Second)
			}
		}
		e.msg = fmt.Sprintf("%s: %s (rate limited); retrying after %s", op, answer, e.Delay.Round(time.Second))
	case st >= 500:
		e.Kind, e.msg = Transient, fmt.Sprintf("%s: %s; temporary, retried", op, answer)
	case st == http.StatusUnauthorized:
		e.Kind = Unauthorized
		if c.token == "" {
			e.msg = fmt.Sprintf("%s: %s: this needs a token; set %s to a token that can %s", op, answer, c.tokenEnv, need)
		} else {
			e.msg = fmt.Sprintf("%s: %s: the token in %s is invalid or expired; renew it", op, answer, c.tokenEnv)
		}
	case st == http.StatusForbidden:
		e.Kind, e.msg = Forbidden, fmt.Sprintf("%s: %s: the token in %s is not allowed to %s; grant that permission", op, answer, c.tokenEnv, need)
		if c.token == "" {
			e.msg = fmt.Sprintf("%s: %s: set %s to a token that can %s", op, answer, c.tokenEnv, need)
		}
	case st == http.StatusNotFound:
		e.Kind, e.msg = NotFound, fmt.Sprintf("%s: %s: check the name; a private repository also answers 404 when the token in %s cannot %s", op, answer, c.tokenEnv, need)
		if c.token == "" {
			e.msg = fmt.Sprintf("%s: %s: check the name; for a private repository set %s to a token that can %s", op, answer, c.tokenEnv, need)
		}
	default:
		e.Kind = Invalid
		e.msg = fmt.Sprintf("%s: %s%s: the request was refused as invalid; fix the value named", op, answer, validationDetails(er.Errors))
	}
	return e
}

func (c *Client) anonymousNote() string {
	if c.token == "" {
		return ", without a token; set " + c.tokenEnv + " for 5,000"
	}
	return ""
}

func statusOf(r *http.Response) int {
	if r == nil {
		return 0
	}
	return r.StatusCode
}

// validationDetails lists a 422 answer's errors: " (assignees "x": invalid)".
func validationDetails(errs []github.Error) string {
	var parts []string
	for _, e := range errs {
		s := strings.TrimSpace(e.Field + " " + e.Code)
		if e.Message != "" {
			s = strings.TrimSpace(s + " " + e.Message)
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// networkProblem says why a request got no answer, without the URL (which
// the message names once).
func networkProblem(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "http") {
		return msg[i+2:]
	}
	return msg
}

// redact replaces every occurrence of secret in s.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[redacted]")
}

// redactedErr keeps the wrapped error inspectable with errors.As while its
// text never shows the token.
type redactedErr struct {
	err    error
	secret string
}

func (r redactedErr) Error() string { return redact(r.err.Error(), r.secret) }
func (r redactedErr) Unwrap() error { return r.err }

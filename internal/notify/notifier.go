package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/netguard"
)

// Notifier delivers notifications through the channels of one config. Build
// it with the config; the other fields are optional. Its Notify method is the
// worker's NotifyActivity. It keeps no state between deliveries.
type Notifier struct {
	Config *Config
	// Getenv reads the secrets' environment variables (default os.Getenv).
	Getenv func(string) string
	// Resolver looks up host names (default net.DefaultResolver).
	Resolver netguard.Resolver
	// Now is the clock of webhook timestamps (default time.Now).
	Now func() time.Time
	// Timeout bounds one delivery's connection and exchange (default 30 s).
	Timeout time.Duration
	// OnRefused, when set, is told of every address the guard refused.
	OnRefused func(addr string)
}

// permanentError marks a delivery that retrying cannot help.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return &permanentError{err} }

// IsPermanent reports whether err is a delivery failure that retrying cannot
// help.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// Send delivers in through its channel: email, or the webhook of that name.
// Its errors name the channel and never a secret or a webhook URL.
func (n *Notifier) Send(ctx context.Context, in drill.NotifyInput) (drill.NotifyOutput, error) {
	if in.Channel == drill.EmailChannel {
		return n.sendEmail(ctx, in)
	}
	w := n.Config.webhook(in.Channel)
	if w == nil {
		return drill.NotifyOutput{Channel: in.Channel}, permanent(fmt.Errorf("no webhook channel %q in the notifications config", in.Channel))
	}
	return n.sendWebhook(ctx, w, in)
}

// Notify is NotifyActivity: Send, with the failures that retrying cannot
// help made non-retryable application errors of type ErrNotifyPermanent.
func (n *Notifier) Notify(ctx context.Context, in drill.NotifyInput) (*drill.NotifyOutput, error) {
	out, err := n.Send(ctx, in)
	if err != nil {
		typ := drill.ErrNotifyFailed
		if IsPermanent(err) {
			typ = drill.ErrNotifyPermanent
		}
		// Benign: a failed delivery is an outcome the drill records, not a
		// fault of the worker to log as an error (and show on the terminal).
		return nil, temporal.NewApplicationErrorWithOptions(err.Error(), typ, temporal.ApplicationErrorOptions{
			NonRetryable: typ == drill.ErrNotifyPermanent, Category: temporal.ApplicationErrorCategoryBenign})
	}
	return &out, nil
}

func (n *Notifier) guard(allowPrivate bool) *netguard.Guard {
	return &netguard.Guard{AllowPrivate: allowPrivate, Resolver: n.Resolver, Timeout: n.timeout(), OnRefused: n.OnRefused,
		Hint: "set allowPrivate: true on the channel in the notifications config to allow it"}
}

func (n *Notifier) timeout() time.Duration {
	if n.Timeout > 0 {
		return n.Timeout
	}
	return 30 * time.Second
}

func (n *Notifier) now() time.Time {
	if n.Now != nil {
		return n.Now()
	}
	return time.Now()
}

func refused(err error) bool { return errors.Is(err, netguard.ErrRefused) }

package notify

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
)

// TestNotifyErrorsAreBenign: the activity's failures are benign
// application errors, so that the worker does not log a failed delivery as
// an error (the terminal's "Temporal reported a fault"): a receiver that
// answers 503 is a NotifyFailed a retry may mend, one that answers 401 is
// NotifyPermanent and not retried.
func TestNotifyErrorsAreBenign(t *testing.T) {
	status := http.StatusServiceUnavailable
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "no", status) }))
	t.Cleanup(srv.Close)
	n := webhookNotifier(srv.URL, "s3cret")
	for _, tc := range []struct {
		status       int
		typ          string
		nonRetryable bool
	}{
		{http.StatusServiceUnavailable, drill.ErrNotifyFailed, false},
		{http.StatusUnauthorized, drill.ErrNotifyPermanent, true},
	} {
		status = tc.status
		_, err := n.Notify(context.Background(), webhookInput())
		var app *temporal.ApplicationError
		if !errors.As(err, &app) || app.Type() != tc.typ || app.NonRetryable() != tc.nonRetryable || app.Category() != temporal.ApplicationErrorCategoryBenign {
			t.Errorf("HTTP %d: %v; want a benign %s, non-retryable %v", tc.status, err, tc.typ, tc.nonRetryable)
		}
	}
}

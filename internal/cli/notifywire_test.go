package cli

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
)

// TestNotifyActivityWithoutConfig: a worker without a notifications config,
// or with one that does not load, fails every delivery at once, not retried,
// in words the drill records, so that a drill asked to notify says that
// nobody was told.
func TestNotifyActivityWithoutConfig(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "notify.yaml")
	for env, want := range map[string]string{
		"":      "this worker has no notifications config: set " + notify.EnvConfig,
		missing: "this worker's notifications config does not load",
	} {
		act := notifyActivity(func(name string) string {
			if name == notify.EnvConfig {
				return env
			}
			return ""
		})
		_, err := act(context.Background(), drill.NotifyInput{Channel: drill.EmailChannel})
		var appErr *temporal.ApplicationError
		if !errors.As(err, &appErr) || appErr.Type() != drill.ErrNotifyPermanent || !appErr.NonRetryable() || !strings.HasPrefix(appErr.Message(), want) {
			t.Errorf("config %q: error %v, want a non-retryable %s starting %q", env, err, drill.ErrNotifyPermanent, want)
		}
	}
}

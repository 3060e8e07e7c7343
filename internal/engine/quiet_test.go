//go:build !exitdrill_light

package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/server/common/log/tag"

	"github.com/exitdrill/exitdrill/drill"
)

// A failed check is a step's outcome, reported in the verdicts: the SDK's
// "Activity error." line for it stays off the terminal, while a real fault
// of the worker still shows; a stopping server's "shard closed" errors too.
func TestQuietTerminal(t *testing.T) {
	var out bytes.Buffer
	warn := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sdk := sdklog.NewStructuredLogger(slog.New(sdkHandler{warn.Handler()}))
	sdk.Error("Activity error.", "ActivityType", "RunStep", "Error", temporal.NewApplicationError("reviewed 33 months ago", drill.ErrCheckFailed))
	sdk.Error("Activity error.", "ActivityType", "RunStep", "Error", temporal.NewNonRetryableApplicationError("restic is not installed", drill.ErrInconclusive, nil))
	sdk.Warn("RecordActivityHeartbeat with error", "Error", context.Canceled)
	sdk.Error("Activity error.", "ActivityType", "RunStep", "Error", fmt.Errorf("run step: %w", context.Canceled)) // the worker stops
	sdk.Warn("Failed to poll for task.", "Error", errors.New("context canceled"))                                  // across gRPC: text
	if out.Len() != 0 {
		t.Errorf("a step's outcome reached the terminal:\n%s", out.String())
	}
	sdk.Error("Activity error.", "ActivityType", "RunStep", "Error", errors.New("worker lost its connection"))
	if !strings.Contains(out.String(), "worker lost its connection") {
		t.Errorf("a worker fault did not reach the terminal:\n%s", out.String())
	}

	out.Reset()
	var st serverState
	srv := newServerLogger(warn, &st)
	shard := tag.Error(errors.New("shard closed"))
	srv.Error("Failed to load look ahead task", shard)
	if !strings.Contains(out.String(), "shard closed") {
		t.Fatalf("a running server's shard error was dropped:\n%s", out.String())
	}
	out.Reset()
	srv.Error("Queue reader unable to retrieve tasks", tag.Error(errors.New("shard status unknown")))      // a shard being acquired, even while running
	srv.Error("Unable to call matching.PollWorkflowTaskQueue.", tag.Error(errors.New("context canceled"))) // a worker went away
	if out.Len() != 0 {
		t.Errorf("a poll cancelled by its caller, or a shard being acquired, reached the terminal:\n%s", out.String())
	}
	st.quiet.Store(true) // the server is stopping
	srv.Error("Failed to load look ahead task", shard)
	srv.Error("unable to add metrics baggage to gRPC trailer", tag.Error(errors.New("transport: SendHeader called multiple times")))
	if out.Len() != 0 {
		t.Errorf("a stopping server's shard error reached the terminal:\n%s", out.String())
	}

	out.Reset()
	debug := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sdklog.NewStructuredLogger(slog.New(sdkHandler{debug.Handler()})).Error("Activity error.", "Error", temporal.NewApplicationError("x", drill.ErrCheckFailed))
	if !strings.Contains(out.String(), "level=DEBUG") {
		t.Errorf("with debug logging the outcome is kept, at debug:\n%s", out.String())
	}

	// The log file, at info, keeps what was lowered off the terminal, with
	// its attributes.
	out.Reset()
	info := slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo}))
	newServerLogger(info, &st).Error("Failed to load look ahead task", shard)
	sdklog.NewStructuredLogger(slog.New(sdkHandler{info.Handler()})).Error("Activity error.", "ActivityType", "RunStep", "Error", context.Canceled)
	for _, want := range []string{`level=INFO msg="Failed to load look ahead task" component=temporal-server error="shard closed"`,
		`level=INFO msg="Activity error." ActivityType=RunStep Error="context canceled"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("at info, the log lacks %s:\n%s", want, out.String())
		}
	}
}

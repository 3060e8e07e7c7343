package engine

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
)

// serverState is what the embedded server's logger must know of it.
type serverState struct {
	quiet    atomic.Bool // the server is stopping
	building atomic.Bool // temporal.NewServer is running
	diskFull atomic.Bool // watchDisk has said the state directory's disk is full
}

// sdkHandler is the SDK's log handler. The SDK logs every activity attempt
// that returns an error at ERROR ("Activity error."), but a failed check, an
// inconclusive step or a wrongly defined one is an outcome exitdrill reports
// itself, in its own words, in the verdicts: those records are lowered to
// debug. A record whose error is a cancellation (an activity or a poll cut
// short by a stopping worker, a heartbeat cut short by its step's end) is
// lowered to info. Every other record passes as it is.
type sdkHandler struct{ slog.Handler }

// outcomes are the application error types that are a step's outcome, not a
// fault of the worker.
var outcomes = map[string]bool{drill.ErrCheckFailed: true, drill.ErrInconclusive: true, drill.ErrBadStep: true, drill.ErrNotImplemented: true}

func (h sdkHandler) Handle(ctx context.Context, r slog.Record) error {
	level := r.Level
	switch {
	case level >= slog.LevelError && r.Message == "Activity error." && stepOutcome(r):
		level = slog.LevelDebug
	case level > slog.LevelInfo && canceledRecord(r):
		level = slog.LevelInfo
	}
	if level != r.Level {
		if !h.Handler.Enabled(ctx, level) {
			return nil
		}
		lowered := slog.NewRecord(r.Time, level, r.Message, r.PC)
		r.Attrs(func(a slog.Attr) bool { lowered.AddAttrs(a); return true })
		r = lowered
	}
	return h.Handler.Handle(ctx, r)
}

func (h sdkHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return sdkHandler{h.Handler.WithAttrs(as)}
}
func (h sdkHandler) WithGroup(name string) slog.Handler { return sdkHandler{h.Handler.WithGroup(name)} }

// canceledRecord reports whether the record's error is a cancellation.
func canceledRecord(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		if err, ok := a.Value.Any().(error); ok {
			found = isCanceled(err)
		}
		return !found
	})
	return found
}

// isCanceled reports whether err is a cancellation, also when it crossed
// gRPC as text.
func isCanceled(err error) bool {
	var canceledErr *temporal.CanceledError
	return errors.Is(err, context.Canceled) || errors.As(err, &canceledErr) || strings.Contains(err.Error(), "context canceled")
}

// stepOutcome reports whether the record's error is a step's outcome.
func stepOutcome(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		if err, ok := a.Value.Any().(error); ok {
			var appErr *temporal.ApplicationError
			found = errors.As(err, &appErr) && outcomes[appErr.Type()]
		}
		return !found
	})
	return found
}

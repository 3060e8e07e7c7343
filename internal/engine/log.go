package engine

import (
	"context"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/drill"
	"log/slog"
	"strings"
	"sync/atomic"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// serverLogger routes the embedded server's logs to slog. The server is
// chatty at info level; the slog handler's level decides what shows.
type serverLogger struct {
	l *slog.Logger
	// quiet, once set, drops warnings and cancellation errors unless info is
	// enabled: a stopping server complains about every call it cancels.
	quiet *atomic.Bool
}

var _ log.Logger = serverLogger{}

func newServerLogger(l *slog.Logger, quiet *atomic.Bool) log.Logger {
	return serverLogger{l: l.With("component", "temporal-server"), quiet: quiet}
}

func (s serverLogger) Debug(msg string, tags ...tag.Tag) { s.log(slog.LevelDebug, msg, tags) }
func (s serverLogger) Info(msg string, tags ...tag.Tag)  { s.log(slog.LevelInfo, msg, tags) }
func (s serverLogger) Warn(msg string, tags ...tag.Tag)  { s.log(slog.LevelWarn, msg, tags) }
func (s serverLogger) Error(msg string, tags ...tag.Tag) { s.log(slog.LevelError, msg, tags) }

// DPanic, Panic and Fatal are logged as errors: an embedded server must not
// take the command down with it.
func (s serverLogger) DPanic(msg string, tags ...tag.Tag) { s.log(slog.LevelError, msg, tags) }
func (s serverLogger) Panic(msg string, tags ...tag.Tag)  { s.log(slog.LevelError, msg, tags) }
func (s serverLogger) Fatal(msg string, tags ...tag.Tag)  { s.log(slog.LevelError, msg, tags) }

// With returns a logger that adds tags to every record.
func (s serverLogger) With(tags ...tag.Tag) log.Logger {
	return serverLogger{l: s.l.With(attrs(tags)...), quiet: s.quiet}
}

// SLog lets the server use the slog logger directly.
func (s serverLogger) SLog() *slog.Logger { return s.l }

func (s serverLogger) log(level slog.Level, msg string, tags []tag.Tag) {
	ctx := context.Background()
	if !s.l.Enabled(ctx, level) {
		return
	}
	if s.quiet.Load() && !s.l.Enabled(ctx, slog.LevelInfo) && (level < slog.LevelError || canceled(tags) || shardClosed(tags)) {
		return
	}
	s.l.Log(ctx, level, msg, attrs(tags)...)
}

func attrs(tags []tag.Tag) []any {
	out := make([]any, 0, len(tags))
	for _, t := range tags {
		out = append(out, slog.Any(t.Key(), t.Value()))
	}
	return out
}

// canceled reports whether a record's error is a cancellation.
func canceled(tags []tag.Tag) bool {
	for _, t := range tags {
		if err, ok := t.Value().(error); ok && (errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "context canceled")) {
			return true
		}
	}
	return false
}

// shardClosed reports whether a record's error is a history shard that was
// closed under it: what a stopping server says about every timer it had.
func shardClosed(tags []tag.Tag) bool {
	for _, t := range tags {
		if t.Key() == "error" && strings.Contains(fmt.Sprint(t.Value()), "shard closed") {
			return true
		}
	}
	return false
}

// sdkHandler is the SDK's log handler: the SDK logs every activity attempt
// that returns an error at ERROR ("Activity error."), but a failed check, an
// inconclusive step or a wrongly defined one is an outcome exitdrill reports
// itself, in its own words, in the verdicts; and it warns of a heartbeat
// cancelled because its step just ended. Those records are lowered to debug;
// every other record passes as it is.
type sdkHandler struct{ slog.Handler }

// outcomes are the application error types that are a step's outcome, not a
// fault of the worker.
var outcomes = map[string]bool{drill.ErrCheckFailed: true, drill.ErrInconclusive: true, drill.ErrBadStep: true, drill.ErrNotImplemented: true}

func (h sdkHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelError && r.Message == "Activity error." && stepOutcome(r) ||
		r.Message == "RecordActivityHeartbeat with error" && canceledRecord(r) {
		if !h.Handler.Enabled(ctx, slog.LevelDebug) {
			return nil
		}
		r = slog.NewRecord(r.Time, slog.LevelDebug, r.Message, r.PC)
	}
	return h.Handler.Handle(ctx, r)
}

func (h sdkHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return sdkHandler{h.Handler.WithAttrs(as)}
}
func (h sdkHandler) WithGroup(name string) slog.Handler { return sdkHandler{h.Handler.WithGroup(name)} }

// canceledRecord reports whether the record's error is a cancellation: a
// heartbeat cut short because its step just finished.
func canceledRecord(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		if err, ok := a.Value.Any().(error); ok {
			found = errors.Is(err, context.Canceled)
		}
		return !found
	})
	return found
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

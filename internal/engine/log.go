package engine

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"

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
	if s.quiet.Load() && !s.l.Enabled(ctx, slog.LevelInfo) && (level < slog.LevelError || canceled(tags)) {
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

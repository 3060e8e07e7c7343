//go:build !exitdrill_light

package engine

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// serverLogger routes the embedded server's logs to slog. The server is
// chatty at info level; the slog handler's level decides what shows.
//
// A call cancelled because its caller went away (a worker or a command that
// stopped) is no fault: the server logs it at ERROR, serverLogger at info.
// Once the server is stopping (quiet set), nothing it says is a fault the
// terminal should show: shards closed under timers, gRPC trailers of calls
// cut short ("SendHeader called multiple times") are the stop itself; the
// log file keeps them at info.
//
// While the server is being built (its listeners are made then), a Fatal
// record panics with a serverFatal, which buildServer turns into an error:
// the server would go on with a nil listener and crash the process.
type serverLogger struct {
	l  *slog.Logger
	st *serverState
}

// serverFatal is a Fatal record of a server being built.
type serverFatal struct{ msg, err string }

func (f serverFatal) Error() string {
	if f.err == "" {
		return f.msg
	}
	return f.msg + ": " + f.err
}

var _ log.Logger = serverLogger{}

func newServerLogger(l *slog.Logger, st *serverState) log.Logger {
	return serverLogger{l: l.With("component", "temporal-server"), st: st}
}

func (s serverLogger) Debug(msg string, tags ...tag.Tag) { s.log(slog.LevelDebug, msg, tags) }
func (s serverLogger) Info(msg string, tags ...tag.Tag)  { s.log(slog.LevelInfo, msg, tags) }
func (s serverLogger) Warn(msg string, tags ...tag.Tag)  { s.log(slog.LevelWarn, msg, tags) }
func (s serverLogger) Error(msg string, tags ...tag.Tag) { s.log(slog.LevelError, msg, tags) }

// DPanic, Panic and Fatal are logged as errors: an embedded server must not
// take the command down with it. A Fatal while the server is being built
// also stops the build (see serverLogger).
func (s serverLogger) DPanic(msg string, tags ...tag.Tag) { s.log(slog.LevelError, msg, tags) }
func (s serverLogger) Panic(msg string, tags ...tag.Tag)  { s.log(slog.LevelError, msg, tags) }
func (s serverLogger) Fatal(msg string, tags ...tag.Tag) {
	s.log(slog.LevelError, msg, tags)
	if s.st.building.Load() {
		panic(serverFatal{msg: msg, err: errorText(tags)})
	}
}

// errorText is the text of a record's error tag.
func errorText(tags []tag.Tag) string {
	for _, t := range tags {
		if t.Key() == "error" {
			return fmt.Sprint(t.Value())
		}
	}
	return ""
}

// With returns a logger that adds tags to every record.
func (s serverLogger) With(tags ...tag.Tag) log.Logger {
	return serverLogger{l: s.l.With(attrs(tags)...), st: s.st}
}

// SLog lets the server use the slog logger directly.
func (s serverLogger) SLog() *slog.Logger { return s.l }

func (s serverLogger) log(level slog.Level, msg string, tags []tag.Tag) {
	if level > slog.LevelInfo && (canceled(tags) || shardUnsettled(tags) || s.st.quiet.Load()) {
		level = slog.LevelInfo
	}
	if level > slog.LevelDebug && s.st.diskFull.Load() && diskFullRecord(msg, errorText(tags)) {
		level = slog.LevelDebug // watchDisk said it once, in words
	}
	ctx := context.Background()
	if !s.l.Enabled(ctx, level) {
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

// canceled reports whether a record's error is a cancellation. tag.Error
// gives the error's text, not the error.
func canceled(tags []tag.Tag) bool {
	for _, t := range tags {
		switch v := t.Value().(type) {
		case error:
			if isCanceled(v) {
				return true
			}
		case string:
			if t.Key() == "error" && strings.Contains(v, "context canceled") {
				return true
			}
		}
	}
	return false
}

// shardUnsettled reports whether a record's error is a history shard whose
// ownership is still being settled ("shard status unknown"): its queue
// readers pause and try again, at a server's start as at its stop. Not a
// fault; the log file keeps it.
func shardUnsettled(tags []tag.Tag) bool {
	for _, t := range tags {
		if t.Key() == "error" && strings.Contains(fmt.Sprint(t.Value()), "shard status unknown") {
			return true
		}
	}
	return false
}

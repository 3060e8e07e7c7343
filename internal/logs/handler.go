package logs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// fanout sends every record to each handler that takes it; nil handlers are
// left out.
func fanout(hs ...slog.Handler) slog.Handler {
	var m multi
	for _, h := range hs {
		if h != nil {
			m = append(m, h)
		}
	}
	if len(m) == 1 {
		return m[0]
	}
	return m
}

type multi []slog.Handler

func (m multi) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range m {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (m multi) Handle(ctx context.Context, r slog.Record) error {
	var errs []error
	for _, h := range m {
		if h.Enabled(ctx, r.Level) {
			errs = append(errs, h.Handle(ctx, r.Clone()))
		}
	}
	return errors.Join(errs...)
}

func (m multi) WithAttrs(as []slog.Attr) slog.Handler {
	out := make(multi, len(m))
	for i, h := range m {
		out[i] = h.WithAttrs(as)
	}
	return out
}

func (m multi) WithGroup(name string) slog.Handler {
	out := make(multi, len(m))
	for i, h := range m {
		out[i] = h.WithGroup(name)
	}
	return out
}

// maxPointers bounds the distinct faults pointed at: past it, a fault that
// keeps changing its words is only in the file.
const maxPointers = 20

// pointer writes one short line to the terminal for each distinct error the
// Temporal server or SDK logs, pointing at the file that has all of it. Its
// attributes (stack traces among them) stay in the file.
type pointer struct {
	w    io.Writer
	file string
	st   *pointerState
}

type pointerState struct {
	mu   sync.Mutex
	seen map[string]bool
}

func newPointer(w io.Writer, file string) slog.Handler {
	return pointer{w: w, file: file, st: &pointerState{seen: map[string]bool{}}}
}

func (p pointer) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (p pointer) Handle(_ context.Context, r slog.Record) error {
	p.st.mu.Lock()
	defer p.st.mu.Unlock()
	if p.st.seen[r.Message] || len(p.st.seen) >= maxPointers {
		return nil
	}
	p.st.seen[r.Message] = true
	line := "exitdrill: Temporal reported a fault: " + strings.TrimSuffix(r.Message, ".")
	if e := errorText(r); e != "" {
		line += ": " + e
	}
	if p.file != "" {
		line += " (details in " + p.file + ")"
	}
	_, err := fmt.Fprintln(p.w, line)
	return err
}

// The pointer keeps no attributes: they are the file's.
func (p pointer) WithAttrs([]slog.Attr) slog.Handler { return p }
func (p pointer) WithGroup(string) slog.Handler      { return p }

// errorText is the first line of the record's error, shortened.
func errorText(r slog.Record) string {
	var s string
	r.Attrs(func(a slog.Attr) bool {
		if strings.EqualFold(a.Key, "error") {
			s = fmt.Sprint(a.Value.Any())
			return false
		}
		return true
	})
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

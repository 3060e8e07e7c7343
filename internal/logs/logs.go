// Package logs sends exitdrill's logs where an operator looks for them: its
// own progress and problems to the terminal, and everything, the embedded
// Temporal server's and the Temporal SDK's logs included, to rotated files in
// the state directory.
package logs

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// Where the logs go inside a state directory, and how much is kept: the file
// and Keep older ones of at most MaxSize bytes each.
const (
	Dir     = "logs"
	File    = "exitdrill.log"
	MaxSize = 10 << 20
	Keep    = 5
)

// The log formats, for --log-format.
const (
	Text = "text"
	JSON = "json"
)

// Formats lists the log formats, for help and errors.
var Formats = []string{Text, JSON}

// levels are the names --log-level takes.
var levels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}

// LevelNames lists the log levels, for help and errors.
var LevelNames = []string{"debug", "info", "warn", "error"}

// ParseLevel reads a level name: debug, info, warn or error.
func ParseLevel(name string) (slog.Level, error) {
	l, ok := levels[strings.ToLower(name)]
	if !ok {
		return 0, fmt.Errorf("log level %q: want one of %s", name, strings.Join(LevelNames, ", "))
	}
	return l, nil
}

// CheckFormat reports whether name is a log format.
func CheckFormat(name string) error {
	if name != Text && name != JSON {
		return fmt.Errorf("log format %q: want one of %s", name, strings.Join(Formats, ", "))
	}
	return nil
}

// Config is what the operator chose with --log-level and --log-format. The
// zero Config is info in text: use Default for the terminal's warn.
type Config struct {
	// Level is the terminal's level; the file takes info, or Level when lower.
	Level slog.Level
	// Format is Text or JSON, for the terminal and the file.
	Format string
}

// Default is warnings and errors on the terminal, in text.
var Default = Config{Level: slog.LevelWarn, Format: Text}

// Logs are one command's loggers. Open makes them; Close closes the file
// once nothing logs any more.
type Logs struct {
	// Own is for exitdrill's own messages: the terminal from Config.Level up,
	// and the file.
	Own *slog.Logger
	// Temporal is for the embedded Temporal server and the SDK: everything
	// goes to the file; the terminal gets their records too when
	// Config.Level is info or debug, and otherwise only a one-line pointer to
	// the file per distinct error.
	Temporal *slog.Logger
	// File is the log file; "" when there is none.
	File string

	file *Rotating
}

// Open returns the loggers for c writing to terminal and, unless stateDir is
// "", to the rotated file STATE-DIR/logs/exitdrill.log (made private to its
// owner). attrs are added to every record in the file, so that the lines of
// the processes sharing it can be told apart.
func Open(c Config, stateDir string, terminal io.Writer, attrs ...slog.Attr) (*Logs, error) {
	term := handler(terminal, c.Format, c.Level)
	l := &Logs{}
	var file slog.Handler
	if stateDir != "" {
		dir := filepath.Join(stateDir, Dir)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("log directory: %w", err)
		}
		f, err := OpenRotating(filepath.Join(dir, File), MaxSize, Keep)
		if err != nil {
			return nil, err
		}
		l.file, l.File = f, f.Path()
		file = handler(f, c.Format, min(c.Level, slog.LevelInfo)).WithAttrs(attrs)
	}
	temporal := term
	if c.Level > slog.LevelInfo {
		temporal = newPointer(terminal, l.File)
	}
	l.Own = slog.New(fanout(term, file))
	l.Temporal = slog.New(fanout(temporal, file))
	return l, nil
}

// Close closes the log file.
func (l *Logs) Close() error {
	if l == nil || l.file == nil {
		return nil
	}
	return l.file.Close()
}

func handler(w io.Writer, format string, level slog.Level) slog.Handler {
	opts := &slog.HandlerOptions{Level: level}
	if format == JSON {
		return slog.NewJSONHandler(w, opts)
	}
	return slog.NewTextHandler(w, opts)
}

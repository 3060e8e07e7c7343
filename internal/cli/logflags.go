package cli

import (
	"log/slog"
	"strings"

	"github.com/spf13/pflag"

	"github.com/exitdrill/exitdrill/internal/logs"
)

// logFlags are the global --log-level and --log-format. The level is the
// terminal's; the log file in the state directory takes info, or the level
// when it is lower (see logs.Open).
type logFlags struct{ cfg logs.Config }

// addFlags registers the flags on the root's persistent flags.
func (f *logFlags) addFlags(fl *pflag.FlagSet) {
	f.cfg = logs.Default
	fl.Var((*levelValue)(&f.cfg.Level), "log-level",
		"terminal log level: "+strings.Join(logs.LevelNames, ", ")+"; the log file in STATE-DIR/"+logs.Dir+" takes info, or this level when lower")
	fl.Var((*formatValue)(&f.cfg.Format), "log-format", "log line format on the terminal and in the log file: "+strings.Join(logs.Formats, ", "))
}

// logConfig is the logging the command line asked for; logs.Default when s
// was not made by NewRoot.
func (s *Streams) logConfig() logs.Config {
	if s.logs == nil {
		return logs.Default
	}
	return s.logs.cfg
}

// levelValue is a slog.Level as a flag value, by name.
type levelValue slog.Level

func (v *levelValue) String() string { return strings.ToLower(slog.Level(*v).String()) }
func (v *levelValue) Type() string   { return "level" }
func (v *levelValue) Set(s string) error {
	l, err := logs.ParseLevel(s)
	if err != nil {
		return err
	}
	*v = levelValue(l)
	return nil
}

// formatValue is a log format as a flag value.
type formatValue string

func (v *formatValue) String() string { return string(*v) }
func (v *formatValue) Type() string   { return "format" }
func (v *formatValue) Set(s string) error {
	if err := logs.CheckFormat(s); err != nil {
		return err
	}
	*v = formatValue(s)
	return nil
}

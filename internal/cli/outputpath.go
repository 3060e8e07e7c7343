package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// outputPath is -o/--output FILE or DIR: where a command writes the file or
// the directory it makes. The flag that named it the release before (--out,
// --write) keeps working for one release, hidden, with a line on stderr.
// documentFlags, report, run, gen catalog, keygen and schema all take their
// destination this way.
type outputPath struct {
	// Path is the file or directory given, "" when none was.
	Path string

	what    string // "FILE" or "DIR", for help and messages
	oldName string // the old flag's name, "" when there is none
	old     string // its value
}

// AddFlags adds -o/--output, described by usage (its value is called what:
// "FILE" or "DIR"), and the old flag oldName, hidden, when it is not "".
func (o *outputPath) AddFlags(cmd *cobra.Command, what, usage, oldName string) {
	o.what, o.oldName = what, oldName
	f := cmd.Flags()
	f.StringVarP(&o.Path, "output", "o", "", usage)
	if oldName != "" {
		f.StringVar(&o.old, oldName, "", "deprecated: use -o/--output "+what)
		_ = f.MarkHidden(oldName)
	}
}

// oldFormat handles -o/--output FORMAT, the spelling of the release before
// for the format: when no --format was given (format is "") and Path names a
// format (isFormat), it says so on stderr, clears Path and returns the
// format; else it returns format. With --format given, -o names a path, even
// one called like a format (write ./json to mean a directory called json).
func (o *outputPath) oldFormat(s *Streams, format string, isFormat func(string) bool) string {
	if format != "" || !isFormat(o.Path) {
		return format
	}
	deprecatedOutput(s, o.Path)
	format, o.Path = o.Path, ""
	return format
}

// resolve takes the old flag's value, saying on stderr that it is
// deprecated; exit 2 when the old flag and -o/--output name different paths.
func (o *outputPath) resolve(s *Streams) error {
	if o.old == "" {
		return nil
	}
	deprecated(s, fmt.Sprintf("--%s is deprecated; use -o/--output %s", o.oldName, o.what))
	if o.Path != "" && o.Path != o.old {
		things := "files"
		if o.what == "DIR" {
			things = "directories"
		}
		return withCode(ExitInvalid, fmt.Errorf("--%s and -o/--output name different %s: give -o/--output only", o.oldName, things))
	}
	o.Path = o.old
	return nil
}

// notStdout refuses -, for a command whose output cannot go to stdout
// (a directory, or a key pair).
func (o *outputPath) notStdout(why string) error {
	if o.Path == "-" {
		return withCode(ExitInvalid, errors.New("-o/--output -: "+why))
	}
	return nil
}

// Package cli implements the exitdrill command line. Each command lives in its own
// file as an options struct with AddFlags and a plain run function that tests
// call without cobra; cobra only parses flags and dispatches.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"go.temporal.io/api/serviceerror"

	"github.com/exitdrill/exitdrill/internal/version"
)

// Exit codes, documented in the README.
const (
	ExitOK           = 0
	ExitError        = 1
	ExitInvalid      = 2   // usage error or invalid input
	ExitMissed       = 3   // the drill ran and objectives were missed
	ExitInconclusive = 4   // the drill ran, missed nothing it could show, but some verdicts are inconclusive or unproven
	ExitEvidence     = 5   // the drill ran, but its evidence bundle could not be written
	ExitInterrupted  = 130 // interrupted by a signal
)

// Streams are the standard streams a command writes to, replaceable in tests.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
	// IsTerminal reports whether Out is a terminal (progress and colours).
	IsTerminal bool

	logs *logFlags // the global log flags, set by NewRoot
	lang *langFlag // the global --lang, set by NewRoot
}

// StdStreams returns the process's standard streams.
func StdStreams() Streams {
	st, err := os.Stdout.Stat()
	term := err == nil && st.Mode()&os.ModeCharDevice != 0
	return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, IsTerminal: term}
}

// commands lists the constructors of the top-level commands, in the order help
// shows them: by name.
var commands = []func(*Streams) *cobra.Command{
	newAbortCmd,
	newAckCmd,
	newClusterCmd,
	newConsoleCmd,
	newDiffCmd,
	newExportCmd,
	newGenCmd,
	newImpactCmd,
	newImportCmd,
	newKeygenCmd,
	newListCmd,
	newMatrixCmd,
	newNotifyCmd,
	newPublishCmd,
	newObserveCmd,
	newReviewCmd,
	newActionsCmd,
	newReadinessCmd,
	newRenderCmd,
	newReportCmd,
	newRunCmd,
	newScenariosCmd,
	newScheduleCmd,
	newSchemaCmd,
	newServerCmd,
	newStatusCmd,
	newStepCmd,
	newStepsCmd,
	newStopAllCmd,
	newSuppliersCmd,
	newValidateCmd,
	newVerifyCmd,
	newVersionCmd,
	newWorkerCmd,
}

// exitError carries an exit code through cobra to Execute.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err so that Execute exits with code.
func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

// NewRoot builds the command tree writing to s.
func NewRoot(s *Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "exitdrill",
		Short: "Prove that critical processes survive the loss of a supplier",
		Long: `exitdrill reads a business-impact catalog (processes -> applications -> suppliers,
with RTO, RPO and MTPD), an outage scenario and runbooks, runs the drill, and writes
recovery-time evidence.

Exit codes: 0 ok; 1 error; 2 usage error or invalid input; 3 the drill ran and
objectives were missed; 130 interrupted.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// --version prints what the version command prints.
	info := version.Get()
	root.Version = info.Version
	root.SetVersionTemplate(strings.ReplaceAll(info.String(), "{{", `{{"{{"}}`))
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return asUsage(err) })
	s.logs = &logFlags{}
	s.logs.addFlags(root.PersistentFlags())
	s.lang = &langFlag{}
	s.lang.addFlags(root.PersistentFlags())
	// A language exitdrill does not speak stops every command before it
	// does anything (exit 2), not a drill after it ran.
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		_, err := s.language()
		return err
	}
	for _, f := range commands {
		root.AddCommand(f(s))
	}
	// cobra adds help and completion when it executes; add them now so that
	// their usage errors are marked too.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	markUsageErrors(root)
	setHelp(root, s)
	return root
}

// Execute runs the command line args and returns the process exit code.
func Execute(ctx context.Context, args []string, s Streams) int {
	root := NewRoot(&s)
	root.SetArgs(args)
	var err error
	if cmd := engineCommand(root, args); cmd != nil {
		err = withCode(ExitError, execEngine(cmd, args))
	} else {
		err = root.ExecuteContext(ctx)
	}
	if err == nil {
		return ExitOK
	}
	if ctx.Err() != nil {
		fmt.Fprintln(s.Err, "exitdrill: "+s.printer().T("interrupted"))
		return ExitInterrupted
	}
	fmt.Fprintln(s.Err, "exitdrill: "+errorText(s.printer(), err))
	var denied *serviceerror.PermissionDenied
	if errors.As(err, &denied) {
		// Temporal tells the caller no more, so that nobody learns the rules
		// by trying; the server's log says which role and call.
		fmt.Fprintln(s.Err, "exitdrill: "+s.printer().T("the server refused this: the role of the certificate shown (--tls-cert) does not allow it, or the API key's"))
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return ExitInvalid
	}
	return ExitError
}

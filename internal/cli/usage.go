package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// usageError is a command line exitdrill cannot run: an unknown command or
// flag, a bad flag value, a required flag left out or the wrong number of
// arguments. Execute exits with ExitInvalid for it. cobra's own errors become
// usageErrors where cobra reports them (the flag error function, the argument
// validators, the required-flag check), so no message text is matched.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// asUsage marks err, if any, as a usage error.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return &usageError{err: err}
}

// markUsageErrors makes every command in the tree under c report its command
// line mistakes as usageErrors (flag errors: see NewRoot).
func markUsageErrors(c *cobra.Command) {
	if c.HasSubCommands() && !c.Runnable() {
		// A command group, the root included: cobra reports an unknown
		// subcommand of the root with a plain error and, for other groups,
		// prints help and exits 0. Made runnable, a group shows its help when
		// run alone and refuses anything else as a usageError.
		c.Args = unknownSubcommand
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
	if args := c.Args; args != nil {
		c.Args = func(cmd *cobra.Command, a []string) error { return asUsage(args(cmd, a)) }
	}
	if c.Runnable() {
		checkFlagsFirst(c)
	}
	for _, sub := range c.Commands() {
		markUsageErrors(sub)
	}
}

// unknownSubcommand refuses arguments to a command group, with cobra's
// message and suggestions.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	var b strings.Builder
	fmt.Fprintf(&b, "unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		b.WriteString("\n\nDid you mean this?\n")
		for _, name := range s {
			fmt.Fprintf(&b, "\t%s\n", name)
		}
	}
	return errors.New(b.String())
}

// checkFlagsFirst checks c's required flags and flag groups in PreRunE, where
// a failure can be marked, before cobra's own check would report it unmarked.
func checkFlagsFirst(c *cobra.Command) {
	pre := c.PreRunE
	if pre == nil && c.PreRun != nil {
		run := c.PreRun
		pre = func(cmd *cobra.Command, args []string) error { run(cmd, args); return nil }
		c.PreRun = nil
	}
	c.PreRunE = func(cmd *cobra.Command, args []string) error {
		if err := cmd.ValidateRequiredFlags(); err != nil {
			return asUsage(err)
		}
		if err := cmd.ValidateFlagGroups(); err != nil {
			return asUsage(err)
		}
		if pre != nil {
			return pre(cmd, args)
		}
		return nil
	}
}

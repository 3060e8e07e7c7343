package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// setHelp gives root (and so every command) a help function that speaks the
// language asked for. The language is read when help is printed, after
// cobra has parsed --lang: English is cobra's own help, byte for byte;
// Dutch is the same layout in Dutch words (helpIn).
func setHelp(root *cobra.Command, s *Streams) {
	english := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		p := s.printer()
		if !p.Dutch() {
			english(c, args)
			return
		}
		helpIn(c.OutOrStdout(), c, p)
	})
}

// helpIn writes c's help as cobra's default help template does, in the
// printer's language: the long text when the Dutch tables have it, else
// the short text with where the long one is to be read; then the usage.
func helpIn(w io.Writer, c *cobra.Command, p *lang.Printer) {
	text, ok := p.LongHelp(strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" "), c.Long)
	if !ok {
		text = p.T(c.Long) // the root's, in the tables by its text
	}
	if c.Long == "" || text == c.Long {
		text = p.T(c.Short)
		if c.Long != "" {
			text += "\n\n" + p.F("More (in English): %s --help --lang en", c.CommandPath())
		}
	}
	if text = strings.TrimRight(text, " \t\n"); text != "" {
		fmt.Fprintln(w, text)
		fmt.Fprintln(w)
	}
	if c.Runnable() || c.HasSubCommands() {
		usageIn(w, c, p)
	}
}

// usageIn writes c's usage as cobra's default usage template does, in the
// printer's language. Command lines, names and examples stay as they are.
func usageIn(w io.Writer, c *cobra.Command, p *lang.Printer) {
	fmt.Fprint(w, p.T("Usage:"))
	if c.Runnable() {
		line := c.UseLine()
		if rest, ok := strings.CutSuffix(line, " [flags]"); ok {
			line = rest + " " + p.T("[flags]")
		}
		fmt.Fprintf(w, "\n  %s", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s %s", c.CommandPath(), p.T("[command]"))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "\n\n%s\n  %s", p.T("Aliases:"), c.NameAndAliases())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\n%s\n%s", p.T("Examples:"), c.Example)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", p.T("Available Commands:"))
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), p.T(sub.Short))
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", p.T("Flags:"), strings.TrimRight(flagUsagesIn(p, c.LocalFlags(), c), " \t\n"))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n\n%s\n%s", p.T("Global Flags:"), strings.TrimRight(flagUsagesIn(p, c.InheritedFlags(), c), " \t\n"))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n%s", p.F("Use \"%s [command] --help\" for more information about a command.", c.CommandPath()))
	}
	fmt.Fprintln(w)
}

// flagUsagesIn is fs.FlagUsages with each usage and pflag's "(default …)"
// in the printer's language. The flags' names and defaults stay as they are.
func flagUsagesIn(p *lang.Printer, fs *pflag.FlagSet, c *cobra.Command) string {
	out := pflag.NewFlagSet(c.Name(), pflag.ContinueOnError)
	out.SortFlags = fs.SortFlags
	fs.VisitAll(func(f *pflag.Flag) {
		g := *f
		g.Usage = flagUsageIn(p, f)
		out.AddFlag(&g)
	})
	return strings.ReplaceAll(out.FlagUsages(), " (default ", " "+p.T("(default")+" ")
}

// flagUsageIn is f's usage in the printer's language; cobra's own help
// and version flags say whose they are ("help for validate").
func flagUsageIn(p *lang.Printer, f *pflag.Flag) string {
	if name, ok := strings.CutPrefix(f.Usage, "help for "); ok && f.Name == "help" {
		return p.F("help for %s", name)
	}
	if name, ok := strings.CutPrefix(f.Usage, "version for "); ok && f.Name == "version" {
		return p.F("version for %s", name)
	}
	return p.T(f.Usage)
}

package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// printInjects lists a drill's injects, one line each: when it was due on
// the scenario clock, to whom, and what became of it, an inject nobody
// acknowledged said as such; in the printer's language, the times on this
// machine's clock. Nothing for a drill without injects.
func printInjects(w io.Writer, p *lang.Printer, injects []*drill.InjectResult) {
	if len(injects) == 0 {
		return
	}
	fmt.Fprintln(w, p.T("Injects:"))
	for _, in := range injects {
		fmt.Fprint(w, p.F("  %s %s to %s: %s\n", in.At, in.ID, in.To, injectState(p, in)))
	}
}

func injectState(p *lang.Printer, in *drill.InjectResult) string {
	switch in.Status {
	case drill.InjectAcknowledged:
		var by []string
		for _, a := range in.Acks {
			by = append(by, p.F("%s at %s", a.By, localTime(p, a.At)))
		}
		return p.F("acknowledged by %s", strings.Join(by, ", "))
	case drill.InjectDelivered:
		return p.F("delivered %s, NOT ACKNOWLEDGED by anyone", localTime(p, in.Delivered))
	case drill.InjectNotDelivered:
		return p.F("not delivered: %s", p.Filled(in.Why))
	}
	return p.T("pending")
}

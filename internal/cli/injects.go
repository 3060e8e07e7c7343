package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// printInjects lists a drill's injects, one line each: when it was due on
// the scenario clock, to whom, and what became of it, an inject nobody
// acknowledged said as such. Nothing for a drill without injects.
func printInjects(w io.Writer, injects []*drill.InjectResult) {
	if len(injects) == 0 {
		return
	}
	fmt.Fprintln(w, "Injects:")
	for _, in := range injects {
		fmt.Fprintf(w, "  %s %s to %s: %s\n", in.At, in.ID, in.To, injectState(in))
	}
}

func injectState(in *drill.InjectResult) string {
	switch in.Status {
	case drill.InjectAcknowledged:
		var by []string
		for _, a := range in.Acks {
			by = append(by, a.By+" at "+a.At.Local().Format(time.DateTime))
		}
		return "acknowledged by " + strings.Join(by, ", ")
	case drill.InjectDelivered:
		return "delivered " + in.Delivered.Local().Format(time.DateTime) + ", NOT ACKNOWLEDGED by anyone"
	case drill.InjectNotDelivered:
		return "not delivered: " + in.Why
	}
	return "pending"
}

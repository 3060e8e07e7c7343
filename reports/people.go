package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
)

// Notice is one event of the drill's notifications, for the reports: a
// delivery (notified, notify-failed) or a decision about one (held by quiet
// hours, deferred, dropped, told to the deputy instead).
type Notice struct {
	At time.Time `json:"at"`
	// About is what it was about: "drill", "PROCESS/STEP" or "inject ID".
	About string `json:"about"`
	Kind  string `json:"kind"`
	Text  string `json:"text"`
}

// notices gathers the notification events of a drill's result: the
// drill's own, its manual steps' and its injects', in time order (equal
// times in that order).
func notices(res *drill.DrillResult) []Notice {
	var out []Notice
	add := func(about string, events []drill.Event) {
		for _, e := range events {
			if strings.HasPrefix(e.Kind, "notif") {
				out = append(out, Notice{At: e.At.UTC(), About: about, Kind: e.Kind, Text: e.Text})
			}
		}
	}
	add("drill", res.Notifications)
	for _, p := range res.Processes {
		for _, list := range [][]*drill.StepResult{p.Steps, p.Rollback} {
			for _, s := range list {
				add(p.Process+"/"+s.Step, s.Events)
			}
		}
	}
	for _, in := range res.Injects {
		add("inject "+in.ID, in.Events)
	}
	slices.SortStableFunc(out, func(a, b Notice) int { return a.At.Compare(b.At) })
	return out
}

// noticeCounts says how many deliveries were made and failed, and how many
// messages quiet hours held: "3 delivered, 1 failed, 1 held by quiet hours".
func noticeCounts(p *lang.Printer, ns []Notice) string {
	var ok, failed, held int
	for _, n := range ns {
		switch n.Kind {
		case "notified":
			ok++
		case "notify-failed":
			failed++
		case "notify-held":
			held++
		}
	}
	return p.F("%d delivered, %d failed, %d held by quiet hours", ok, failed, held)
}

// injectState says what became of an inject, in the printer's language:
// who acknowledged it and when, or that nobody did, or why it was not
// delivered. at writes a moment.
func injectState(p *lang.Printer, in *drill.InjectResult, at func(time.Time) string) string {
	switch in.Status {
	case drill.InjectAcknowledged:
		var acks []string
		for _, a := range in.Acks {
			s := p.F("%s at %s", drill.Who(a.By, a.Account), at(a.At))
			if a.Note != "" {
				s += fmt.Sprintf(" (%s)", a.Note)
			}
			acks = append(acks, s)
		}
		return p.T("acknowledged by") + " " + strings.Join(acks, "; ")
	case drill.InjectDelivered:
		return p.T("NOT ACKNOWLEDGED by anyone")
	case drill.InjectNotDelivered:
		return p.T("not delivered:") + " " + injectWhy(p, in.Why)
	}
	return p.T(cmp.Or(in.Status, "pending"))
}

// injectWhy translates the reasons the Drill workflow gives.
func injectWhy(p *lang.Printer, why string) string {
	switch why {
	case "the drill ended before its time":
		return p.T("the drill ended before its time")
	case "the drill was aborted before its time":
		return p.T("the drill was aborted before its time")
	}
	return why
}

// injectTold says, for a delivered inject that told nobody, why.
func injectTold(in *drill.InjectResult) string {
	if in.Status != drill.InjectNotDelivered && in.Why != "" {
		return in.Why
	}
	return ""
}

// writePeopleText writes the injects and the notifications of the text
// report, in the printer's language; nothing when the drill has neither.
func writePeopleText(w io.Writer, r *Report, p *lang.Printer) {
	at := func(t time.Time) string { return mdTime(p, t) }
	if len(r.Injects) > 0 {
		fmt.Fprint(w, p.F("\nInjects (%d):\n", len(r.Injects)))
		for _, in := range r.Injects {
			fmt.Fprint(w, p.F("  - %s, %s to %s: %s\n", in.ID, in.At, in.To, in.Message))
			line := p.F("delivered %s; ", at(in.Delivered))
			if in.Delivered.IsZero() {
				line = ""
			}
			fmt.Fprintf(w, "    %s%s\n", line, injectState(p, in, at))
			if why := injectTold(in); why != "" {
				fmt.Fprintf(w, "    %s\n", why)
			}
		}
	}
	if len(r.Notifications) > 0 {
		fmt.Fprint(w, p.F("\nNotifications (%s):\n", noticeCounts(p, r.Notifications)))
		for _, n := range r.Notifications {
			fmt.Fprintf(w, "  - %s %s: %s: %s\n", at(n.At), n.About, p.T(n.Kind), p.Filled(n.Text))
		}
	}
}

// writePeopleMarkdown writes the injects and the notifications as Markdown
// sections; nothing when the drill has neither.
func writePeopleMarkdown(w io.Writer, r *Report, p *lang.Printer) {
	at := func(t time.Time) string { return mdTime(p, t) }
	if len(r.Injects) > 0 {
		fmt.Fprintln(w, p.T("## Injects"))
		fmt.Fprintln(w)
		mdTable(w, []string{p.T("Inject"), p.T("When"), p.T("To"), p.T("Message"), p.T("Delivered"), p.T("Acknowledged")})
		for _, in := range r.Injects {
			delivered := "-"
			if !in.Delivered.IsZero() {
				delivered = at(in.Delivered)
			}
			mdRow(w, in.ID, in.At.String(), in.To, in.Message, delivered, injectState(p, in, at))
		}
		fmt.Fprintln(w)
	}
	if len(r.Notifications) > 0 {
		fmt.Fprintln(w, p.T("## Notifications"))
		fmt.Fprintln(w)
		fmt.Fprintf(w, "%s.\n\n", md(noticeCounts(p, r.Notifications)))
		mdTable(w, []string{p.T("Time"), p.T("About"), p.T("Event"), p.T("What")})
		for _, n := range r.Notifications {
			mdRow(w, at(n.At), n.About, p.T(n.Kind), p.Filled(n.Text))
		}
		fmt.Fprintln(w)
	}
}

// injectRow is one inject in the HTML report.
type injectRow struct {
	In        *drill.InjectResult
	Delivered string
	State     string
	Told      string
	Open      bool // delivered, acknowledged by nobody
}

// injectRows are the HTML report's inject rows, in the printer's language.
func injectRows(r *Report, p *lang.Printer) []injectRow {
	at := func(t time.Time) string {
		if !p.Dutch() {
			return timeText(t)
		}
		return p.DateTime(t)
	}
	var out []injectRow
	for _, in := range r.Injects {
		row := injectRow{In: in, Delivered: "-", State: injectState(p, in, at), Told: injectTold(in), Open: in.Status == drill.InjectDelivered}
		if !in.Delivered.IsZero() {
			row.Delivered = at(in.Delivered)
		}
		out = append(out, row)
	}
	return out
}

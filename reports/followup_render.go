package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// maxActionLines bounds the action items the findings-and-actions section
// lists, so that it stays one page; the rest are counted.
const maxActionLines = 15

// followUpHeading is the section's title in every format.
const followUpHeading = "Findings and actions"

// actionState is an action line's state in words.
func actionState(p *lang.Printer, a judge.ActionLine) string {
	if a.Overdue {
		return p.T("OVERDUE")
	}
	return p.T("open")
}

// writeFollowUpText writes the findings-and-actions section of the text
// readiness view; nothing without reviews.
func writeFollowUpText(w io.Writer, r *judge.Readiness, p *lang.Printer) {
	f := r.FollowUp
	if f == nil {
		return
	}
	fmt.Fprint(w, p.F("\n%s: %d open action items (%d overdue), %d done\n", p.T(followUpHeading), len(f.Actions), overdueCount(f), f.Done))
	for _, row := range f.Rows {
		flag := ""
		if row.Flagged {
			flag = "  " + p.T("FLAGGED: an action from its last drill is overdue")
		}
		fmt.Fprint(w, p.F("  %s: %d findings in its last drill, %d open actions, %d overdue%s\n", row.Process, row.Findings, row.Open, row.Overdue, flag))
	}
	for i, a := range f.Actions {
		if i == maxActionLines {
			fmt.Fprint(w, p.F("  … and %d more (exitdrill actions list)\n", len(f.Actions)-i))
			break
		}
		fmt.Fprint(w, p.F("  - %s %s due %s, %s: %s (drill %s%s)\n", actionState(p, a), a.ID, dueIn(p, a.Due), a.Owner, a.Title, a.Drill, linkText(a)))
	}
}

// dueIn is an action's due date (2026-12-05) in the printer's language.
func dueIn(p *lang.Printer, due drill.Date) string {
	if !p.Dutch() || due.IsZero() {
		return due.String()
	}
	return p.Date(due.Time)
}

// writeFollowUpMarkdown is writeFollowUpText in Markdown.
func writeFollowUpMarkdown(w io.Writer, r *judge.Readiness, p *lang.Printer) {
	f := r.FollowUp
	if f == nil {
		return
	}
	fmt.Fprint(w, p.F("\n## %s\n\n%d open action items (%d overdue), %d done.\n\n", p.T(followUpHeading), len(f.Actions), overdueCount(f), f.Done))
	mdTable(w, []string{p.T("Process"), p.T("Findings (last drill)"), p.T("Open actions"), p.T("Overdue"), p.T("Flagged")})
	for _, row := range f.Rows {
		mdRow(w, row.Process, itoa(row.Findings), itoa(row.Open), itoa(row.Overdue), p.T(yesNo(row.Flagged)))
	}
	fmt.Fprintln(w)
	for i, a := range f.Actions {
		if i == maxActionLines {
			fmt.Fprint(w, p.F("- … and %d more\n", len(f.Actions)-i))
			break
		}
		fmt.Fprint(w, p.F("- %s %s due %s, %s: %s (drill %s%s)\n", actionState(p, a), md(a.ID), dueIn(p, a.Due), md(a.Owner), md(a.Title), md(a.Drill), md(linkText(a))))
	}
}

func overdueCount(f *judge.FollowUp) int {
	n := 0
	for _, a := range f.Actions {
		if a.Overdue {
			n++
		}
	}
	return n
}

func linkText(a judge.ActionLine) string {
	if l := a.Link(); l != "" {
		return ", " + strings.TrimSpace(l)
	}
	return ""
}

// firstActions are the action lines the one-page section lists.
func firstActions(f *judge.FollowUp) []judge.ActionLine {
	if len(f.Actions) > maxActionLines {
		return f.Actions[:maxActionLines]
	}
	return f.Actions
}

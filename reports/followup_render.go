package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/exitdrill/exitdrill/reports/judge"
)

// maxActionLines bounds the action items the findings-and-actions section
// lists, so that it stays one page; the rest are counted.
const maxActionLines = 15

// followUpHeading is the section's title in every format.
const followUpHeading = "Findings and actions"

// actionState is an action line's state in words.
func actionState(a judge.ActionLine) string {
	if a.Overdue {
		return "OVERDUE"
	}
	return "open"
}

// writeFollowUpText writes the findings-and-actions section of the text
// readiness view; nothing without reviews.
func writeFollowUpText(w io.Writer, r *judge.Readiness) {
	f := r.FollowUp
	if f == nil {
		return
	}
	fmt.Fprintf(w, "\n%s: %d open action items (%d overdue), %d done\n", followUpHeading, len(f.Actions), overdueCount(f), f.Done)
	for _, row := range f.Rows {
		flag := ""
		if row.Flagged {
			flag = "  FLAGGED: an action from its last drill is overdue"
		}
		fmt.Fprintf(w, "  %s: %d findings in its last drill, %d open actions, %d overdue%s\n", row.Process, row.Findings, row.Open, row.Overdue, flag)
	}
	for i, a := range f.Actions {
		if i == maxActionLines {
			fmt.Fprintf(w, "  … and %d more (exitdrill actions list)\n", len(f.Actions)-i)
			break
		}
		fmt.Fprintf(w, "  - %s %s due %s, %s: %s (drill %s%s)\n", actionState(a), a.ID, a.Due, a.Owner, a.Title, a.Drill, linkText(a))
	}
}

// writeFollowUpMarkdown is writeFollowUpText in Markdown.
func writeFollowUpMarkdown(w io.Writer, r *judge.Readiness) {
	f := r.FollowUp
	if f == nil {
		return
	}
	fmt.Fprintf(w, "\n## %s\n\n%d open action items (%d overdue), %d done.\n\n", followUpHeading, len(f.Actions), overdueCount(f), f.Done)
	mdTable(w, []string{"Process", "Findings (last drill)", "Open actions", "Overdue", "Flagged"})
	for _, row := range f.Rows {
		mdRow(w, row.Process, itoa(row.Findings), itoa(row.Open), itoa(row.Overdue), yesNo(row.Flagged))
	}
	fmt.Fprintln(w)
	for i, a := range f.Actions {
		if i == maxActionLines {
			fmt.Fprintf(w, "- … and %d more\n", len(f.Actions)-i)
			break
		}
		fmt.Fprintf(w, "- %s %s due %s, %s: %s (drill %s%s)\n", actionState(a), md(a.ID), a.Due, md(a.Owner), md(a.Title), md(a.Drill), md(linkText(a)))
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

package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// markdownReport renders the report for wikis and issues: summary, verdicts,
// suppliers, findings and step detail with evidence hashes.
func markdownReport(r *Report) ([]byte, error) {
	var buf bytes.Buffer
	writeMarkdown(&buf, r)
	return buf.Bytes(), nil
}

func writeMarkdown(w io.Writer, r *Report) {
	sc := r.Scenario
	if r.NotVerified != "" {
		fmt.Fprintf(w, "> **%s**\n\n", md(notVerifiedBanner(r.NotVerified)))
	}
	fmt.Fprintf(w, "# Drill %s — %s\n\n", md(r.DrillID), md(r.Organisation))
	fmt.Fprintf(w, "**%s**\n\n", md(r.Summary.Headline))
	fmt.Fprintf(w, "- Scenario: %s — lost %s for %s, %s mode\n", md(orID(sc.Title, sc.ID)), md(listOr(sc.Lost, "nothing")), sc.Duration, md(sc.Mode))
	fmt.Fprintf(w, "- Started %s, wall time %s\n", timeText(r.Started), orDash(r.WallTime))
	if r.StartedBy != "" {
		fmt.Fprintf(w, "- Started by %s\n", md(r.Starter()))
	}
	if r.Note != "" {
		fmt.Fprintf(w, "- Note: %s\n", mdLines(r.Note))
	}
	writeExerciseMarkdown(w, r)
	if r.Abort != nil {
		fmt.Fprintf(w, "- **Aborted** by %s: %s\n", md(r.Abort.Who()), md(r.Abort.Reason))
	}
	f := r.Summary.Findings
	fmt.Fprintf(w, "- Findings: %d critical, %d high, %d medium, %d low\n\n", f.Critical, f.High, f.Medium, f.Low)

	fmt.Fprintln(w, "## Verdicts")
	fmt.Fprintln(w)
	mdTable(w, []string{"Process", "Owner", "Critical", "Verdict", "Recovery", "RTO", "MTPD", "Against objectives", "Data loss", "Score"})
	for _, p := range r.Processes {
		mdRow(w, orID(p.Name, p.ID), p.Owner, yesNo(p.Critical), string(p.Verdict), recoveryText(p), p.RTO.String(), p.MTPD.String(),
			p.Against, DataLossText(p.DataLoss), itoa(p.Score))
	}
	fmt.Fprintf(w, "\n%s\n\n", md(legend))

	if rows := coverageRows(r); len(rows) > 0 {
		fmt.Fprintln(w, "## Coverage")
		fmt.Fprintln(w)
		mdTable(w, []string{"Process", "Lost application", "Covering steps", "Result"})
		for _, c := range rows {
			mdRow(w, c.Process, c.App, c.StepsText(), c.ResultText())
		}
		fmt.Fprintf(w, "\n%s\n\n", md(coverageNote))
	}

	if len(r.Suppliers) > 0 {
		fmt.Fprintln(w, "## Unavailable suppliers")
		fmt.Fprintln(w)
		waited := anyWaitedOut(r)
		head := []string{"Supplier", "How", "Processes", "Recovered", "Late", "Breached", "Tolerated", "Aborted"}
		if waited {
			head = append(head, "Waited out")
		}
		mdTable(w, head)
		for _, s := range r.Suppliers {
			how := "down (depends on a lost supplier)"
			if s.Lost {
				how = "lost"
			}
			v := s.Verdicts
			row := []string{s.Supplier, how, itoa(s.Processes), itoa(v.Recovered), itoa(v.Late), itoa(v.Breached), itoa(v.Tolerated), itoa(v.Aborted)}
			if waited {
				row = append(row, itoa(v.WaitedOut))
			}
			mdRow(w, row...)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintln(w, "## Findings")
	fmt.Fprintln(w)
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
	} else {
		mdTable(w, []string{"#", "Severity", "Finding", "Owner", "What to do"})
		for i, f := range r.Findings {
			mdRow(w, itoa(i+1), string(f.Severity), f.Title+": "+f.Detail, f.Owner, f.Hint)
		}
	}
	fmt.Fprintln(w)

	fmt.Fprintln(w, "## Steps")
	for _, p := range r.Processes {
		fmt.Fprintf(w, "\n### %s\n\n", md(orID(p.Name, p.ID)))
		if len(p.Steps) == 0 {
			fmt.Fprintf(w, "No steps. %s\n", md(p.Problem))
			continue
		}
		mdTable(w, []string{"Step", "Kind", "Target", "Status", "Scenario clock", "Duration", "Measure", "Wall", "Reason", "Event"})
		for _, s := range p.Steps {
			mdRow(w, stepName(s), string(s.Kind), orDash(s.Target), string(s.Status), s.Start.String()+" → "+s.End.String(), s.Duration.String(),
				s.MeasureText(), orDash(s.Wall), orDash(s.Reason), fmt.Sprintf("#%d %s", s.EventSeq, short(s.EventHash)))
		}
	}
	fmt.Fprintf(w, "\n## Evidence\n\nJournal of %d events, head `%s`; %s.\n\n", r.Evidence.JournalEvents, r.Evidence.JournalHead, signedBy(r.Evidence.Signer))
	mdTable(w, []string{"File", "SHA-256", "Bytes"})
	for _, a := range r.Evidence.Files {
		mdRow(w, a.Path, "`"+a.SHA256+"`", itoa(a.Size))
	}
	for _, d := range r.Evidence.Definitions {
		mdRow(w, d.Path, "`"+d.SHA256+"`", itoa(d.Size))
	}
}

func mdTable(w io.Writer, header []string) {
	mdRow(w, header...)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(sep, " | "))
}

func mdRow(w io.Writer, cells ...string) {
	for i, c := range cells {
		if !strings.HasPrefix(c, "`") {
			cells[i] = md(c)
		}
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
}

var mdEscaper = strings.NewReplacer(
	"\\", "\\\\", "|", "\\|", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]",
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes text for Markdown, including inline HTML (most wikis render it)
// and the pipes and line breaks that would break a table row.
func md(s string) string { return mdEscaper.Replace(s) }

// mdLines escapes text of several lines for a list item, keeping its line
// breaks (a backslash at the end of a line is a hard break in CommonMark).
func mdLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = md(l)
	}
	return strings.Join(lines, "\\\n  ")
}

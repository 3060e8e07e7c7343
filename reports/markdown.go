package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/internal/lang"
)

// markdownReport renders the report for wikis and issues: summary, verdicts,
// suppliers, findings and step detail with evidence hashes.
func markdownReport(r *Report, p *lang.Printer) ([]byte, error) {
	var buf bytes.Buffer
	writeMarkdown(&buf, r, p)
	return buf.Bytes(), nil
}

func writeMarkdown(w io.Writer, r *Report, p *lang.Printer) {
	sc := r.Scenario
	if r.NotVerified != "" {
		fmt.Fprintf(w, "> **%s**\n\n", md(p.Filled(notVerifiedBanner(r.NotVerified))))
	}
	fmt.Fprint(w, p.F("# Drill %s — %s\n\n", md(r.DrillID), md(r.Organisation)))
	fmt.Fprintf(w, "**%s**\n\n", md(headlineIn(p, r)))
	fmt.Fprint(w, p.F("- Scenario: %s — lost %s for %s, %s mode\n", md(orID(p.Filled(sc.Title), sc.ID)), md(listOr(sc.Lost, p.T("nothing"))), p.Duration(sc.Duration.Std(), sc.Duration.String()), md(modeIn(p, sc.Mode))))
	fmt.Fprint(w, p.F("- Started %s, wall time %s\n", mdTime(p, r.Started), orDash(r.WallTime)))
	if r.StartedBy != "" {
		fmt.Fprint(w, p.F("- Started by %s\n", md(r.Starter())))
	}
	if r.Note != "" {
		fmt.Fprint(w, p.F("- Note: %s\n", mdLines(r.Note)))
	}
	writeExerciseMarkdown(w, r, p)
	if r.Abort != nil {
		fmt.Fprint(w, p.F("- **Aborted** by %s: %s\n", md(r.Abort.Who()), md(r.Abort.Reason)))
	}
	f := r.Summary.Findings
	fmt.Fprint(w, p.F("- Findings: %d critical, %d high, %d medium, %d low\n\n", f.Critical, f.High, f.Medium, f.Low))

	fmt.Fprintln(w, p.T("## Verdicts"))
	fmt.Fprintln(w)
	mdTable(w, []string{p.T("Process"), p.T("Owner"), p.T("Critical"), p.T("Verdict"), p.T("Recovery"), "RTO", "MTPD", p.T("Against objectives"), p.T("Data loss"), p.T("Score")})
	for _, pr := range r.Processes {
		mdRow(w, orID(pr.Name, pr.ID), pr.Owner, p.T(yesNo(pr.Critical)), p.T(string(pr.Verdict)), recoveryIn(p, pr), p.Duration(pr.RTO.Std(), pr.RTO.String()),
			p.Duration(pr.MTPD.Std(), pr.MTPD.String()), p.Filled(pr.Against), DataLossIn(p, pr.DataLoss), itoa(pr.Score))
	}
	fmt.Fprintf(w, "\n%s\n\n", md(p.T(legend)))

	if rows := coverageRows(r); len(rows) > 0 {
		fmt.Fprintln(w, p.T("## Coverage"))
		fmt.Fprintln(w)
		mdTable(w, []string{p.T("Process"), p.T("Lost application"), p.T("Covering steps"), p.T("Result")})
		for _, c := range rows {
			mdRow(w, c.Process, c.App, c.StepsText(), p.Filled(c.ResultText()))
		}
		fmt.Fprintf(w, "\n%s\n\n", md(p.T(coverageNote)))
	}

	if len(r.Suppliers) > 0 {
		fmt.Fprintln(w, p.T("## Unavailable suppliers"))
		fmt.Fprintln(w)
		waited := anyWaitedOut(r)
		head := []string{p.T("Supplier"), p.T("How"), p.T("Processes"), p.T("Recovered"), p.T("Late"), p.T("Breached"), p.T("Tolerated"), p.T("Aborted")}
		if waited {
			head = append(head, p.T("Waited out"))
		}
		mdTable(w, head)
		for _, s := range r.Suppliers {
			how := p.T("down (depends on a lost supplier)")
			if s.Lost {
				how = p.T("lost")
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

	fmt.Fprintln(w, p.T("## Findings"))
	fmt.Fprintln(w)
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, p.T("No findings."))
	} else {
		mdTable(w, []string{"#", p.T("Severity"), p.T("Finding"), p.T("Owner"), p.T("What to do")})
		for i, f := range r.Findings {
			mdRow(w, itoa(i+1), p.T(string(f.Severity)), p.Filled(f.Title)+": "+findingDetailIn(p, r, f.Detail, f.Process), f.Owner, p.Filled(f.Hint))
		}
	}
	fmt.Fprintln(w)
	writePeopleMarkdown(w, r, p)

	fmt.Fprintln(w, p.T("## Steps"))
	for _, pr := range r.Processes {
		fmt.Fprintf(w, "\n### %s\n\n", md(orID(pr.Name, pr.ID)))
		if len(pr.Steps) == 0 {
			fmt.Fprint(w, p.F("No steps. %s\n", md(pr.Problem)))
			continue
		}
		mdTable(w, []string{p.T("Step"), p.T("Kind"), p.T("Target"), p.T("Status"), p.T("Scenario clock"), p.T("Duration"), p.T("Measure"), p.T("Wall"), p.T("Reason"), p.T("Event")})
		for _, s := range pr.Steps {
			mdRow(w, stepName(s), string(s.Kind), orDash(s.Target), p.T(string(s.Status)), p.Clock(s.Start.String())+" → "+p.Clock(s.End.String()), p.Clock(s.Duration.String()),
				p.Filled(s.MeasureText()), wallDecimalIn(p, orDash(s.Wall)), orDash(p.Filled(s.Reason)), fmt.Sprintf("#%d %s", s.EventSeq, short(s.EventHash)))
		}
	}
	fmt.Fprint(w, p.F("\n## Evidence\n\nJournal of %d events, head `%s`; %s.\n\n", r.Evidence.JournalEvents, r.Evidence.JournalHead, p.Filled(signedBy(r.Evidence.Signer))))
	mdTable(w, []string{p.T("File"), "SHA-256", p.T("Bytes")})
	for _, a := range r.Evidence.Files {
		mdRow(w, a.Path, "`"+a.SHA256+"`", itoa(a.Size))
	}
	for _, d := range r.Evidence.Definitions {
		mdRow(w, d.Path, "`"+d.SHA256+"`", itoa(d.Size))
	}
}

// mdTime is a moment in the printer's language: as timeText in English.
func mdTime(p *lang.Printer, t time.Time) string {
	if !p.Dutch() {
		return timeText(t)
	}
	return p.DateTime(t)
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

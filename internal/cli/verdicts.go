package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports"
)

// printDrillResult prints the per-process verdict table (or the JSON result)
// and returns the exit code error that failOn decides: 3 when the drill was
// aborted or a process that fails it missed its objectives.
func printDrillResult(s *Streams, out *outputFlag, failOn *failOnFlag, res *drill.DrillResult) error {
	if out.json() {
		if err := writeJSON(s.Out, res); err != nil {
			return err
		}
	} else {
		if _, err := s.language(); err != nil {
			return err
		}
		renderVerdicts(s, res)
	}
	return failOn.judge(s, res)
}

func renderVerdicts(s *Streams, res *drill.DrillResult) {
	sc, p := res.Scenario, s.printer()
	fmt.Fprint(s.Out, p.F("Drill %s — %s (%s outage, %s mode)\n", res.DrillID, orID(sc.Title, sc.ID), p.Duration(sc.Duration.Std(), sc.Duration.String()), p.T(sc.Mode)))
	if res.Abort != nil {
		fmt.Fprint(s.Out, p.F("ABORTED by %s: %s\n", res.Abort.Who(), res.Abort.Reason))
	}
	t := newTable(s, "")
	t.AppendHeader(table.Row{p.T("Process"), p.T("Owner"), p.T("Verdict"), p.T("Recovery"), "RTO", "MTPD", p.T("Data loss"), p.T("Why")})
	counts := map[drill.Verdict]int{}
	for _, pr := range res.Processes {
		counts[pr.Verdict]++
		t.AppendRow(verdictRow(s, pr, p, sc.Duration))
	}
	t.SetColumnConfigs([]table.ColumnConfig{
		{Number: 7, WidthMax: 30, WidthMaxEnforcer: text.WrapSoft},
		{Number: 8, WidthMax: 80, WidthMaxEnforcer: text.WrapSoft},
	})
	t.Render()
	waited := ""
	if n := counts[drill.WaitedOut]; n > 0 {
		waited = p.F(", %d waited out", n)
	}
	for _, v := range []drill.Verdict{drill.Inconclusive, drill.Unproven} {
		if n := counts[v]; n > 0 {
			waited += p.F(", %d %s", n, p.T(string(v)))
		}
	}
	fmt.Fprint(s.Out, p.F("%d processes: %d recovered, %d late, %d breached, %d tolerated, %d aborted%s. Wall time %s.\n",
		len(res.Processes), counts[drill.Recovered], counts[drill.Late], counts[drill.Breached],
		counts[drill.Tolerated], counts[drill.Aborted], waited, wallTime(p, res.Finished.Sub(res.Started))))
	renderCoverageGaps(s, res, p)
	renderRestores(s, res, p)
	printInjects(s.Out, p, res.Injects)
	fmt.Fprintln(s.Out, p.T("Recovery is scenario time from the outage start: measured for automated steps, declared for waits, simulated for manual steps in compressed mode."))
}

// verdictRow is a process's row of the verdict table, in the printer's
// language: the recovery, the verdict's why and the data loss too.
func verdictRow(s *Streams, pr *drill.ProcessResult, p *lang.Printer, outage drill.Duration) table.Row {
	rec := "-"
	if pr.Recovered {
		rec = p.Duration(pr.Recovery.Std(), pr.Recovery.String())
	}
	if pr.Recovered && pr.Verdict == drill.WaitedOut {
		rec = p.F("would have taken %s", rec)
	}
	why := reports.ResultWhyIn(p, pr, outage)
	if dl := pr.DataLoss; dl != nil && !dl.Met {
		// The verdict judges time; data lost beyond the RPO misses the
		// objectives too, whatever the verdict.
		why += p.F("; objectives missed: data loss beyond RPO %s", p.Duration(dl.RPO.Std(), dl.RPO.String()))
	}
	return table.Row{pr.Process, pr.Owner, verdictLabel(s, pr.Verdict), rec, p.Duration(pr.RTO.Std(), pr.RTO.String()),
		p.Duration(pr.MTPD.Std(), pr.MTPD.String()), reports.DataLossIn(p, pr.DataLoss), why}
}

func verdictLabel(s *Streams, v drill.Verdict) string {
	word := s.printer().T(string(v))
	if !s.IsTerminal {
		return word
	}
	colour := map[drill.Verdict]string{drill.Recovered: "32", drill.Tolerated: "36", drill.WaitedOut: "36", drill.Late: "33",
		drill.Breached: "31", drill.Aborted: "35", drill.Inconclusive: "33", drill.Unproven: "33"}[v]
	return "\033[" + colour + "m" + word + "\033[0m"
}

func orID(title, id string) string {
	if title == "" {
		return id
	}
	return title + " (" + id + ")"
}

// renderCoverageGaps lists the lost applications the drill did not show come
// back: no step covers them, or a covering step did not pass. The reports
// have the whole coverage matrix.
func renderCoverageGaps(s *Streams, res *drill.DrillResult, pr *lang.Printer) {
	t := newTable(s, pr.T("Lost applications not shown to come back"))
	t.AppendHeader(table.Row{pr.T("Process"), pr.T("Lost application"), pr.T("Covering steps"), pr.T("Result")})
	n := 0
	for _, p := range res.Processes {
		for _, c := range p.Coverage {
			if c.Proven() {
				continue
			}
			row := reports.CoverageRow{Process: p.Process, CoverageResult: c}
			t.AppendRow(table.Row{p.Process, c.App, row.StepsText(), pr.Filled(row.ResultText())})
			n++
		}
	}
	if n > 0 {
		t.Render()
	}
}

// renderRestores lists the restores the drill performed with their measured
// times: the measured part of the recovery time.
func renderRestores(s *Streams, res *drill.DrillResult, pr *lang.Printer) {
	t := newTable(s, pr.T("Restores performed (measured)"))
	t.AppendHeader(table.Row{pr.T("Process"), pr.T("Backup"), pr.T("Result"), pr.T("Restore time"), pr.T("Size"), pr.T("Throughput")})
	n := 0
	for _, p := range res.Processes {
		for _, st := range p.Steps {
			if st.Kind != drill.BackupRestore || st.Details[drill.DetailRestoreSeconds] == "" {
				continue
			}
			n++
			t.AppendRow(table.Row{p.Process, st.Target, pr.T(string(st.Status)), decimalIn(pr, st.Details[drill.DetailRestoreSeconds]) + " s",
				decimalIn(pr, reports.HumanBytes(st.Details[drill.DetailBytes])), decimalIn(pr, reports.HumanBytes(st.Details[drill.DetailBytesPerSecond])) + "/s"})
		}
	}
	if n > 0 {
		t.Render()
	}
}

// wallTime is how long a drill really took, for people: as Go writes it,
// rounded to a tenth of a second, in English ("2m27.3s"); "2 min" in Dutch.
func wallTime(p *lang.Printer, d time.Duration) string {
	r := d.Round(100 * time.Millisecond)
	return p.Duration(r, r.String())
}

// decimalIn writes the decimal point of a number at the start of text
// ("1.1 GB", "12.5") with the language's mark: "1,1 GB" in Dutch.
func decimalIn(p *lang.Printer, text string) string {
	if !p.Dutch() {
		return text
	}
	num, rest, _ := strings.Cut(text, " ")
	if _, err := strconv.ParseFloat(num, 64); err != nil {
		return text
	}
	num = strings.Replace(num, ".", ",", 1)
	if rest == "" {
		return num
	}
	return num + " " + rest
}

package reports

import (
	"bytes"
	"fmt"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// Diff is what got better or worse between two drills.
type Diff struct {
	Old DrillRef `json:"old"`
	New DrillRef `json:"new"`
	// Warnings say where the drills are not comparable like for like
	// (scenario, definitions, runbooks, sources, signer); empty when they are.
	Warnings []DiffWarning `json:"warnings"`
	// Tolerance is how far a recovery time may move and stay the same, in
	// the syntax of --tolerance ("10%,5m"); ToleranceText states the rule in
	// words.
	Tolerance     string          `json:"tolerance"`
	ToleranceText string          `json:"toleranceText"`
	Better        int             `json:"better"`
	Worse         int             `json:"worse"`
	Same          int             `json:"same"`
	Processes     []ProcessChange `json:"processes"`
	// NewFindings are in the new drill only, Resolved in the old one only
	// (matched by fingerprint); StillOpen are in both (as the new drill has
	// them) and Persisting counts them.
	NewFindings []evidence.Finding `json:"newFindings"`
	Resolved    []evidence.Finding `json:"resolved"`
	StillOpen   []evidence.Finding `json:"stillOpen"`
	Persisting  int                `json:"persisting"`
}

// DrillRef names a drill.
type DrillRef struct {
	Drill    string    `json:"drill"`
	Scenario string    `json:"scenario"`
	Finished time.Time `json:"finished"`
	// NotVerified says what failed when the drill's bundle did not pass
	// verification and is compared anyway ("WHERE: WHAT"); every format then
	// opens with a warning.
	NotVerified string `json:"notVerified,omitempty"`
}

// Change directions of a process.
const (
	ChangeBetter  = "better"
	ChangeWorse   = "worse"
	ChangeSame    = "same"
	ChangeAdded   = "added"   // only in the new drill
	ChangeRemoved = "removed" // only in the old drill
)

// ProcessChange is one process in both drills.
type ProcessChange struct {
	Process string `json:"process"`
	Name    string `json:"name,omitempty"`
	Change  string `json:"change"`
	Why     string `json:"why"`
	// WithinTolerance is the tolerance ("±12m") when both drills recovered
	// the process at different times, but within it: the same recovery.
	// Without a tolerance it is "under a second": times that differ by less
	// than a second but are shown a second apart.
	WithinTolerance string       `json:"withinTolerance,omitempty"`
	Old             *ProcessSide `json:"old,omitempty"`
	New             *ProcessSide `json:"new,omitempty"`
}

// ProcessSide is a process's outcome in one drill.
type ProcessSide struct {
	Verdict  drill.Verdict `json:"verdict"`
	Recovery string        `json:"recovery"`
	DataLoss string        `json:"dataLoss"`
	Score    int           `json:"score"`

	// outcome is what the drills are compared by (not in the JSON).
	outcome judge.Outcome
}

// NewDiff compares drill old with drill new. A recovery time that moved by
// no more than tol is the same (judge.Tolerance); judge.DefaultTolerance
// unless the user gives one.
func NewDiff(old, new *evidence.Bundle, tol judge.Tolerance) (*Diff, error) {
	a, err := New(old)
	if err != nil {
		return nil, fmt.Errorf("old drill: %w", err)
	}
	b, err := New(new)
	if err != nil {
		return nil, fmt.Errorf("new drill: %w", err)
	}
	d := &Diff{Old: DrillRef{Drill: a.DrillID, Scenario: a.Scenario.ID, Finished: a.Finished},
		New:       DrillRef{Drill: b.DrillID, Scenario: b.Scenario.ID, Finished: b.Finished},
		Tolerance: tol.String(), ToleranceText: tol.Text(), Warnings: comparability(old, new, a, b),
		Processes: []ProcessChange{}, NewFindings: []evidence.Finding{}, Resolved: []evidence.Finding{}, StillOpen: []evidence.Finding{}}
	if d.Warnings == nil {
		d.Warnings = []DiffWarning{}
	}
	olds := map[string]*Process{}
	for _, p := range a.Processes {
		olds[p.ID] = p
	}
	seen := map[string]bool{}
	for _, p := range b.Processes {
		seen[p.ID] = true
		c := compareProcess(olds[p.ID], p, tol)
		d.Processes = append(d.Processes, c)
		switch c.Change {
		case ChangeBetter:
			d.Better++
		case ChangeWorse:
			d.Worse++
		case ChangeSame:
			d.Same++
		}
	}
	for _, p := range a.Processes {
		if !seen[p.ID] {
			d.Processes = append(d.Processes, ProcessChange{Process: p.ID, Name: p.Name, Change: ChangeRemoved, Why: "not in the new drill", Old: side(p)})
		}
	}
	oldF, newF := map[string]bool{}, map[string]bool{}
	for _, f := range a.Findings {
		oldF[f.Fingerprint] = true
	}
	for _, f := range b.Findings {
		newF[f.Fingerprint] = true
		if oldF[f.Fingerprint] {
			d.Persisting++
			d.StillOpen = append(d.StillOpen, f)
		} else {
			d.NewFindings = append(d.NewFindings, f)
		}
	}
	for _, f := range a.Findings {
		if !newF[f.Fingerprint] {
			d.Resolved = append(d.Resolved, f)
		}
	}
	return d, nil
}

func side(p *Process) *ProcessSide {
	return &ProcessSide{Verdict: p.Verdict, Recovery: recoveryExact(p), DataLoss: DataLossText(p.DataLoss), Score: p.Score,
		outcome: judge.Outcome{Verdict: p.Verdict, Recovered: p.Recovered, Recovery: p.Recovery, DataLossMet: p.DataLoss == nil || p.DataLoss.Met, Score: p.Score}}
}

func compareProcess(o, n *Process, tol judge.Tolerance) ProcessChange {
	c := ProcessChange{Process: n.ID, Name: n.Name, New: side(n)}
	if o == nil {
		c.Change, c.Why = ChangeAdded, "not in the old drill"
		return c
	}
	c.Old = side(o)
	dir, by := judge.Compare(c.Old.outcome, c.New.outcome, tol)
	c.Change = changeWord(dir)
	switch by {
	case judge.FigureVerdict:
		c.Why = fmt.Sprintf("verdict %s → %s", o.Verdict, n.Verdict)
	case judge.FigureRecovery:
		c.Why = fmt.Sprintf("recovery %s → %s", o.Recovery, n.Recovery)
	case judge.FigureDataLoss:
		c.Why = fmt.Sprintf("data loss %s → %s", DataLossText(o.DataLoss), DataLossText(n.DataLoss))
	case judge.FigureScore:
		c.Why = fmt.Sprintf("score %d → %d", o.Score, n.Score)
	default:
		c.Why = string(n.Verdict)
	}
	// A recovery time that moved within the tolerance is said, so that
	// "same" never hides a change.
	if within, t := tol.Within(o.Recovery, n.Recovery); o.Recovered && n.Recovered && within && o.Recovery.String() != n.Recovery.String() {
		c.WithinTolerance = "±" + t.String()
		if t == 0 { // no tolerance: the times moved by less than a second, rounded apart
			c.WithinTolerance = "under a second"
		}
		jitter := fmt.Sprintf("recovery %s → %s within tolerance (%s)", o.Recovery, n.Recovery, c.WithinTolerance)
		switch by {
		case judge.FigureNone:
			c.Why = jitter
		case judge.FigureDataLoss, judge.FigureScore:
			c.Why += "; " + jitter
		}
	}
	return c
}

// changeWord is a direction in words: better, worse or same.
func changeWord(d judge.Direction) string {
	switch d {
	case judge.Better:
		return ChangeBetter
	case judge.Worse:
		return ChangeWorse
	}
	return ChangeSame
}

// diffJSON renders d as one JSON document.
func diffJSON(d *Diff) ([]byte, error) { return marshalJSON(d) }

// diffText renders d as terminal tables, in the printer's language.
func diffText(d *Diff, style table.Style, p *lang.Printer) []byte {
	var b bytes.Buffer
	for _, w := range d.warningsIn(p) {
		fmt.Fprintf(&b, "%s\n\n", w)
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(&b, "%s\n", p.T(notLikeForLike))
		for _, w := range d.Warnings {
			fmt.Fprintf(&b, "  - %s\n", p.Filled(w.Text))
		}
		fmt.Fprintln(&b)
	}
	fmt.Fprint(&b, p.F("%s (%s, %s) → %s (%s, %s): %d better, %d worse, %d the same\n", d.Old.Drill, d.Old.Scenario, diffDate(p, d.Old),
		d.New.Drill, d.New.Scenario, diffDate(p, d.New), d.Better, d.Worse, d.Same))
	fmt.Fprintf(&b, "%s\n\n", d.toleranceLineIn(p))
	t := newTextTable(&b, style, "")
	t.AppendHeader(table.Row{p.T("Process"), p.T("Change"), p.T("What changed"), p.T("Old"), p.T("New")})
	for _, c := range d.Processes {
		t.AppendRow(table.Row{c.Process, p.T(c.Change), diffWhyIn(p, c.Why), sideTextIn(p, c.Old), sideTextIn(p, c.New)})
	}
	t.SetColumnConfigs([]table.ColumnConfig{{Number: 3, WidthMax: 50, WidthMaxEnforcer: text.WrapSoft}})
	t.Render()
	fmt.Fprint(&b, p.F("\nFindings: %d new, %d resolved, %d still open.\n", len(d.NewFindings), len(d.Resolved), d.Persisting))
	for _, f := range d.NewFindings {
		b.WriteString(findingLineIn(p, "new", f.Severity, f.Title, f.Owner))
	}
	for _, f := range d.Resolved {
		b.WriteString(findingLineIn(p, "resolved", f.Severity, f.Title, f.Owner))
	}
	return b.Bytes()
}

// diffMarkdown renders d for wikis and issues, in the printer's language.
func diffMarkdown(d *Diff, p *lang.Printer) ([]byte, error) {
	var b bytes.Buffer
	for _, w := range d.warningsIn(p) {
		fmt.Fprintf(&b, "> **%s**\n\n", md(w))
	}
	if len(d.Warnings) > 0 {
		fmt.Fprintf(&b, "> **%s**\n>\n", md(p.T(notLikeForLike)))
		for _, w := range d.Warnings {
			fmt.Fprintf(&b, "> - %s\n", md(p.Filled(w.Text)))
		}
		fmt.Fprintln(&b)
	}
	fmt.Fprint(&b, p.F("# Drill %s → %s\n\n**%d better, %d worse, %d the same.**\n\n", md(d.Old.Drill), md(d.New.Drill), d.Better, d.Worse, d.Same))
	fmt.Fprintf(&b, "%s\n\n", md(d.toleranceLineIn(p)))
	mdTable(&b, []string{p.T("Process"), p.T("Change"), p.T("What changed"), p.T("Old"), p.T("New")})
	for _, c := range d.Processes {
		mdRow(&b, c.Process, p.T(c.Change), diffWhyIn(p, c.Why), sideTextIn(p, c.Old), sideTextIn(p, c.New))
	}
	fmt.Fprint(&b, p.F("\n## Findings\n\n%d new, %d resolved, %d still open.\n\n", len(d.NewFindings), len(d.Resolved), d.Persisting))
	for _, f := range d.NewFindings {
		fmt.Fprint(&b, p.F("- new: **%s** %s (owner %s)\n", md(p.T(string(f.Severity))), md(p.Filled(f.Title)), md(f.Owner)))
	}
	for _, f := range d.Resolved {
		fmt.Fprint(&b, p.F("- resolved: %s %s (owner %s)\n", md(p.T(string(f.Severity))), md(p.Filled(f.Title)), md(f.Owner)))
	}
	return b.Bytes(), nil
}

func sideText(s *ProcessSide) string {
	if s == nil {
		return "-"
	}
	return fmt.Sprintf("%s, %s, score %d", s.Verdict, s.Recovery, s.Score)
}

// notLikeForLike heads the list of a diff's Warnings in every format.
const notLikeForLike = "Not like for like: these drills differ in more than their results."

// toleranceLine says how far a recovery time may move and stay the same.
func (d *Diff) toleranceLine() string {
	return "Tolerance: " + d.ToleranceText + "."
}

// warnings are the NOT VERIFIED banners of the drills whose bundles failed
// verification.
func (d *Diff) warnings() []string {
	var out []string
	for _, r := range []struct {
		side string
		ref  DrillRef
	}{{"old", d.Old}, {"new", d.New}} {
		if r.ref.NotVerified != "" {
			out = append(out, notVerifiedBanner(r.side+" drill "+r.ref.Drill+": "+r.ref.NotVerified))
		}
	}
	return out
}

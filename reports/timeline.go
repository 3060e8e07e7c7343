package reports

import (
	"fmt"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// The timeline is drawn in SVG user units; the browser scales it to the page.
const (
	tlWidth   = 1100.0
	tlLabel   = 230.0 // the process names' column
	tlRight   = 20.0
	tlTop     = 34.0 // the axis
	tlRow     = 12.0 // one sub-row of steps
	tlLanePad = 8.0
	tlMaxRows = 4 // parallel steps beyond this overlap
)

// timeline is the scenario-clock chart of a drill: one lane per process, its
// steps as bars (measured solid, declared outlined and dashed, simulated
// hatched), RTO and MTPD marks and the recovery point.
type timeline struct {
	Width, Height  float64
	AxisX0, AxisX1 float64
	OutageX        float64
	Outage         string
	Ticks          []tlTick
	Lanes          []tlLane
	LegendY        float64
	// Zoomed is set on the enlarged chart of the first part of the outage:
	// how much of it the axis shows.
	Zoomed string
}

type tlTick struct {
	X     float64
	Label string
}

type tlLane struct {
	Y, H, LabelY float64
	Label, Title string
	Verdict      string
	// proc and outage let a report in another language write Title
	// (laneTitleIn).
	proc        *Process
	outage      drill.Duration
	RTOX, MTPDX float64
	RecoveryX   float64 // 0 when not recovered
	MTPDBeyond  string  // set when the MTPD lies beyond the axis
	Bars        []tlBar
}

type tlBar struct {
	X, Y, W, H float64
	Class      string // m|d|s, plus the status, plus rb for rollback
	Title      string
	// step lets a report in another language write Title (barTitle).
	step *Step
}

// zoomFactor: when the steps end within 1/zoomFactor of the axis, the report
// adds an enlarged chart of that first part.
const zoomFactor = 8

func newTimeline(r *Report) timeline {
	// The axis covers the outage, every step and every RTO; an MTPD beyond it
	// is marked at the edge, so that one lenient process does not squeeze all.
	end := r.Scenario.Duration
	for _, p := range r.Processes {
		end = max(end, p.RTO)
		for _, s := range p.Steps {
			end = max(end, s.End)
		}
	}
	if end <= 0 {
		end = drill.Duration(time.Hour)
	}
	return timelineTo(r, end+end/20)
}

// newZoom is the enlarged chart of the outage's first part, where the steps
// ran, when they all end within 1/zoomFactor of the whole axis: a 2-hour
// recovery is a sliver on a 30-day axis. It is nil otherwise.
func newZoom(r *Report) *timeline {
	var last drill.Duration
	for _, p := range r.Processes {
		for _, s := range p.Steps {
			last = max(last, s.End)
		}
	}
	axis := r.Scenario.Duration
	for _, p := range r.Processes {
		axis = max(axis, p.RTO)
	}
	if last <= 0 || last*zoomFactor > axis {
		return nil
	}
	z := timelineTo(r, last+last/20)
	z.Zoomed = ForPeople(last + last/20)
	return &z
}

// timelineTo draws the chart with its axis ending at end.
func timelineTo(r *Report, end drill.Duration) timeline {
	tl := timeline{Width: tlWidth, AxisX0: tlLabel, AxisX1: tlWidth - tlRight}
	scale := (tl.AxisX1 - tl.AxisX0) / float64(end)
	x := func(d drill.Duration) float64 { return round1(tl.AxisX0 + float64(min(d, end))*scale) }
	if r.Scenario.Duration <= end { // beyond the axis of an enlarged chart: not drawn
		tl.OutageX, tl.Outage = x(r.Scenario.Duration), "outage ends "+r.Scenario.Duration.String()
	}
	step := tickStep(end.Std())
	for t := time.Duration(0); t <= end.Std(); t += step {
		tl.Ticks = append(tl.Ticks, tlTick{X: x(drill.Duration(t)), Label: drill.Duration(t).String()})
	}
	tl.Ticks[0].Label = "T0"
	y := tlTop + 8
	for _, p := range r.Processes {
		lane := tlLane{Y: y, Label: clip(p.ID, 30), Title: orID(p.Name, p.ID) + ": " + string(p.Verdict) + " — " + p.Why,
			Verdict: string(p.Verdict), RTOX: x(p.RTO), MTPDX: x(min(p.MTPD, end)), proc: p, outage: r.Scenario.Duration}
		if p.MTPD > end {
			lane.MTPDBeyond = "MTPD " + p.MTPD.String() + " ›"
		}
		if p.RTO > end { // only on an enlarged chart
			lane.RTOX = 0
			lane.MTPDBeyond = "RTO " + p.RTO.String() + ", " + lane.MTPDBeyond
		}
		if p.Recovered && p.Recovery <= end {
			lane.RecoveryX = x(p.Recovery)
		}
		var rowEnd []drill.Duration
		for _, s := range p.Steps {
			row := 0
			for row < len(rowEnd) && rowEnd[row] > s.Start {
				row++
			}
			if row == len(rowEnd) && row < tlMaxRows {
				rowEnd = append(rowEnd, 0)
			}
			row = min(row, tlMaxRows-1)
			rowEnd[row] = max(rowEnd[row], s.End)
			bx := x(s.Start)
			w := max(x(s.End)-bx, 2.5)
			lane.Bars = append(lane.Bars, tlBar{X: bx, Y: round1(y + tlLanePad/2 + float64(row)*tlRow), W: round1(w), H: tlRow - 2,
				Class: barClass(s), Title: fmt.Sprintf("%s (%s) %s: %s → %s, %s %s", stepName(s), s.Kind, s.Status, s.Start, s.End, s.Duration, s.Measure), step: s})
		}
		rows := max(len(rowEnd), 1)
		lane.H = round1(float64(rows)*tlRow + tlLanePad)
		lane.LabelY = round1(y + lane.H/2 + 4)
		tl.Lanes = append(tl.Lanes, lane)
		y += lane.H + 2
	}
	tl.LegendY = y + 18
	tl.Height = y + 34
	return tl
}

func barClass(s *Step) string {
	c := map[string]string{drill.Measured: "m", drill.Declared: "d", drill.Simulated: "s"}[s.Measure]
	if c == "" {
		c = "m"
	}
	c += " st-" + string(s.Status)
	if s.Rollback {
		c += " rb"
	}
	return c
}

// tickStep picks an axis step that gives 4 to 15 ticks.
func tickStep(d time.Duration) time.Duration {
	for _, s := range []time.Duration{time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 90 * 24 * time.Hour, 365 * 24 * time.Hour} {
		if d/s <= 15 {
			return s
		}
	}
	return d / 10
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// objectiveBar is the small recovery-against-objectives gauge of a process:
// zones up to RTO (green), to MTPD (amber) and beyond (red), and a mark at
// the recovery time.
type objectiveBar struct {
	RTOX, MTPDX, W float64
	MarkX          float64 // 0: not recovered
	Label          string
}

func newObjectiveBar(p *Process) objectiveBar {
	const w = 160.0
	top := max(p.MTPD, p.Recovery)
	top += top / 8
	if top <= 0 {
		return objectiveBar{W: w}
	}
	x := func(d drill.Duration) float64 { return round1(float64(d) / float64(top) * w) }
	b := objectiveBar{RTOX: x(p.RTO), MTPDX: x(p.MTPD), W: w,
		Label: fmt.Sprintf("RTO %s, MTPD %s, recovery %s", p.RTO, p.MTPD, recoveryText(p))}
	if p.Recovered {
		b.MarkX = max(x(p.Recovery), 1)
	}
	return b
}

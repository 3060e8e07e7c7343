package reports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// JUnit XML, in the common schema CI systems read (Jenkins' junit-10.xsd):
// testsuites > testsuite (one per process) > testcase (one per step, rollback
// steps included, and one "objectives" case that fails when the process missed
// its MTPD or RPO, so that a drill whose steps all passed but which was too
// slow still shows red).

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr,omitempty"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Skipped   *junitMessage `xml:"skipped"`
	Error     *junitMessage `xml:"error"`
	Failure   *junitMessage `xml:"failure"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// junitReport renders the drill as JUnit XML: a testsuite per process, a
// testcase per step (failed steps fail, skipped ones are skipped, aborted ones
// are errors) and an "objectives" testcase per process. Times are wall-clock
// seconds; the scenario-clock times are in each case's output. A report with
// NotVerified set opens with a testsuite "evidence" whose one testcase,
// "verification", is an error of type not-verified.
func junitReport(r *Report) ([]byte, error) {
	all := junitSuites{Name: "exitdrill " + r.DrillID + " " + r.Scenario.ID}
	if r.NotVerified != "" {
		// First, and an error, so that CI shows red before any step result.
		msg := notVerifiedBanner(r.NotVerified)
		all.Suites = append(all.Suites, junitSuite{Name: "evidence", Tests: 1, Errors: 1, Time: "0", Cases: []junitCase{
			{Name: "verification", Classname: "exitdrill.evidence", Time: "0", Error: &junitMessage{Message: msg, Type: "not-verified", Text: msg}}}})
		all.Tests, all.Errors = 1, 1
	}
	var total time.Duration
	for _, p := range r.Processes {
		s, wall := suiteOf(r, p)
		total += wall
		all.Suites = append(all.Suites, s)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Skipped += s.Skipped
	}
	all.Time = secs(total)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return nil, fmt.Errorf("junit: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func suiteOf(r *Report, p *Process) (junitSuite, time.Duration) {
	props := []junitProperty{{"drill", r.DrillID}, {"scenario", r.Scenario.ID}}
	if r.StartedBy != "" {
		props = append(props, junitProperty{"startedBy", r.Starter()})
	}
	if r.Note != "" {
		props = append(props, junitProperty{"note", r.Note})
	}
	s := junitSuite{Name: p.ID, Timestamp: r.Started.Format("2006-01-02T15:04:05"), Properties: append(props, []junitProperty{
		{"owner", p.Owner}, {"critical", strconv.FormatBool(p.Critical)},
		{"verdict", string(p.Verdict)}, {"rto", p.RTO.String()}, {"mtpd", p.MTPD.String()}, {"rpo", p.RPO.String()},
		{"recovery", recoveryExact(p)}, {"definitionHash", p.DefinitionHash},
	}...)}
	class := "exitdrill." + p.ID
	var total time.Duration
	for _, st := range p.Steps {
		c := junitCase{Name: stepName(st), Classname: class, Time: "0",
			SystemOut: fmt.Sprintf("kind %s, target %s; scenario clock %s to %s (%s, %s); journal event %d %s",
				st.Kind, orDash(st.Target), st.Start, st.End, st.Duration, st.Measure, st.EventSeq, st.EventHash)}
		if d, err := time.ParseDuration(st.Wall); err == nil {
			c.Time = secs(d)
			total += d
		}
		switch st.Status {
		case drill.StepFailed:
			c.Failure = &junitMessage{Message: st.Reason, Type: string(st.Kind), Text: st.Reason}
			s.Failures++
		case drill.StepSkipped:
			c.Skipped = &junitMessage{Message: st.Reason}
			s.Skipped++
		case drill.StepAborted:
			c.Error = &junitMessage{Message: orDash(st.Reason), Type: "aborted"}
			s.Errors++
		}
		s.Cases = append(s.Cases, c)
	}
	obj := junitCase{Name: "objectives", Classname: class, Time: "0", SystemOut: p.Why + "; data loss: " + dataLossLine(p) + coverageLine(p)}
	switch {
	case p.Verdict == drill.Aborted:
		obj.Error = &junitMessage{Message: p.Why, Type: "aborted"}
		s.Errors++
	case !p.Survives:
		obj.Failure = &junitMessage{Message: p.Why, Type: string(p.Verdict), Text: p.Why}
		s.Failures++
	case p.DataLoss != nil && !p.DataLoss.Met:
		obj.Failure = &junitMessage{Message: p.DataLoss.Text, Type: "data-loss", Text: p.DataLoss.Text}
		s.Failures++
	}
	s.Cases = append(s.Cases, obj)
	s.Tests = len(s.Cases)
	s.Time = secs(total)
	return s, total
}

// coverageLine is the process's coverage matrix in one line, "; coverage:
// idp not covered, crm failed (export)", or "" when it has none.
func coverageLine(p *Process) string {
	if len(p.Coverage) == 0 {
		return ""
	}
	parts := make([]string, len(p.Coverage))
	for i, c := range p.Coverage {
		row := CoverageRow{Process: p.ID, CoverageResult: c}
		parts[i] = c.App + " " + row.ResultText()
	}
	return "; coverage: " + strings.Join(parts, ", ")
}

func dataLossLine(p *Process) string {
	if p.DataLoss == nil {
		return "-"
	}
	return p.DataLoss.Text
}

// secs formats a duration in seconds with millisecond precision.
func secs(d time.Duration) string {
	return strings.TrimSuffix(strings.TrimRight(strconv.FormatFloat(d.Seconds(), 'f', 3, 64), "0"), ".")
}

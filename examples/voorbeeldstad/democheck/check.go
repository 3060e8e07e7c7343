package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/reports"
)

// expectation is one row of expected.csv: what the demo drill must conclude
// about a process, and the texts that show it was for the right reason.
type expectation struct {
	line       int
	process    string
	verdict    drill.Verdict
	failedStep string
	rpo        string // met, missed, not-checked
	because    []string
}

// result is one process compared: what was expected, what the drill said.
type result struct {
	process  string
	expected string
	got      string
	problems []string
}

// parseExpected reads expected.csv; lines starting with # are comments.
func parseExpected(data []byte) ([]expectation, error) {
	var body bytes.Buffer
	lines := 0
	for l := range bytes.Lines(data) {
		lines++
		if bytes.HasPrefix(bytes.TrimSpace(l), []byte("#")) {
			body.WriteString("\n") // keep the line numbers
			continue
		}
		body.Write(l)
	}
	r := csv.NewReader(&body)
	r.FieldsPerRecord = 5
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if want := []string{"process", "verdict", "failed_step", "rpo", "because"}; !slices.Equal(header, want) {
		return nil, fmt.Errorf("header %q, want %q", header, want)
	}
	var out []expectation
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := r.FieldPos(0)
		e := expectation{line: line, process: rec[0], verdict: drill.Verdict(rec[1]), failedStep: rec[2], rpo: rec[3]}
		if rec[4] != "" {
			e.because = strings.Split(rec[4], "|")
		}
		if !slices.Contains([]string{"met", "missed", "not-checked"}, e.rpo) {
			return nil, fmt.Errorf("line %d: rpo %q: allowed are met, missed, not-checked", line, e.rpo)
		}
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, errors.New("no process expected")
	}
	return out, nil
}

// rpoOf says whether the process's data-loss objective was met, missed or
// not checked.
func rpoOf(p *reports.Process) string {
	switch {
	case p.DataLoss == nil || !p.DataLoss.Checked:
		return "not-checked"
	case p.DataLoss.Met:
		return "met"
	default:
		return "missed"
	}
}

// check compares the drill's processes with the expectations, one result per
// process of either, and says whether all of them match.
func check(res *reports.Report, want []expectation) ([]result, bool) {
	byID := map[string]*reports.Process{}
	for _, p := range res.Processes {
		byID[p.ID] = p
	}
	var out []result
	ok := true
	for _, e := range want {
		r := result{process: e.process, expected: describe(string(e.verdict), e.failedStep, e.rpo)}
		p := byID[e.process]
		delete(byID, e.process)
		if p == nil {
			r.got = "-"
			r.problems = append(r.problems, "not in the drill")
		} else {
			r.got = describe(string(p.Verdict), p.FailedStep, rpoOf(p))
			if p.Verdict != e.verdict || p.FailedStep != e.failedStep || rpoOf(p) != e.rpo {
				r.problems = append(r.problems, "a different verdict: "+p.Why)
			}
			text := p.Why
			if p.DataLoss != nil {
				text += "\n" + p.DataLoss.Text
			}
			for _, b := range e.because {
				if !strings.Contains(text, b) {
					r.problems = append(r.problems, fmt.Sprintf("not for the expected reason: %q is not in %q", b, text))
				}
			}
		}
		ok = ok && len(r.problems) == 0
		out = append(out, r)
	}
	var extra []string
	for id := range byID {
		extra = append(extra, id)
	}
	slices.Sort(extra)
	for _, id := range extra {
		p := byID[id]
		out = append(out, result{process: id, expected: "-", got: describe(string(p.Verdict), p.FailedStep, rpoOf(p)),
			problems: []string{"not expected in this drill"}})
		ok = false
	}
	return out, ok
}

// describe is the verdict column of the table: verdict, failed step, RPO.
func describe(verdict, failedStep, rpo string) string {
	s := verdict
	if failedStep != "" {
		s += " at " + failedStep
	}
	return s + ", RPO " + rpo
}

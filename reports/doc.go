// Package reports renders the evidence of drills for the people who read it:
// a terminal summary, a self-contained HTML report (management summary,
// timeline, objectives, findings, step detail with evidence hashes and a
// regulation appendix), Markdown, JSON, JUnit XML and CSV from one bundle; the
// exit-readiness view (proven by drills vs only on paper, with scores) from a
// catalog and many bundles; and the difference between two drills. What the
// drills prove (scores and their decay, readiness per supplier and outage
// length, better or worse) is decided in package judge; this package shows it.
//
// The formats are one table, Formats: a name, a file extension, a media type
// and a renderer per kind of document (New's *Report, *judge.Readiness,
// NewDiff's *Diff). Render is the one way in; All renders a drill's report in
// every format for its evidence bundle.
//
// It is pure: renderers take documents and return bytes, and are
// deterministic (no clock, maps in sorted order), because the drill's own
// reports are sealed into its bundle.
package reports

// Package exitplan checks an application's exit plan: exitplan.current (the
// document exists, is reviewed and complete, and the migration fits the
// contract's notice period) and exitplan.export (the exports it names parse
// completely in open formats: csv, json, jsonl, xml, ods).
package exitplan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// defaultReviewMonths is the review policy when the worker sets no window: an
// exit plan is reviewed at least once a year.
const defaultReviewMonths = 12

// Current is exitplan.current: it judges an application's exit plan as of T0.
// It fails when the document is missing, stale or incomplete, when the catalog
// names no owner or target, or when the declared migration does not fit
// within the contract's notice period plus exit assistance. A migration longer
// than the process's MTPD is a finding, not a failure: it means the exit plan
// is a way out, not the recovery from a sudden loss, which backups and
// alternatives must provide.
func Current(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	ep, err := exitPlanOf(in.Step)
	if err != nil {
		return drill.StepOutput{}, err
	}
	t0 := in.T0
	if t0.IsZero() {
		t0 = time.Now()
	}
	out := drill.StepOutput{Details: map[string]string{
		"document": ep.Document, "owner": ep.Owner, "target": ep.Target, "reviewed": ep.Reviewed.String(),
	}}
	var problems, findings []string
	if strings.TrimSpace(ep.Owner) == "" {
		problems = append(problems, "the catalog names no owner of the exit plan: set exitPlan.owner")
	}
	if strings.TrimSpace(ep.Target) == "" {
		problems = append(problems, "the catalog names no target supplier: set exitPlan.target")
	}
	p, f := judgeReview(ep.Reviewed, cfg.ReviewWindow, t0, out.Details)
	problems, findings = append(problems, p...), append(findings, f...)
	problems = append(problems, judgeDocument(ctx, in.Step.BaseDir, ep.Document, in.Step.ExitPlanSections, limitsOf(ep).plan, out.Details)...)
	p, f = judgeTiming(ep.MigrationTime, in.Step.Contract, in.MTPD, out.Details)
	problems, findings = append(problems, p...), append(findings, f...)
	if len(findings) > 0 {
		out.Details[drill.DetailFindings] = strings.Join(findings, "; ")
	}
	out.Passed = len(problems) == 0
	out.Reason = strings.Join(problems, "; ")
	return out, nil
}

// exitPlanOf returns the step's exit plan, or a non-retryable error when the
// targeted application has none.
func exitPlanOf(st *drill.StepPlan) (*drill.ExitPlan, error) {
	if st.ExitPlan == nil {
		return nil, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("application %s has no exitPlan in the catalog: add one, or target an application that has one", st.App),
			drill.ErrBadStep, nil)
	}
	return st.ExitPlan, nil
}

// judgeReview checks the review date against the policy window before T0
// (zero: defaultReviewMonths).
func judgeReview(reviewed drill.Date, window time.Duration, t0 time.Time, details map[string]string) (problems, findings []string) {
	if reviewed.IsZero() {
		return []string{"the catalog gives no review date: set exitPlan.reviewed"}, nil
	}
	policy := fmt.Sprintf("%d months", defaultReviewMonths)
	due := reviewed.AddDate(0, defaultReviewMonths, 0)
	if window > 0 {
		policy = drill.Duration(window).String()
		due = reviewed.Add(window)
	}
	details["reviewPolicy"] = "every " + policy
	t0 = time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC) // review dates are days
	details["reviewDue"] = due.Format(time.DateOnly)
	if reviewed.After(t0) {
		return nil, []string{fmt.Sprintf("review date %s is after T0 (%s)", reviewed, t0.Format(time.DateOnly))}
	}
	if due.Before(t0) {
		return []string{fmt.Sprintf("reviewed %s, %s before the drill (T0 %s); the policy asks for a review every %s: review the plan and update exitPlan.reviewed",
			reviewed, monthsAgo(reviewed.Time, t0), t0.Format(time.DateOnly), policy)}, nil
	}
	return nil, nil
}

// monthsAgo says how many whole months lie between then and now.
func monthsAgo(then, now time.Time) string {
	n := 0
	for !then.AddDate(0, n+1, 0).After(now) {
		n++
	}
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// judgeDocument reads the exit plan document and checks its required sections.
func judgeDocument(ctx context.Context, baseDir, document string, custom *drill.ExitPlanSections, limit int64, details map[string]string) []string {
	file := catalogPath(baseDir, document)
	b, err := boundedio.ReadAllRegular(ctx, file, limit, "exit plan document "+document, "exitPlan.limits.planBytes")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return []string{fmt.Sprintf("exit plan document %s not found (looked for %s): write it or correct exitPlan.document", document, file)}
	case err != nil:
		return []string{fmt.Sprintf("cannot read exit plan document %s: %v", document, err)}
	case strings.TrimSpace(string(b)) == "":
		return []string{fmt.Sprintf("exit plan document %s is empty: write the plan", document)}
	}
	sum := sha256.Sum256(b)
	details["documentSha256"] = hex.EncodeToString(sum[:])
	res := findSections(string(b), custom)
	details["sections"] = fmt.Sprintf("%d of %d", res.Found, len(drill.ExitSections))
	var problems []string
	if len(res.Missing) > 0 {
		details["missingSections"] = strings.Join(res.Missing, ", ")
		problems = append(problems, fmt.Sprintf("missing %s %s: add %s to %s",
			pluralOf(len(res.Missing), "section", "sections"), quotedList(res.Missing), pluralOf(len(res.Missing), "it", "them"), document))
	}
	if len(res.Empty) > 0 {
		details["emptySections"] = strings.Join(res.Empty, ", ")
		problems = append(problems, fmt.Sprintf("empty %s %s: write %s in %s",
			pluralOf(len(res.Empty), "section", "sections"), quotedList(res.Empty), pluralOf(len(res.Empty), "it", "them"), document))
	}
	return problems
}

// judgeTiming compares the declared migration time with the contract's exit
// window (a failure when it does not fit) and with the process's MTPD (a finding).
func judgeTiming(migration drill.Duration, c *drill.Contract, mtpd drill.Duration, details map[string]string) (problems, findings []string) {
	if migration <= 0 {
		return nil, []string{"no declared migration time: set exitPlan.migrationTime to compare it with the contract and the MTPD"}
	}
	details["migrationTime"] = migration.String() + " (declared)"
	if c == nil || c.NoticePeriod+c.ExitAssistance <= 0 {
		findings = append(findings, "the contract of the supplier being exited gives no noticePeriod or exitAssistance: the migration time was not compared with it")
	} else {
		window := c.NoticePeriod + c.ExitAssistance
		details["exitWindow"] = fmt.Sprintf("%s (notice period %s + exit assistance %s)", window, c.NoticePeriod, c.ExitAssistance)
		if migration > window {
			msg := fmt.Sprintf("declared migration time %s is longer than notice period %s + exit assistance %s = %s: plan a faster migration or negotiate longer exit assistance",
				migration, c.NoticePeriod, c.ExitAssistance, window)
			problems, findings = append(problems, msg), append(findings, msg)
		}
	}
	if mtpd > 0 {
		details["mtpd"] = mtpd.String()
		if migration > mtpd {
			findings = append(findings, fmt.Sprintf("declared migration time %s is longer than the process's MTPD %s: the exit plan cannot be the recovery from a sudden loss of the supplier; backups and alternative hosting must carry the process",
				migration, mtpd))
		}
	}
	return problems, findings
}

// catalogPath resolves a catalog path against the directory of the file that
// defines it.
func catalogPath(baseDir, p string) string {
	if filepath.IsAbs(p) || baseDir == "" {
		return filepath.FromSlash(p)
	}
	return filepath.Join(filepath.FromSlash(baseDir), filepath.FromSlash(p))
}

func pluralOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func quotedList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

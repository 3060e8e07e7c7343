package forge

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
)

// GitHub's limits on a label name and on an issue or comment body.
const (
	maxLabel = 50
	maxBody  = 65536
)

func severityLabel(s string) string { return "severity:" + s }
func processLabel(p string) string  { return truncateRunes("process:"+p, maxLabel) }

// findingLabels are the labels exitdrill manages on a finding's issue.
func findingLabels(f Finding) []string {
	ls := []string{LabelExitdrill}
	if f.Severity != "" { // action items have none
		ls = append(ls, severityLabel(f.Severity))
	}
	if f.Category == CategoryAction {
		ls = append(ls, LabelAction)
	}
	if f.Process != "" {
		ls = append(ls, processLabel(f.Process))
	}
	return ls
}

func managed(name string) bool {
	return name == LabelExitdrill || name == LabelAction || strings.HasPrefix(name, "severity:") || strings.HasPrefix(name, "process:")
}

// mergeLabels keeps the labels people added and replaces exitdrill's own; it
// returns nil when the issue already has exactly that.
func mergeLabels(have []*github.Label, want []string) []string {
	var names, out []string
	for _, l := range have {
		names = append(names, l.GetName())
		if !managed(l.GetName()) {
			out = append(out, l.GetName())
		}
	}
	out = append(out, want...)
	a, b := slices.Clone(names), slices.Clone(out)
	slices.Sort(a)
	slices.Sort(b)
	if slices.Equal(a, b) {
		return nil
	}
	return out
}

func assignees(p Publication, f Finding) *[]string {
	if login := p.Assignees[f.Owner]; login != "" {
		return &[]string{login}
	}
	return nil
}

var labelColors = map[string]string{
	LabelExitdrill: "5319e7", "severity:critical": "b60205", "severity:high": "d93f0b", "severity:medium": "fbca04", "severity:low": "c2e0c6",
}

// ensureLabels creates the labels the publication uses that the repository
// lacks. A label created meanwhile by someone else (422 already_exists) is fine.
func (c *Client) ensureLabels(ctx context.Context, p Publication) error {
	have, err := pages(ctx, c, "list the labels of "+p.Owner+"/"+p.Repo, "read issues in the repository", func(opt github.ListOptions) ([]*github.Label, *github.Response, error) {
		return c.gh.Issues.ListLabels(ctx, p.Owner, p.Repo, &opt)
	})
	if err != nil {
		return err
	}
	exists := map[string]bool{}
	for _, l := range have {
		exists[strings.ToLower(l.GetName())] = true
	}
	want := []string{LabelExitdrill}
	for _, f := range p.Findings {
		want = append(want, findingLabels(f)...)
	}
	for _, name := range want {
		if exists[strings.ToLower(name)] {
			continue
		}
		exists[strings.ToLower(name)] = true
		color, ok := labelColors[name]
		if !ok {
			color = "bfdadc"
		}
		desc := "Found by an exitdrill continuity drill"
		err := c.call(ctx, "create label "+name+" in "+p.Owner+"/"+p.Repo, needIssues, func() (*github.Response, error) {
			_, resp, err := c.gh.Issues.CreateLabel(ctx, p.Owner, p.Repo, &github.Label{Name: &name, Color: &color, Description: &desc})
			return resp, err
		})
		if fe, ok := AsError(err); ok && fe.Status == http.StatusUnprocessableEntity && strings.Contains(fe.Error(), "already_exists") {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// issueBody is a finding's issue text, with its marker first.
func issueBody(p Publication, k key, f Finding) string {
	var b strings.Builder
	fmt.Fprintln(&b, findingMarkerText(k))
	fmt.Fprintf(&b, "**Severity:** %s · **Process:** %s · **Owner:** %s\n", orNone(f.Severity), code(f.Process), orNone(f.Owner))
	var where []string
	if f.Step != "" {
		where = append(where, "**Step:** "+code(f.Step))
	}
	if f.Target != "" {
		where = append(where, "**Target:** "+code(f.Target))
	}
	where = append(where, "**Category:** "+f.Category)
	fmt.Fprintln(&b, strings.Join(where, " · "))
	fmt.Fprintf(&b, "\n### What the drill found\n\n%s\n\n### What to do\n\n%s\n\n", truncate(f.Detail, 20000), f.Hint)
	fmt.Fprintf(&b, "_Last seen in drill %s. This issue is kept up to date by exitdrill: it is closed when a drill no longer finds this, and reopened when one does again._\n", drillRef(p))
	return truncate(b.String(), maxBody-100)
}

func code(s string) string {
	if s == "" {
		return "none"
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// postReport posts the Markdown report on the scope's tracking issue,
// creating the issue when there is none, unless this drill's report is
// already there (a publish run again).
func (c *Client) postReport(ctx context.Context, p Publication, existing []*github.Issue) (*IssueResult, error) {
	var tracking *github.Issue
	for _, is := range existing {
		if s, ok := parseTracking(is.GetBody()); ok && s == p.Scope {
			tracking = is
			break
		}
	}
	res := &IssueResult{Action: Commented}
	if tracking == nil {
		title := "exitdrill: drill reports"
		if p.Scope != "" {
			title += " (" + p.Scope + ")"
		}
		body := trackingMarkerText(p.Scope) + "\nexitdrill posts the report of every published drill here, newest last.\n"
		labels := []string{LabelExitdrill}
		var err error
		tracking, err = c.createIssueMatching(ctx, p, &github.IssueRequest{Title: &title, Body: &body, Labels: &labels},
			func(b string) bool { s, ok := parseTracking(b); return ok && s == p.Scope })
		if err != nil {
			return nil, err
		}
	} else if tracking.GetState() == "closed" {
		open := "open"
		if err := c.editIssue(ctx, p.Owner, p.Repo, tracking.GetNumber(), &github.IssueRequest{State: &open}); err != nil {
			return nil, err
		}
	}
	res.Number, res.URL, res.Title = tracking.GetNumber(), tracking.GetHTMLURL(), tracking.GetTitle()
	comments, err := pages(ctx, c, fmt.Sprintf("list the comments of issue #%d", tracking.GetNumber()), "read issues in the repository", func(opt github.ListOptions) ([]*github.IssueComment, *github.Response, error) {
		return c.gh.Issues.ListComments(ctx, p.Owner, p.Repo, tracking.GetNumber(), &github.IssueListCommentsOptions{ListOptions: opt})
	})
	if err != nil {
		return nil, err
	}
	for _, cm := range comments {
		if hasReport(cm.GetBody(), markerSafe(p.DrillID)) {
			res.Action = Unchanged
			return res, nil
		}
	}
	body := reportMarkerText(markerSafe(p.DrillID)) + "\n" + p.Report
	if len(body) > maxBody-200 {
		body = truncate(body, maxBody-200) + "\n\n(cut: the report is longer than a GitHub comment may be; see the drill's evidence)\n"
	}
	return res, c.comment(ctx, p.Owner, p.Repo, tracking.GetNumber(), body)
}

// createIssueMatching is createIssue for an issue found again by match.
func (c *Client) createIssueMatching(ctx context.Context, p Publication, req *github.IssueRequest, match func(string) bool) (*github.Issue, error) {
	var is *github.Issue
	attempt := 0
	err := c.call(ctx, "open an issue in "+p.Owner+"/"+p.Repo, needIssues, func() (*github.Response, error) {
		if attempt++; attempt > 1 {
			found, err := c.findIssue(ctx, p.Owner, p.Repo, match)
			if err != nil || found != nil {
				is = found
				return nil, err
			}
		}
		var resp *github.Response
		var err error
		is, resp, err = c.gh.Issues.Create(ctx, p.Owner, p.Repo, req)
		return resp, err
	})
	return is, err
}

// truncate cuts s to at most n bytes, on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

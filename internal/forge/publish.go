package forge

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/google/go-github/v60/github"
)

// LabelExitdrill is on every issue exitdrill opens; it is how they are found.
const LabelExitdrill = "exitdrill"

// CategoryAction is the category of a Finding that is an action item of an
// after-action review rather than a weakness a drill found; its issue has
// the LabelAction label and no severity.
const CategoryAction = "action"

// LabelAction is on the issues of action items.
const LabelAction = "action-item"

// Finding is a weakness to track as an issue: Finding, which this
// package cannot import (the evidence package depends on the workflows and
// so on the checks, which use this package). Fingerprint identifies it
// across drills.
type Finding struct {
	Fingerprint string
	Severity    string // critical, high, medium, low
	Category    string
	Process     string
	Owner       string
	Step        string
	Target      string
	Title       string
	Detail      string
	Hint        string
}

// Publication is what to publish: one drill's findings, as issues of a repository.
type Publication struct {
	Owner, Repo string
	DrillID     string
	// Link points to the drill's evidence or report; may be empty.
	Link string
	// Scope groups issues: a publication updates and closes only the issues of
	// its own scope, so drills of different scenarios keep their own findings.
	// The command line uses the scenario id.
	Scope    string
	Findings []Finding
	// Assignees maps a finding's owner (as in the catalog) to a login.
	Assignees map[string]string
	// Closing, when not empty, is the comment an issue whose finding is no
	// longer published gets before it is closed (default: "No longer found
	// in drill …: closing.").
	Closing string
	// Report, when not empty, is posted as a comment on the scope's tracking
	// issue (Markdown), once per drill.
	Report string
}

// Action is what publishing did with one issue.
type Action string

// Actions.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Reopened  Action = "reopened"
	Unchanged Action = "unchanged"
	Closed    Action = "closed"
	Commented Action = "commented"
)

// IssueResult is one issue that publishing touched or found current.
type IssueResult struct {
	Number      int    `json:"number"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Action      Action `json:"action"`
}

// Published is what a publication did.
type Published struct {
	Repo     string        `json:"repo"`
	Scope    string        `json:"scope"`
	Issues   []IssueResult `json:"issues"`
	Tracking *IssueResult  `json:"tracking,omitempty"`
}

// Count returns how many issues got action a.
func (p *Published) Count(a Action) int {
	n := 0
	for _, r := range p.Issues {
		if r.Action == a {
			n++
		}
	}
	return n
}

const needIssues = "write issues in the repository (fine-grained: Issues read and write; classic: repo or public_repo)"

// Publish opens, updates, reopens and closes issues so that the repository
// has exactly one open issue per finding of the publication's scope. It can
// be run again after failing half-way: every issue is looked up by its
// fingerprint before one is created, also when a create's answer was lost.
func (c *Client) Publish(ctx context.Context, p Publication) (*Published, error) {
	p.Scope = markerSafe(p.Scope)
	out := &Published{Repo: p.Owner + "/" + p.Repo, Scope: p.Scope}
	if err := c.ensureLabels(ctx, p); err != nil {
		return out, err
	}
	existing, err := c.exitdrillIssues(ctx, p.Owner, p.Repo)
	if err != nil {
		return out, err
	}
	byKey := map[key]*github.Issue{}
	for _, is := range existing {
		if k, ok := parseFinding(is.GetBody()); ok && k.scope == p.Scope && byKey[k] == nil {
			byKey[k] = is // the oldest wins: issues are listed oldest first
		}
	}
	seen := map[key]bool{}
	for _, f := range p.Findings {
		k := key{scope: p.Scope, fingerprint: markerSafe(f.Fingerprint)}
		if seen[k] {
			continue
		}
		seen[k] = true
		r, err := c.publishFinding(ctx, p, k, f, byKey[k])
		if err != nil {
			return out, err
		}
		out.Issues = append(out.Issues, r)
	}
	keys := make([]key, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return byKey[keys[i]].GetNumber() < byKey[keys[j]].GetNumber() })
	for _, k := range keys {
		if is := byKey[k]; !seen[k] && is.GetState() == "open" {
			if err := c.closeGone(ctx, p, is); err != nil {
				return out, err
			}
			out.Issues = append(out.Issues, IssueResult{Number: is.GetNumber(), URL: is.GetHTMLURL(), Title: is.GetTitle(), Fingerprint: k.fingerprint, Action: Closed})
		}
	}
	if p.Report != "" {
		t, err := c.postReport(ctx, p, existing)
		if err != nil {
			return out, err
		}
		out.Tracking = t
	}
	return out, nil
}

func (c *Client) publishFinding(ctx context.Context, p Publication, k key, f Finding, is *github.Issue) (IssueResult, error) {
	title := truncate(f.Title, 250)
	body := issueBody(p, k, f)
	labels := findingLabels(f)
	if is == nil {
		created, err := c.createIssue(ctx, p, k, &github.IssueRequest{Title: &title, Body: &body, Labels: &labels, Assignees: assignees(p, f)})
		if err != nil {
			return IssueResult{}, err
		}
		return IssueResult{Number: created.GetNumber(), URL: created.GetHTMLURL(), Title: title, Fingerprint: k.fingerprint, Action: Created}, nil
	}
	res := IssueResult{Number: is.GetNumber(), URL: is.GetHTMLURL(), Title: title, Fingerprint: k.fingerprint, Action: Unchanged}
	req := &github.IssueRequest{}
	if is.GetTitle() != title {
		req.Title, res.Action = &title, Updated
	}
	if is.GetBody() != body {
		req.Body, res.Action = &body, Updated
	}
	if merged := mergeLabels(is.Labels, labels); merged != nil {
		req.Labels, res.Action = &merged, Updated
	}
	if len(is.Assignees) == 0 {
		if a := assignees(p, f); a != nil {
			req.Assignees, res.Action = a, Updated
		}
	}
	if is.GetState() == "closed" {
		open := "open"
		req.State, res.Action = &open, Reopened
		msg := fmt.Sprintf("Found again in drill %s: reopened.", drillRef(p))
		if err := c.comment(ctx, p.Owner, p.Repo, is.GetNumber(), msg); err != nil {
			return res, err
		}
	}
	if res.Action == Unchanged {
		return res, nil
	}
	return res, c.editIssue(ctx, p.Owner, p.Repo, is.GetNumber(), req)
}

// createIssue creates a finding's issue. Creating is not idempotent: when an
// attempt fails in a way that may have created it anyway (a 5xx, a lost
// answer), the issue is looked up by its marker before the next attempt.
func (c *Client) createIssue(ctx context.Context, p Publication, k key, req *github.IssueRequest) (*github.Issue, error) {
	return c.createIssueMatching(ctx, p, req, func(b string) bool { kk, ok := parseFinding(b); return ok && kk == k })
}

// findIssue returns the oldest exitdrill issue whose body matches, or nil.
func (c *Client) findIssue(ctx context.Context, owner, repo string, match func(body string) bool) (*github.Issue, error) {
	all, err := c.exitdrillIssues(ctx, owner, repo)
	if err != nil {
		return nil, err
	}
	for _, is := range all {
		if match(is.GetBody()) {
			return is, nil
		}
	}
	return nil, nil
}

// exitdrillIssues lists every issue with the exitdrill label, open and
// closed, oldest first, without pull requests.
func (c *Client) exitdrillIssues(ctx context.Context, owner, repo string) ([]*github.Issue, error) {
	all, err := pages(ctx, c, "list the exitdrill issues of "+owner+"/"+repo, "read issues in the repository", func(opt github.ListOptions) ([]*github.Issue, *github.Response, error) {
		return c.gh.Issues.ListByRepo(ctx, owner, repo, &github.IssueListByRepoOptions{
			State: "all", Labels: []string{LabelExitdrill}, Sort: "created", Direction: "asc", ListOptions: opt})
	})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(is *github.Issue) bool { return is.IsPullRequest() }), nil
}

func (c *Client) editIssue(ctx context.Context, owner, repo string, number int, req *github.IssueRequest) error {
	return c.call(ctx, fmt.Sprintf("update issue #%d of %s/%s", number, owner, repo), needIssues, func() (*github.Response, error) {
		_, resp, err := c.gh.Issues.Edit(ctx, owner, repo, number, req)
		return resp, err
	})
}

func (c *Client) comment(ctx context.Context, owner, repo string, number int, body string) error {
	return c.call(ctx, fmt.Sprintf("comment on issue #%d of %s/%s", number, owner, repo), needIssues, func() (*github.Response, error) {
		_, resp, err := c.gh.Issues.CreateComment(ctx, owner, repo, number, &github.IssueComment{Body: &body})
		return resp, err
	})
}

// closeGone comments why, then closes: a crash in between leaves an open
// issue that the next run comments on and closes again, never a closed issue
// without its reason.
func (c *Client) closeGone(ctx context.Context, p Publication, is *github.Issue) error {
	msg := fmt.Sprintf("No longer found in drill %s: closing.", drillRef(p))
	if p.Closing != "" {
		msg = p.Closing
	}
	if err := c.comment(ctx, p.Owner, p.Repo, is.GetNumber(), msg); err != nil {
		return err
	}
	closed, reason := "closed", "completed"
	return c.editIssue(ctx, p.Owner, p.Repo, is.GetNumber(), &github.IssueRequest{State: &closed, StateReason: &reason})
}

func drillRef(p Publication) string {
	if p.Link != "" {
		return "[" + p.DrillID + "](" + p.Link + ")"
	}
	return "`" + p.DrillID + "`"
}

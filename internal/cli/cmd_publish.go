package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/reports"
)

type publishOptions struct {
	Repo     string
	Reports  string
	Owners   string
	Tracking bool
	Scope    string
	Link     string
	github   githubFlags
	output   outputFlag
}

func (o *publishOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Repo, "github", "", "repository to open the issues in, OWNER/REPO")
	cmd.Flags().StringVar(&o.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which evidence bundles are found by drill id (env EXITDRILL_REPORTS)")
	cmd.Flags().StringVar(&o.Owners, "owners", "", "YAML file mapping finding owners (as in the catalog) to GitHub logins, who are assigned")
	cmd.Flags().BoolVar(&o.Tracking, "tracking-issue", false, "also post the Markdown report as a comment on one tracking issue (opened when missing)")
	cmd.Flags().StringVar(&o.Scope, "scope", "", "issues of this scope are updated and closed (default: the drill's scenario id)")
	cmd.Flags().StringVar(&o.Link, "link", "", "URL of the drill's report or evidence, linked from the issues")
	_ = cmd.MarkFlagRequired("github")
	o.github.AddFlags(cmd)
	o.output.AddFlags(cmd)
}

func newPublishCmd(s *Streams) *cobra.Command {
	var o publishOptions
	cmd := &cobra.Command{
		Use:   "publish DRILL --github OWNER/REPO",
		Short: "Open, update and close GitHub issues for a drill's findings",
		Long: `Publish makes the findings of a drill (an evidence bundle directory, or a drill id
under --reports) the issues of a GitHub repository: one issue per finding, labelled
exitdrill, severity:… and process:…, found again by a hidden fingerprint in its body.
A later drill updates the issue, reopens it when the finding is back, and closes
issues whose finding is gone with a comment naming the drill. Publishing again
after a failure half-way opens no duplicates.

The token is read from $GITHUB_TOKEN (or --token-env NAME) and never printed. The
API is $GITHUB_API_URL or --github-api-url (GitHub Enterprise Server:
https://HOST/api/v3).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runPublish(cmd.Context(), &o, s, args[0]) },
	}
	o.AddFlags(cmd)
	return cmd
}

var repoName = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)$`)

func runPublish(ctx context.Context, o *publishOptions, s *Streams, drill string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	m := repoName.FindStringSubmatch(o.Repo)
	if m == nil {
		return withCode(ExitInvalid, fmt.Errorf("--github %q: want OWNER/REPO, for example voorbeeldstad/continuity", o.Repo))
	}
	b, dir, err := findBundle(drill, o.Reports)
	if err != nil {
		return err
	}
	owners, err := loadOwners(o.Owners)
	if err != nil {
		return err
	}
	p := forge.Publication{Owner: m[1], Repo: m[2], DrillID: b.DrillID, Link: o.Link, Scope: o.Scope,
		Findings: forgeFindings(b), Assignees: owners}
	if p.Scope == "" && b.Result != nil {
		p.Scope = b.Result.Scenario.ID
	}
	if o.Tracking {
		md, err := markdownReport(b)
		if err != nil {
			return fmt.Errorf("render the report of %s: %w", dir, err)
		}
		p.Report = md
	}
	c, err := o.github.client(s)
	if err != nil {
		return err
	}
	res, err := c.Publish(ctx, p)
	if res != nil && len(res.Issues) > 0 && err != nil {
		fmt.Fprint(s.Err, s.printer().F("exitdrill: published %d issues before stopping; run the command again to finish (it opens no duplicates)\n", len(res.Issues)))
	}
	if err != nil {
		return fmt.Errorf("publish %s to %s: %w", b.DrillID, o.Repo, err)
	}
	return printPublished(s, &o.output, res, len(p.Findings))
}

// findBundle reads the evidence bundle at drill (a directory) or under
// reports/drill.
func findBundle(drill, reportsDir string) (*evidence.Bundle, string, error) {
	dir := drill
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		dir = filepath.Join(reportsDir, drill)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, "", withCode(ExitInvalid, fmt.Errorf("no evidence bundle %s: neither a directory nor a drill under --reports %s", drill, reportsDir))
		}
	}
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		return nil, "", withCode(ExitInvalid, fmt.Errorf("evidence bundle %s: %w", dir, err))
	}
	return b, dir, nil
}

// forgeFindings are the bundle's findings as the publisher takes them.
func forgeFindings(b *evidence.Bundle) []forge.Finding {
	fs := b.Findings
	if fs == nil && b.Result != nil {
		fs = evidence.Findings(b.Result)
	}
	out := make([]forge.Finding, 0, len(fs))
	for _, f := range fs {
		out = append(out, forge.Finding{Fingerprint: f.Fingerprint, Severity: string(f.Severity), Category: f.Category,
			Process: f.Process, Owner: f.Owner, Step: f.Step, Target: f.Target, Title: f.Title, Detail: f.Detail, Hint: f.Hint})
	}
	return out
}

var loginName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)

// loadOwners reads a YAML mapping of owner name to GitHub login.
func loadOwners(file string) (map[string]string, error) {
	if file == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--owners: %w", err))
	}
	var owners map[string]string
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&owners); err != nil && !errors.Is(err, io.EOF) {
		return nil, withCode(ExitInvalid, fmt.Errorf("--owners %s: want a mapping of owner names to GitHub logins, for example \"Directie Parkeren: jdevries\": %w", file, err))
	}
	var bad []string
	for owner, login := range owners {
		if !loginName.MatchString(login) {
			bad = append(bad, fmt.Sprintf("%q: %q", owner, login))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return nil, withCode(ExitInvalid, fmt.Errorf("--owners %s: not GitHub logins: %s", file, strings.Join(bad, ", ")))
	}
	return owners, nil
}

func printPublished(s *Streams, o *outputFlag, res *forge.Published, findings int) error {
	if o.json() {
		return writeJSON(s.Out, res)
	}
	t := newTable(s, "Issues in "+res.Repo+" (scope "+res.Scope+")")
	t.AppendHeader([]any{"action", "issue", "title"})
	for _, r := range res.Issues {
		t.AppendRow([]any{string(r.Action), fmt.Sprintf("#%d", r.Number), r.Title})
	}
	if r := res.Tracking; r != nil {
		t.AppendRow([]any{"report " + string(r.Action), fmt.Sprintf("#%d", r.Number), r.Title})
	}
	t.Render()
	p := s.printer()
	fmt.Fprint(s.Err, p.F("%s: %d created, %d updated, %d reopened, %d unchanged, %d closed\n",
		pluralIn(p, findings, "finding", "findings"), res.Count(forge.Created), res.Count(forge.Updated), res.Count(forge.Reopened),
		res.Count(forge.Unchanged), res.Count(forge.Closed)))
	return nil
}

// markdownReport renders the drill report of b in Markdown, for the tracking
// issue.
func markdownReport(b *evidence.Bundle) (string, error) {
	r, err := reports.New(b)
	if err != nil {
		return "", err
	}
	var md strings.Builder
	if err := reports.Render(&md, "md", r); err != nil {
		return "", err
	}
	return md.String(), nil
}

package cli

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

type actionsOptions struct {
	Reports string
	Overdue bool
	trust   trustFlags
	output  outputFlag
}

func newActionsCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "actions",
		Short: "The action items of the drills' after-action reviews",
	}
	var o actionsOptions
	list := &cobra.Command{
		Use:   "list [--overdue]",
		Short: "List the action items of every reviewed drill under --reports: open, overdue and done",
		Long: `List shows the action items of the after-action reviews (exitdrill review) of
the drills under --reports: drill, id, title, owner, due date, the step or finding
it follows from, the process and the suppliers the drill took down, and whether it
is open, overdue (open after its due day) or done. A review that does not verify,
or is signed by a key that is not trusted, is left out and named on stderr.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runActionsList(&o, s) },
	}
	list.Flags().StringVar(&o.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which evidence bundles are found (env EXITDRILL_REPORTS)")
	list.Flags().BoolVar(&o.Overdue, "overdue", false, "only open items past their due day")
	o.trust.AddFlags(list)
	o.output.AddFlags(list)
	cmd.AddCommand(list)
	return cmd
}

// actionRow is one action item as listed.
type actionRow struct {
	Drill     string   `json:"drill"`
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Owner     string   `json:"owner"`
	Due       string   `json:"due"`
	Link      string   `json:"link,omitempty"`
	Process   string   `json:"process,omitempty"`
	Suppliers []string `json:"suppliers,omitempty"`
	Status    string   `json:"status"` // open, overdue, done
	Done      string   `json:"done,omitempty"`
	Bundle    string   `json:"bundle"`
}

func runActionsList(o *actionsOptions, s *Streams) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	trusted, err := o.trust.load()
	if err != nil {
		return err
	}
	dirs, err := evidence.FindBundles(os.DirFS(o.Reports))
	if err != nil {
		return withCode(ExitInvalid, fmt.Errorf("--reports %s: %w", o.Reports, err))
	}
	rows := []actionRow{}
	for _, d := range dirs {
		dir := filepath.Join(o.Reports, filepath.FromSlash(d))
		if _, err := os.Stat(dir + evidence.ReviewDirSuffix); err != nil {
			continue
		}
		b, r, why := verifiedReview(dir, trusted)
		if why != "" {
			fmt.Fprint(s.Err, s.printer().F("exitdrill: %s: left out: %s\n", path.Join(d)+evidence.ReviewDirSuffix, s.printer().Filled(why)))
			continue
		}
		for _, row := range actionRows(b, dir, r) {
			if !o.Overdue || row.Status == "overdue" {
				rows = append(rows, row)
			}
		}
	}
	if o.output.json() {
		return writeJSON(s.Out, rows)
	}
	title := s.printer().F("Action items under %s", o.Reports)
	if o.Overdue {
		title = s.printer().F("Overdue action items under %s", o.Reports)
	}
	printActions(s, rows, title)
	return nil
}

// verifiedReview loads the drill bundle in dir and its review, both
// verified and signed by trusted keys; else why not.
func verifiedReview(dir string, trusted *recorder.Trusted) (*evidence.Bundle, *evidence.Review, string) {
	v, err := evidence.VerifyReview(os.DirFS(dir+evidence.ReviewDirSuffix), os.DirFS(dir))
	if err != nil {
		return nil, nil, err.Error()
	}
	for i, signer := range v.Signers {
		if why := trusted.Judge(signer); why != "" {
			return nil, nil, fmt.Sprintf("revision %03d: %s", i+1, why)
		}
	}
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		return nil, nil, err.Error()
	}
	if why := trusted.Judge(b.Signer); why != "" {
		return nil, nil, "the drill's bundle: " + why
	}
	return b, v.Review, ""
}

// actionRows are the review's action items as listed, on today's date.
func actionRows(b *evidence.Bundle, dir string, r *evidence.Review) []actionRow {
	var rows []actionRow
	now := reviewNow()
	for _, a := range r.Actions {
		row := actionRow{Drill: b.DrillID, ID: a.ID, Title: a.Title, Owner: a.Owner, Due: a.Due.String(), Link: a.Link(),
			Process: b.ActionProcess(a), Status: "open", Bundle: dir}
		if b.Plan != nil {
			row.Suppliers = b.Plan.Scenario.Lost
		}
		switch {
		case !a.Open():
			row.Status, row.Done = "done", a.Done.Format(time.DateOnly)+" by "+a.DoneBy
		case a.Overdue(now):
			row.Status = "overdue"
		}
		rows = append(rows, row)
	}
	return rows
}

func printActions(s *Streams, rows []actionRow, title string) {
	p := s.printer()
	if len(rows) == 0 {
		fmt.Fprintln(s.Out, title+": "+p.T("none"))
		return
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Due < rows[j].Due })
	t := newTable(s, title)
	t.AppendHeader([]any{p.T("drill"), "id", p.T("status"), p.T("due"), p.T("owner"), p.T("title"), p.T("follows from")})
	for _, r := range rows {
		status := p.T(r.Status)
		if r.Done != "" {
			status += " " + strings.Replace(r.Done, " by ", " "+p.T("by")+" ", 1)
		}
		t.AppendRow([]any{r.Drill, r.ID, status, r.Due, r.Owner, r.Title, r.Link})
	}
	t.Render()
}

// publishActions makes the review's action items issues of --github: one
// per open item (scope actions-DRILL, keyed by the item's id), done items
// closed with a comment saying so.
func publishActions(ctx context.Context, s *Streams, o *reviewOptions, b *evidence.Bundle, r *evidence.Review) error {
	m := repoName.FindStringSubmatch(o.Repo)
	if m == nil {
		return withCode(ExitInvalid, fmt.Errorf("--github %q: want OWNER/REPO, for example voorbeeldstad/continuity", o.Repo))
	}
	owners, err := loadOwners(o.Owners)
	if err != nil {
		return err
	}
	p := forge.ActionsPublication(m[1], m[2], b, r, owners)
	open := len(p.Findings)
	c, err := o.github.client(s)
	if err != nil {
		return err
	}
	res, err := c.Publish(ctx, p)
	if err != nil {
		return fmt.Errorf("publish the action items of %s to %s: %w", b.DrillID, o.Repo, err)
	}
	if o.output.json() {
		return writeJSON(s.Out, struct {
			Review    *evidence.Review `json:"review"`
			Published *forge.Published `json:"published"`
		}{r, res})
	}
	return printPublished(s, &outputFlag{}, res, open)
}

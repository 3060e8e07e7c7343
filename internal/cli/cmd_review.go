package cli

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/lang"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

type reviewOptions struct {
	File     string
	WentWell []string
	NotWell  []string
	Lessons  []string
	Actions  []string
	Done     []string
	By       string
	Reports  string
	Repo     string
	Owners   string
	signing  signingFlag
	trust    trustFlags
	github   githubFlags
	output   outputFlag
}

func (o *reviewOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.File, "file", "f", "", "review file (kind: Review) with wentWell, didNotGoWell, lessons and actions")
	cmd.Flags().StringArrayVar(&o.WentWell, "went-well", nil, "what went well (repeatable)")
	cmd.Flags().StringArrayVar(&o.NotWell, "did-not-go-well", nil, "what did not go well (repeatable)")
	cmd.Flags().StringArrayVar(&o.Lessons, "lesson", nil, "a lesson learned (repeatable)")
	cmd.Flags().StringArrayVar(&o.Actions, "action", nil, `an action item, "TITLE|OWNER|YYYY-MM-DD" with an optional "|PROCESS/STEP" or "|finding:FINGERPRINT" (repeatable)`)
	cmd.Flags().StringArrayVar(&o.Done, "done", nil, "mark the action item of this id (A1, A2, …) done (repeatable)")
	cmd.Flags().StringVar(&o.By, "by", "", "who records the review, for the addendum ("+actorHelp+")")
	cmd.Flags().StringVar(&o.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory under which evidence bundles are found by drill id (env EXITDRILL_REPORTS)")
	cmd.Flags().StringVar(&o.Repo, "github", "", "also publish the action items as issues of this repository, OWNER/REPO: one per item, closed when done")
	cmd.Flags().StringVar(&o.Owners, "owners", "", "with --github: YAML file mapping action owners to GitHub logins, who are assigned")
	o.signing.AddFlags(cmd)
	o.trust.AddFlags(cmd)
	o.github.AddFlags(cmd)
	o.output.AddFlags(cmd)
}

func newReviewCmd(s *Streams) *cobra.Command {
	var o reviewOptions
	cmd := &cobra.Command{
		Use:   "review DRILL [--went-well T] [--did-not-go-well T] [--lesson T] [--action A] [--done ID] [--file REVIEW.yaml]",
		Short: "Record a drill's after-action review and its action items, as a signed addendum to its evidence",
		Long: `Review records, after a drill, what went well, what did not, the lessons learned
and the action items that follow (title, owner, due date, and the step or
finding they follow from). DRILL is an evidence bundle directory, or a drill
id under --reports.

Each time it is run it adds to the review and writes the whole review as a new
revision, BUNDLE.review/NNN: review.json with addendum.json, its manifest, signed
like the drill's bundle (--signing-key, else the state directory's own key).
The manifest names the SHA-256 of the drill bundle's manifest and its
signature, and the revision before: exitdrill verify BUNDLE checks the chain.
Action items get ids A1, A2, …; --done ID marks one done.

With --github OWNER/REPO the open action items become issues (one per item,
labelled action-item, found again by a hidden key: running again opens no
duplicates) and done ones are closed; exitdrill actions list shows them all.

Exit codes: 0 recorded; 2 invalid input (nothing written: an unknown step or
finding, an action without owner or due date, a drill bundle or earlier
review that does not verify); 5 the addendum could not be written.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runReview(cmd.Context(), &o, s, args[0]) },
	}
	o.AddFlags(cmd)
	return cmd
}

// reviewNow is the clock of review records (a test sets it).
var reviewNow = time.Now

func runReview(ctx context.Context, o *reviewOptions, s *Streams, ref string) error {
	if err := o.output.check(s); err != nil {
		return err
	}
	b, dir, err := findBundle(ref, o.Reports)
	if err != nil {
		return err
	}
	who, _, err := actor(o.By)
	if err != nil {
		return err
	}
	r, prev, err := currentReview(dir, b.DrillID)
	if err != nil {
		return err
	}
	if err := o.apply(r, b, who); err != nil {
		return err
	}
	r.Revision++
	r.RecordedAt, r.RecordedBy = reviewNow().UTC().Truncate(time.Second), who
	if err := r.Check(b); err != nil {
		return withCode(ExitInvalid, fmt.Errorf("review of drill %s: %w", b.DrillID, err))
	}
	key, err := o.signing.key(o.trust.stateDirOrDefault())
	if err != nil {
		return err
	}
	out, err := recorder.WriteReview(dir, r, prev, key)
	switch {
	case errors.Is(err, recorder.ErrReviewRace) || errors.Is(err, recorder.ErrWrite):
		return withCode(ExitEvidence, err)
	case err != nil:
		return withCode(ExitInvalid, fmt.Errorf("review of %s: %w", dir, err))
	}
	if !o.output.json() {
		fmt.Fprint(s.Out, s.printer().F("review of drill %s recorded: revision %d in %s (%s)\n", b.DrillID, r.Revision, out, signedByIn(s.printer(), key)))
		printActions(s, actionRows(b, dir, r), s.printer().F("Action items of drill %s", b.DrillID))
	}
	if o.Repo == "" {
		if o.output.json() {
			return writeJSON(s.Out, r)
		}
		return nil
	}
	return publishActions(ctx, s, o, b, r)
}

// currentReview is recorder.CurrentReview, a review that does not verify
// being exit 2.
func currentReview(dir, drillID string) (*evidence.Review, *evidence.Link, error) {
	r, l, err := recorder.CurrentReview(dir, drillID)
	if err != nil {
		return nil, nil, withCode(ExitInvalid, err)
	}
	return r, l, nil
}

// apply adds the flags' and the file's entries to r and marks actions done;
// giving nothing to record is exit 2.
func (o *reviewOptions) apply(r *evidence.Review, b *evidence.Bundle, who string) error {
	var actions []*actionFile
	if o.File != "" {
		rf, err := loadReviewFile(o.File, b)
		if err != nil {
			return err
		}
		r.WentWell, r.NotWell, r.Lessons = append(r.WentWell, rf.WentWell...), append(r.NotWell, rf.NotWell...), append(r.Lessons, rf.Lessons...)
		actions = rf.Actions
	}
	r.WentWell, r.NotWell, r.Lessons = append(r.WentWell, o.WentWell...), append(r.NotWell, o.NotWell...), append(r.Lessons, o.Lessons...)
	for _, v := range o.Actions {
		a, err := parseActionFlag(v)
		if err != nil {
			return withCode(ExitInvalid, err)
		}
		actions = append(actions, a)
	}
	for _, a := range actions {
		r.Actions = append(r.Actions, a.action(r.NextActionID()))
	}
	for _, id := range o.Done {
		i := slices.IndexFunc(r.Actions, func(a evidence.Action) bool { return strings.EqualFold(a.ID, id) })
		if i < 0 {
			return withCode(ExitInvalid, fmt.Errorf("--done %s: the review of drill %s has no such action item (%s)", id, b.DrillID, actionIDs(r)))
		}
		if r.Actions[i].Open() {
			r.Actions[i].Done, r.Actions[i].DoneBy = reviewNow().UTC().Truncate(time.Second), who
		}
	}
	if o.File == "" && len(o.WentWell)+len(o.NotWell)+len(o.Lessons)+len(o.Actions)+len(o.Done) == 0 {
		return withCode(ExitInvalid, errors.New("nothing to record: give --went-well, --did-not-go-well, --lesson, --action, --done or --file"))
	}
	return nil
}

func actionIDs(r *evidence.Review) string {
	var ids []string
	for _, a := range r.Actions {
		ids = append(ids, a.ID)
	}
	if len(ids) == 0 {
		return "it has none"
	}
	return "it has " + strings.Join(ids, ", ")
}

// signedByIn is signedBy in the printer's language.
func signedByIn(p *lang.Printer, key ed25519.PrivateKey) string {
	if key == nil {
		return p.T("UNSIGNED")
	}
	id := evidence.SignerID(key.Public().(ed25519.PublicKey))
	return p.F("signed by %s (fingerprint %s)", id, fingerprint(id))
}

// stateDirOrDefault is --state-dir, else the default state directory.
func (f *trustFlags) stateDirOrDefault() string {
	if f.stateDir != "" {
		return f.stateDir
	}
	return engine.DefaultStateDir()
}

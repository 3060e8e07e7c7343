package forge

import (
	"fmt"
	"regexp"

	"github.com/exitdrill/exitdrill/evidence"
)

// repoPattern is OWNER/REPO as GitHub allows them.
var repoPattern = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)$`)

// SplitRepo splits "OWNER/REPO"; ok is false when s is not one.
func SplitRepo(s string) (owner, repo string, ok bool) {
	m := repoPattern.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// ActionsPublication is the publication of the action items of review r
// of the drill of bundle b as issues of owner/repo: one issue per open
// item (found again by its id in the scope actions-DRILL, so publishing
// again opens no duplicates), done ones closed with a comment. assignees
// maps an item's owner to a GitHub login. exitdrill review --github and
// the console's review page both publish through it.
func ActionsPublication(owner, repo string, b *evidence.Bundle, r *evidence.Review, assignees map[string]string) Publication {
	p := Publication{Owner: owner, Repo: repo, DrillID: b.DrillID, Scope: "actions-" + b.DrillID, Assignees: assignees,
		Closing: fmt.Sprintf("Marked done in the after-action review of drill `%s`: closing.", b.DrillID)}
	for _, a := range r.Actions {
		if !a.Open() {
			continue
		}
		detail := fmt.Sprintf("Action item %s of the after-action review of drill `%s` (revision %d, recorded by %s).\n\n**Owner:** %s · **Due:** %s",
			a.ID, b.DrillID, r.Revision, r.RecordedBy, a.Owner, a.Due)
		if l := a.Link(); l != "" {
			detail += " · **Follows from:** " + l
		}
		p.Findings = append(p.Findings, Finding{Fingerprint: a.ID, Category: CategoryAction, Process: b.ActionProcess(a),
			Owner: a.Owner, Step: a.Step, Title: a.Title, Detail: detail,
			Hint: fmt.Sprintf("Do it by %s, then mark it done: `exitdrill review %s --done %s`.", a.Due, b.DrillID, a.ID)})
	}
	return p
}

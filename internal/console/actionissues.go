package console

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// Publisher publishes issues: *forge.Client.
type Publisher interface {
	Publish(ctx context.Context, p forge.Publication) (*forge.Published, error)
}

// ActionIssues is where the review page publishes a review's action items
// as issues, as exitdrill review --github does: one per open item,
// deduplicated by its id, closed when it is done.
type ActionIssues struct {
	Publisher Publisher
	// Repo is OWNER/REPO.
	Repo string
	// Owners maps an action's owner to the GitHub login assigned.
	Owners map[string]string
}

// publishTimeout bounds one publication: a review has a handful of items,
// each a few calls, retried by the client on GitHub's rate limits.
const publishTimeout = 2 * time.Minute

// publishActions publishes the action items of the drill's current review
// as issues of Options.Actions.Repo.
func (c *Console) publishActions(w http.ResponseWriter, r *http.Request, ss *session) {
	ai := c.o.Actions
	if ai == nil || ai.Publisher == nil {
		c.fail(w, r, ss, http.StatusNotFound, "This console publishes no action items: it was started without --actions-repo OWNER/REPO. Publish them with exitdrill review DRILL --github OWNER/REPO.")
		return
	}
	b, dir, ok := c.afterActionBundle(w, r, ss)
	if !ok {
		return
	}
	rv, _, err := recorder.CurrentReview(dir, b.DrillID)
	if err != nil {
		c.fail(w, r, ss, http.StatusConflict, "The action items were not published: "+err.Error())
		return
	}
	if len(rv.Actions) == 0 {
		c.fail(w, r, ss, http.StatusUnprocessableEntity, "The review of drill "+b.DrillID+" has no action items to publish.")
		return
	}
	owner, repo, ok := forge.SplitRepo(ai.Repo)
	if !ok {
		c.fail(w, r, ss, http.StatusInternalServerError, fmt.Sprintf("The console's action repository %q is not OWNER/REPO.", ai.Repo))
		return
	}
	cx, cancel := context.WithTimeout(r.Context(), publishTimeout)
	defer cancel()
	res, err := ai.Publisher.Publish(cx, forge.ActionsPublication(owner, repo, b, rv, ai.Owners))
	if err != nil {
		c.fail(w, r, ss, http.StatusBadGateway, fmt.Sprintf("The action items were not published to %s: %v", ai.Repo, err))
		return
	}
	c.o.Logger.Info("console: action items published", "user", ss.user.Name, "drill", b.DrillID, "repo", ai.Repo,
		"created", res.Count(forge.Created), "closed", res.Count(forge.Closed))
	c.sessions.setFlash(ss, fmt.Sprintf("action items published to %s: %d created, %d updated, %d reopened, %d unchanged, %d closed",
		ai.Repo, res.Count(forge.Created), res.Count(forge.Updated), res.Count(forge.Reopened), res.Count(forge.Unchanged), res.Count(forge.Closed)))
	http.Redirect(w, r, "/drills/"+url.PathEscape(b.DrillID)+"/after-action", http.StatusSeeOther)
}

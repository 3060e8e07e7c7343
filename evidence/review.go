package evidence

import (
	"fmt"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Limits of an after-action review: it is user text that goes into a signed
// addendum and tracker issues.
const (
	MaxReviewItems = 100  // per list: went well, did not go well, lessons, actions
	MaxReviewText  = 2000 // characters of one entry or action title
)

// Review is the after-action review of a drill: what went well, what did
// not, the lessons, and the actions that follow, each with an owner and a
// due date. Each time it is recorded it becomes a new revision of the
// drill's review addendum (see BuildAddendum), the whole review as it then
// stands.
type Review struct {
	DrillID    string    `json:"drillId"`
	Revision   int       `json:"revision"`
	RecordedAt time.Time `json:"recordedAt"`
	RecordedBy string    `json:"recordedBy"`
	WentWell   []string  `json:"wentWell,omitempty"`
	NotWell    []string  `json:"didNotGoWell,omitempty"`
	Lessons    []string  `json:"lessons,omitempty"`
	Actions    []Action  `json:"actions,omitempty"`
}

// Action is an action item of a review. ID is its stable key ("A1", "A2",
// in the order they were added): the tracker issue is found again by it.
type Action struct {
	ID    string     `json:"id"`
	Title string     `json:"title"`
	Owner string     `json:"owner"`
	Due   drill.Date `json:"due"`
	// Process and Step link the action to a step of the drill (Step may be
	// empty: the process); Finding to a finding, by its fingerprint.
	Process string `json:"process,omitempty"`
	Step    string `json:"step,omitempty"`
	Finding string `json:"finding,omitempty"`
	// Done is when the action was marked done, and by whom; zero while open.
	Done   time.Time `json:"done,omitzero"`
	DoneBy string    `json:"doneBy,omitempty"`
}

// Open reports whether the action is not done.
func (a Action) Open() bool { return a.Done.IsZero() }

// Overdue reports whether the action is open after its due day, on the day of now.
func (a Action) Overdue(now time.Time) bool {
	return a.Open() && !a.Due.IsZero() && now.UTC().Format(time.DateOnly) > a.Due.String()
}

// Link is where the action points: "process/step", the process,
// "finding FP", or "".
func (a Action) Link() string {
	switch {
	case a.Step != "":
		return a.Process + "/" + a.Step
	case a.Process != "":
		return a.Process
	case a.Finding != "":
		return "finding " + a.Finding
	}
	return ""
}

// Check checks the review against the drill's bundle: bounded text, every
// action with a title, an owner and a due date, links to a process and step
// the drill has or a finding it recorded, unique action ids.
func (r *Review) Check(b *Bundle) error {
	lists := []struct {
		what  string
		items []string
	}{{"went well", r.WentWell}, {"did not go well", r.NotWell}, {"lessons", r.Lessons}}
	for _, l := range lists {
		if len(l.items) > MaxReviewItems {
			return fmt.Errorf("%s has %d entries; at most %d are allowed", l.what, len(l.items), MaxReviewItems)
		}
		for i, s := range l.items {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("%s entry %d is empty", l.what, i+1)
			}
			if err := drill.CheckText(fmt.Sprintf("%s entry %d", l.what, i+1), s, MaxReviewText, true); err != nil {
				return err
			}
		}
	}
	if len(r.Actions) > MaxReviewItems {
		return fmt.Errorf("the review has %d actions; at most %d are allowed", len(r.Actions), MaxReviewItems)
	}
	seen := map[string]bool{}
	for _, a := range r.Actions {
		if err := a.check(b, seen); err != nil {
			return fmt.Errorf("action %s: %w", a.ID, err)
		}
	}
	return drill.CheckText("who records the review", r.RecordedBy, drill.MaxName, false)
}

func (a Action) check(b *Bundle, seen map[string]bool) error {
	switch {
	case a.ID == "" || seen[a.ID]:
		return fmt.Errorf("needs an id of its own")
	case strings.TrimSpace(a.Title) == "":
		return fmt.Errorf("has no title")
	case strings.TrimSpace(a.Owner) == "":
		return fmt.Errorf("has no owner: every action needs someone who does it")
	case a.Due.IsZero():
		return fmt.Errorf("has no due date (YYYY-MM-DD)")
	}
	seen[a.ID] = true
	if err := drill.CheckText("the title", a.Title, MaxReviewText, false); err != nil {
		return err
	}
	if err := drill.CheckText("the owner", a.Owner, drill.MaxName, false); err != nil {
		return err
	}
	if a.Process != "" {
		if err := b.Plan.HasStep(a.Process, a.Step); err != nil {
			return err
		}
	}
	if a.Finding != "" && !b.hasFinding(a.Finding) {
		return fmt.Errorf("links to finding %q, which drill %s did not record (its findings: exitdrill report, findings.json)", a.Finding, b.DrillID)
	}
	return nil
}

func (b *Bundle) hasFinding(fp string) bool {
	for _, f := range b.Findings {
		if f.Fingerprint == fp {
			return true
		}
	}
	return false
}

// ActionProcess is the process action a of the drill of b follows from:
// its own link, or the process of the finding it names; "" for neither.
func (b *Bundle) ActionProcess(a Action) string {
	if a.Process != "" {
		return a.Process
	}
	for _, f := range b.Findings {
		if a.Finding != "" && f.Fingerprint == a.Finding {
			return f.Process
		}
	}
	return ""
}

// NextActionID is the id the next action added to r gets.
func (r *Review) NextActionID() string {
	n := 0
	for _, a := range r.Actions {
		var k int
		if _, err := fmt.Sscanf(a.ID, "A%d", &k); err == nil && k > n {
			n = k
		}
	}
	return fmt.Sprintf("A%d", n+1)
}

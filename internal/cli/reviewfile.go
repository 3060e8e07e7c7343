package cli

import (
	"fmt"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ReviewKind is the kind of an after-action review file (exitdrill review
// --file).
const ReviewKind = "Review"

// reviewFile is an after-action review as a YAML file: what `review` adds
// to the drill's review.
type reviewFile struct {
	yamldoc.Header `yaml:",inline"`
	WentWell       []string      `yaml:"wentWell" doc:"What went well."`
	NotWell        []string      `yaml:"didNotGoWell" doc:"What did not go well."`
	Lessons        []string      `yaml:"lessons" doc:"Lessons learned."`
	Actions        []*actionFile `yaml:"actions" doc:"Action items."`
}

// actionFile is an action item in a review file.
type actionFile struct {
	Title   string     `yaml:"title" required:"true" doc:"What is to be done."`
	Owner   string     `yaml:"owner" required:"true" doc:"Who does it."`
	Due     drill.Date `yaml:"due" required:"true" doc:"When it is due, YYYY-MM-DD."`
	Step    string     `yaml:"step" doc:"The step (PROCESS/STEP) or process (PROCESS) of the drill it follows from."`
	Finding string     `yaml:"finding" doc:"The fingerprint of the drill's finding it follows from."`

	Src yamldoc.Source `yaml:"-"`
}

// loadReviewFile reads a review file and checks its links against the
// drill's bundle b; a mistake names the file, line, column and key.
func loadReviewFile(path string, b *evidence.Bundle) (*reviewFile, error) {
	var errs yamldoc.List
	docs := yamldoc.ReadFile(yamldoc.OSFS{}, path, &errs)
	var rf reviewFile
	switch {
	case errs.Len() > 0:
	case len(docs) != 1 || docs[0].Kind != ReviewKind:
		return nil, withCode(ExitInvalid, fmt.Errorf("review file %s: want one %s document (apiVersion: exitdrill/v1, kind: %s)", path, ReviewKind, ReviewKind))
	default:
		yamldoc.Decode(docs[0], &rf, "", &errs)
	}
	if errs.Len() == 0 {
		for _, a := range rf.Actions {
			p, s, _ := strings.Cut(a.Step, "/")
			if a.Step != "" {
				if err := b.Plan.HasStep(p, s); err != nil {
					errs.AddAt(a.Src, "step", a.Step, err.Error(), "PROCESS/STEP or PROCESS of this drill")
				}
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("review file %s: %w", path, err))
	}
	return &rf, nil
}

// action is the file's action item as a review records it.
func (a *actionFile) action(id string) evidence.Action {
	p, s, _ := strings.Cut(a.Step, "/")
	return evidence.Action{ID: id, Title: strings.TrimSpace(a.Title), Owner: strings.TrimSpace(a.Owner), Due: a.Due,
		Process: p, Step: s, Finding: a.Finding}
}

// parseActionFlag reads --action "TITLE|OWNER|YYYY-MM-DD[|LINK]", LINK being
// PROCESS/STEP, PROCESS or finding:FINGERPRINT.
func parseActionFlag(v string) (*actionFile, error) {
	parts := strings.Split(v, "|")
	if len(parts) < 3 || len(parts) > 4 {
		return nil, fmt.Errorf(`--action %q: want "TITLE|OWNER|YYYY-MM-DD" with an optional "|PROCESS/STEP" or "|finding:FINGERPRINT"`, v)
	}
	a := &actionFile{Title: parts[0], Owner: parts[1]}
	if err := a.Due.UnmarshalScalar(strings.TrimSpace(parts[2])); err != nil {
		return nil, fmt.Errorf("--action %q: due date %q: want YYYY-MM-DD, for example 2027-01-31", v, parts[2])
	}
	if len(parts) == 4 {
		link := strings.TrimSpace(parts[3])
		if fp, ok := strings.CutPrefix(link, "finding:"); ok {
			a.Finding = fp
		} else {
			a.Step = link
		}
	}
	return a, nil
}

package runbooks

import (
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ValidateInjects checks a list of injects on its own, a scenario's or a
// runbook's (where names it: "the scenario", "runbook X"): ids unique and
// usable on a command line, and a message. Whether the time is within the
// outage and the role has contacts is for the scenario and catalog checks.
func ValidateInjects(injects []*drill.Inject, where string, errs *yamldoc.List) {
	seen := map[string]bool{}
	for _, in := range injects {
		if in == nil {
			continue
		}
		switch {
		case in.ID != "" && !ValidInjectID(in.ID):
			errs.AddAt(in.Src, "id", in.ID, "is not a usable inject id", "letters, digits, '.', '_' and '-'")
		case seen[in.ID]:
			errs.AddAt(in.Src, "id", in.ID, "is used twice in "+where, "each inject id once")
		}
		seen[in.ID] = true
		if in.Src.Has("message") && strings.TrimSpace(in.Message) == "" {
			errs.AddAt(in.Src, "message", "", "is empty", "what the participants are told")
		}
	}
}

// ValidInjectID reports whether id is usable as an inject id: letters,
// digits, '.', '_' and '-', at most 64 of them.
func ValidInjectID(id string) bool {
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return len(id) <= 64
}

// InjectID is the id a runbook's inject has in a drill plan: RUNBOOK.ID,
// unique beside the scenario's and other runbooks' injects.
func InjectID(runbook, id string) string { return runbook + "." + id }

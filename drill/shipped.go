package drill

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"path/filepath"
)

// Shipping: the plan carries the content of the small files a step reads
// (exit plan documents, export manifests, scripts), so that a worker on
// another machine, which cannot see the catalog's directory, runs the step
// on the catalog's own bytes instead of not at all. Large files and
// directories (backups) are never shipped: they are named by path and
// stamped only, and a worker must see them. Files are shipped where the
// drill is prepared (internal/drillops) and used by the worker only when it
// does not see the step's directory at all (internal/checks): a worker that
// sees its own copy must see the catalog's bytes, as without shipping.
const (
	// ShipFileLimit is the largest file whose content a plan carries.
	ShipFileLimit = 256 << 10
	// ShipBudget bounds the shipped content of a whole plan, as it travels
	// (base64 in the JSON of the Drill workflow's input, which is also the
	// preflight's input): with the rest of the plan it stays well under
	// Temporal's payload limit of 2 MB. A file read by several steps
	// counts once per step, as each step carries its copy.
	ShipBudget = 1 << 20
)

// Ships reports whether a step of kind k may run on the plan's copy of its
// files: exit plan checks and commands. Backup steps never do, whatever
// their size: a backup is judged by its own file's age and place, which a
// copy does not have.
func Ships(k StepKind) bool {
	return k == ExitPlanCurrent || k == ExitPlanExport || k == Command
}

// DetailShipped is the detail key of a step that ran on the plan's copy of
// its files because the worker did not see its directory; the value says so
// in words.
const DetailShipped = "shippedFiles"

// CommandFailedOnCopy begins the inconclusive reason of a command that did
// not pass on the plan's copy of its files.
const CommandFailedOnCopy = "the command did not pass"

// ShippedSize is what content of n bytes costs in a plan (see ShipBudget).
func ShippedSize(n int64) int64 { return int64(base64.StdEncoding.EncodedLen(int(n))) }

// ShippedProblem says why the content a stamp carries cannot stand for the
// catalog's file ("" when it can): it is not shipped, its path is not clean
// and absolute (a copy is written at that path under a private directory,
// never outside it), or its bytes are not the ones stamped (a plan changed
// on its way, or by hand).
func (s FileStamp) ShippedProblem() string {
	switch {
	case !filepath.IsAbs(s.Path) || filepath.Clean(s.Path) != s.Path:
		return fmt.Sprintf("%q: the plan's copy is not named by a clean absolute path", s.Path)
	case !s.Shipped || s.Kind != FileRegular:
		return fmt.Sprintf("%s: the plan carries no copy", s.Path)
	case int64(len(s.Content)) != s.Size:
		return fmt.Sprintf("%s: the plan's copy holds %d bytes, the catalog's file %d", s.Path, len(s.Content), s.Size)
	}
	sum := sha256.Sum256(s.Content)
	if got := hex.EncodeToString(sum[:]); got != s.SHA256 {
		return fmt.Sprintf("%s: the plan's copy has sha256 %s, the catalog's file %s", s.Path, got, s.SHA256)
	}
	return ""
}

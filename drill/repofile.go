package drill

import (
	"fmt"
	"path"
	"strings"
)

// RepoFile is where a file a step reads lies in the repository of a
// github:OWNER/REPO/PATH@REF source, at the commit the drill was prepared on.
// A worker that does not see the step's directory, and is not given the
// file's content by the plan (it is too large to ship, or the plan's budget
// was spent), fetches the source at that commit and runs the step on the
// files it finds there, each checked against its stamp: a commit never
// changes, so the worker reads the catalog's own bytes or, when it cannot
// fetch them, makes the step inconclusive.
type RepoFile struct {
	// Source is the source at its commit: github:OWNER/REPO[/PATH]@SHA, the
	// SHA of 40 hexadecimal digits.
	Source string `json:"source"`
	// Path is the file's slash-separated path from the repository's root.
	Path string `json:"path"`
}

// Problem says why r cannot name a file to fetch ("" when it can): the
// source is not pinned to a full commit SHA, or the path is not clean and
// relative (a worker joins it to the repository's local root and must
// never leave it).
func (r *RepoFile) Problem() string {
	at := strings.LastIndex(r.Source, "@")
	if !strings.HasPrefix(r.Source, "github:") || at < 0 || !fullSHA(r.Source[at+1:]) {
		return fmt.Sprintf("%q is not a github: source pinned to a commit", r.Source)
	}
	if r.Path == "" || path.IsAbs(r.Path) || path.Clean(r.Path) != r.Path || r.Path == ".." || strings.HasPrefix(r.Path, "../") || strings.Contains(r.Path, `\`) {
		return fmt.Sprintf("%q is not a clean path inside the repository", r.Path)
	}
	return ""
}

// fullSHA reports whether s is a full commit SHA in lower-case hexadecimal.
func fullSHA(s string) bool {
	return len(s) == 40 && strings.Trim(s, "0123456789abcdef") == ""
}

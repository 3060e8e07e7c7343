package forge

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// SpecPrefix starts a definitions source that lives in a repository.
const SpecPrefix = "github:"

// Spec is a location in a repository at a ref: github:OWNER/REPO/PATH@REF.
type Spec struct {
	Owner, Repo string
	// Path is the file or directory inside the repository, "" for its root.
	Path string
	// Ref is a branch, tag or commit SHA; "" means the default branch.
	Ref string
}

// IsSpec reports whether s names a repository source rather than a local path.
func IsSpec(s string) bool { return strings.HasPrefix(s, SpecPrefix) }

var (
	namePart = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	refPart  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/+-]*$`)
)

// ParseSpec parses github:OWNER/REPO[/PATH][@REF].
func ParseSpec(s string) (Spec, error) {
	const want = "want github:OWNER/REPO/PATH@REF, for example github:voorbeeldstad/continuity/catalog@main"
	rest, ok := strings.CutPrefix(s, SpecPrefix)
	if !ok {
		return Spec{}, fmt.Errorf("%q: %s", s, want)
	}
	var sp Spec
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest, sp.Ref = rest[:i], rest[i+1:]
		if !refPart.MatchString(sp.Ref) || strings.Contains(sp.Ref, "..") {
			return Spec{}, fmt.Errorf("%q: ref %q is not a branch, tag or commit name; %s", s, sp.Ref, want)
		}
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 || !namePart.MatchString(parts[0]) || !namePart.MatchString(parts[1]) {
		return Spec{}, fmt.Errorf("%q: %s", s, want)
	}
	sp.Owner, sp.Repo = parts[0], parts[1]
	if len(parts) == 3 {
		p := path.Clean("/" + parts[2])[1:]
		if p != strings.TrimSuffix(parts[2], "/") || strings.Contains(p, "..") {
			return Spec{}, fmt.Errorf("%q: path %q must be clean and stay inside the repository", s, parts[2])
		}
		sp.Path = p
	}
	return sp, nil
}

// String formats the spec as ParseSpec reads it.
func (s Spec) String() string {
	out := SpecPrefix + s.Owner + "/" + s.Repo
	if s.Path != "" {
		out += "/" + s.Path
	}
	if s.Ref != "" {
		out += "@" + s.Ref
	}
	return out
}

// FullName is OWNER/REPO.
func (s Spec) FullName() string { return s.Owner + "/" + s.Repo }

package drillops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
)

// MaxCandidates is how many drills an ambiguous prefix lists.
const MaxCandidates = 10

// NoDrillError says that no drill has the id, or an id starting with it,
// that was asked for (Ref; "" for the latest drill).
type NoDrillError struct{ Ref string }

func (e *NoDrillError) Error() string {
	if e.Ref == "" {
		return "no drills yet"
	}
	return fmt.Sprintf("no drill %q (no drill id is or starts with it)", e.Ref)
}

// AmbiguousError says that more than one drill id starts with Prefix:
// Candidates, newest first, at most MaxCandidates of them; More when there
// are others.
type AmbiguousError struct {
	Prefix     string
	Candidates []string
	More       bool
}

func (e *AmbiguousError) Error() string {
	more := ""
	if e.More {
		more = ", ..."
	}
	return fmt.Sprintf("drill id prefix %q is ambiguous: %s%s; give more of the id", e.Prefix, strings.Join(e.Candidates, ", "), more)
}

// FindDrill returns the id of the drill ref names in namespace ns: the
// drill of that exact id, else the one drill whose id starts with ref. No
// such drill is a *NoDrillError, several an *AmbiguousError.
func FindDrill(ctx context.Context, c client.Client, ns, ref string) (string, error) {
	// Ids made by a schedule (ID-2026-12-04T15:43:30Z) have characters
	// ValidID refuses: ref is only checked for what the query cannot hold.
	if ref == "" || strings.ContainsFunc(ref, func(r rune) bool { return r == '\'' || r == '\\' || r < ' ' || r == 0x7f }) {
		return "", &InvalidError{Err: fmt.Errorf("drill %q: not a drill id; allowed: a drill id or its beginning (exitdrill list)", ref)}
	}
	_, err := c.DescribeWorkflowExecution(ctx, ref, "")
	if err == nil {
		return ref, nil
	}
	var notFound *serviceerror.NotFound
	if !errors.As(err, &notFound) {
		return "", fmt.Errorf("drill %s: %w", ref, err)
	}
	// ref has no quote or backslash: it is safe in the query.
	rows, err := List(ctx, c, ns, fmt.Sprintf("%s AND WorkflowId STARTS_WITH '%s'", All, ref), 1000)
	if err != nil {
		return "", err
	}
	var ids []string
	for _, r := range rows {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	switch len(ids) {
	case 0:
		return "", &NoDrillError{Ref: ref}
	case 1:
		return ids[0], nil
	}
	return "", &AmbiguousError{Prefix: ref, Candidates: ids[:min(len(ids), MaxCandidates)], More: len(ids) > MaxCandidates}
}

// LatestDrill returns the id of the drill started last in namespace ns; no
// drill at all is a *NoDrillError.
func LatestDrill(ctx context.Context, c client.Client, ns string) (string, error) {
	rows, err := List(ctx, c, ns, All, 1)
	if err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "", &NoDrillError{}
	}
	return rows[0].ID, nil
}

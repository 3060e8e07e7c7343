// Package mirror checks forge.mirror: every repository of an organisation on
// GitHub has a current mirror outside it. It is named for what it checks, not
// "forge": that is the GitHub adapter (internal/forge) this package uses to
// list repositories and branches, and two packages named forge would need an
// import alias wherever both are read.
package mirror

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/forge"
)

// Error types of forge.mirror failures that retrying can fix. The workflow
// retries them (they are not in its non-retryable list); a rate limit carries
// the delay GitHub asked for as the next retry's delay.
const (
	ErrForgeRateLimited = "ForgeRateLimited"
	ErrForgeUnavailable = "ForgeUnavailable"
)

// lsRemoteTimeout bounds reading one mirror.
const lsRemoteTimeout = 2 * time.Minute

// mirrorState is one repository's verdict.
type mirrorState struct {
	repo   string
	state  string // in sync, stale, missing
	detail string
}

// Check is forge.mirror: it checks that every repository of the step's forge
// block has a mirror at the alternative remote whose branch heads equal the
// forge's, or lag by at most maxBehind (the age at T0 of the oldest commit the
// mirror lacks). The forge is contacted only when its supplier is not lost:
// the workflow fails the step without running it otherwise.
func Check(ctx context.Context, cfg *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	f := in.Step.Forge
	if f == nil || f.Mirror == "" {
		return drill.StepOutput{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("forge.mirror step %s has no forge block with a mirror: add forge: {owner: ORG, mirror: URL}", in.Step.ID), drill.ErrBadStep, nil)
	}
	c, out, err := forgeClient(cfg.Env, f)
	if err != nil {
		return drill.StepOutput{}, err
	}
	stop := step.Heartbeat(ctx, 2*time.Second)
	defer stop()
	repos, err := mirrorTargets(ctx, c, f)
	if err != nil {
		return out, forgeFailure(ctx, err)
	}
	if len(repos) == 0 {
		out.Reason = fmt.Sprintf("GitHub lists no repositories of %s: nothing was checked", f.Owner)
		return out, nil
	}
	t0 := in.T0
	if t0.IsZero() {
		t0 = time.Now()
	}
	var states []mirrorState
	for _, r := range repos {
		st, err := checkOneMirror(ctx, c, f, r, t0)
		if err != nil {
			return out, forgeFailure(ctx, err)
		}
		states = append(states, st)
		out.Details["repo "+st.repo] = st.state + ": " + st.detail
	}
	summarise(&out, states, f.MaxBehind.String())
	return out, nil
}

// forgeClient builds the API client from the block and the worker's
// environment, env, and starts the output's details.
func forgeClient(env func(string) (string, bool), f *drill.Forge) (*forge.Client, drill.StepOutput, error) {
	tokenEnv := f.TokenEnv
	if tokenEnv == "" {
		tokenEnv = forge.DefaultTokenEnv
	}
	token, _ := env(tokenEnv)
	apiURL := f.APIURL
	if apiURL == "" {
		apiURL, _ = env("GITHUB_API_URL")
	}
	c, err := forge.New(forge.Config{APIURL: apiURL, Token: token, TokenEnv: tokenEnv, Retry: forge.ActivityRetry})
	if err != nil {
		return nil, drill.StepOutput{}, temporal.NewNonRetryableApplicationError(err.Error(), drill.ErrBadStep, nil)
	}
	out := drill.StepOutput{Details: map[string]string{"forge": c.BaseURL(), "mirror": forge.RedactURL(f.Mirror), "maxBehind": f.MaxBehind.String()}}
	if token == "" {
		out.Details["authenticated"] = "no: " + tokenEnv + " is not set; public repositories only, 60 API requests an hour"
	} else {
		out.Details["authenticated"] = "yes, token from " + tokenEnv
	}
	return c, out, nil
}

// mirrorTargets lists the repositories to check: the listed ones, or every
// repository of the owner.
func mirrorTargets(ctx context.Context, c *forge.Client, f *drill.Forge) ([]forge.Repo, error) {
	if len(f.Repos) == 0 {
		repos, err := c.ListRepos(ctx, f.Owner)
		sort.Slice(repos, func(i, j int) bool { return repos[i].FullName() < repos[j].FullName() })
		return repos, err
	}
	var out []forge.Repo
	for _, r := range f.Repos {
		owner, name, ok := strings.Cut(r, "/")
		if !ok {
			owner, name = f.Owner, r
		}
		repo, err := c.GetRepo(ctx, owner, name)
		if err != nil {
			return nil, err
		}
		out = append(out, repo)
	}
	return out, nil
}

// checkOneMirror compares every branch of r on the forge with its mirror.
func checkOneMirror(ctx context.Context, c *forge.Client, f *drill.Forge, r forge.Repo, t0 time.Time) (mirrorState, error) {
	st := mirrorState{repo: r.FullName()}
	remote := strings.NewReplacer("{owner}", r.Owner, "{repo}", r.Name).Replace(f.Mirror)
	heads, err := forge.LsRemote(ctx, remote, lsRemoteTimeout)
	if re, ok := err.(*forge.RemoteError); ok {
		st.state, st.detail = "missing", "no mirror at "+re.URL+" ("+re.Problem+")"
		return st, nil
	}
	if err != nil {
		return st, temporal.NewNonRetryableApplicationError(err.Error(), drill.ErrBadStep, nil)
	}
	branches, err := c.ListBranches(ctx, r.Owner, r.Name)
	if err != nil {
		return st, err
	}
	var behind []string
	lagging := 0
	for _, b := range branches {
		sha, ok := heads[b.Name]
		switch {
		case !ok:
			behind = append(behind, b.Name+" not on the mirror")
		case sha == b.SHA:
		default:
			lag, err := c.Compare(ctx, r.Owner, r.Name, sha, b.SHA)
			if err != nil {
				return st, err
			}
			if p := judgeLag(b.Name, lag, t0, f.MaxBehind.Std()); p != "" {
				behind = append(behind, p)
			} else if lag.Status == "ahead" {
				lagging++
			}
		}
	}
	switch {
	case len(behind) > 0:
		st.state, st.detail = "stale", strings.Join(behind, ", ")
	case lagging > 0:
		st.state, st.detail = "in sync", fmt.Sprintf("%s; %d within maxBehind", plural(len(branches), "branch", "branches"), lagging)
	default:
		st.state, st.detail = "in sync", plural(len(branches), "branch", "branches")+" equal"
	}
	return st, nil
}

// judgeLag returns why a branch's mirror is stale, or "" when it is close enough.
func judgeLag(branch string, lag forge.Lag, t0 time.Time, maxBehind time.Duration) string {
	switch lag.Status {
	case "identical", "behind": // the mirror has all of GitHub's commits
		return ""
	case "ahead":
		age := t0.Sub(lag.Since)
		if lag.Since.IsZero() || age > maxBehind {
			return fmt.Sprintf("%s %s behind (%s missing)", branch, roundAge(age), plural(lag.Missing, "commit", "commits"))
		}
		return ""
	case "diverged":
		return branch + " diverged from GitHub"
	default:
		return branch + " at a commit GitHub does not have"
	}
}

func summarise(out *drill.StepOutput, states []mirrorState, maxBehind string) {
	count := map[string]int{}
	var bad []string
	for _, s := range states {
		count[s.state]++
		if s.state != "in sync" {
			bad = append(bad, s.state+" "+s.repo+" ("+s.detail+")")
		}
	}
	out.Details["repositories"] = strconv.Itoa(len(states))
	out.Details["inSync"] = strconv.Itoa(count["in sync"])
	out.Details["stale"] = strconv.Itoa(count["stale"])
	out.Details["missing"] = strconv.Itoa(count["missing"])
	if len(bad) == 0 {
		out.Passed = true
		return
	}
	out.Reason = fmt.Sprintf("%d of %d repositories not mirrored within maxBehind %s: %s",
		len(bad), len(states), maxBehind, strings.Join(bad, "; "))
}

// forgeFailure turns a forge error into the activity error the workflow
// expects: rate limits retried after GitHub's delay, transient failures
// retried, the rest not retried and saying what to fix.
func forgeFailure(ctx context.Context, err error) error {
	fe, ok := forge.AsError(err)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case !ok:
		return err
	case fe.Kind == forge.RateLimited:
		return temporal.NewApplicationErrorWithOptions(fe.Error(), ErrForgeRateLimited, temporal.ApplicationErrorOptions{NextRetryDelay: fe.Delay})
	case fe.Kind == forge.Transient:
		return temporal.NewApplicationError(fe.Error(), ErrForgeUnavailable)
	default:
		return temporal.NewNonRetryableApplicationError(fe.Error(), drill.ErrBadStep, nil)
	}
}

func roundAge(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d >= time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	default:
		return d.Round(time.Minute).String()
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

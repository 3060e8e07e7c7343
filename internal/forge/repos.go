package forge

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Repo is a repository as the mirror check needs it.
type Repo struct {
	Owner, Name   string
	DefaultBranch string
	Archived      bool
	Private       bool
}

// FullName is OWNER/NAME.
func (r Repo) FullName() string { return r.Owner + "/" + r.Name }

// Branch is a branch and the commit it points at.
type Branch struct {
	Name string
	SHA  string
}

// ListRepos lists every repository of owner, an organisation or a user, all
// pages. A user's list holds the repositories it owns.
func (c *Client) ListRepos(ctx context.Context, owner string) ([]Repo, error) {
	var u *github.User
	op := "look up GitHub account " + owner
	err := c.call(ctx, op, "read it", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		u, resp, err = c.gh.Users.Get(ctx, owner)
		return resp, err
	})
	if err != nil {
		return nil, err
	}
	op = "list the repositories of " + owner
	var repos []*github.Repository
	if u.GetType() == "Organization" {
		repos, err = pages(ctx, c, op, "read the organisation's repositories", func(opt github.ListOptions) ([]*github.Repository, *github.Response, error) {
			return c.gh.Repositories.ListByOrg(ctx, owner, &github.RepositoryListByOrgOptions{Type: "all", Sort: "full_name", ListOptions: opt})
		})
	} else {
		repos, err = pages(ctx, c, op, "read the user's repositories", func(opt github.ListOptions) ([]*github.Repository, *github.Response, error) {
			return c.gh.Repositories.List(ctx, owner, &github.RepositoryListOptions{Type: "owner", Sort: "full_name", ListOptions: opt})
		})
	}
	if err != nil {
		return nil, err
	}
	out := make([]Repo, 0, len(repos))
	for _, r := range repos {
		out = append(out, repoOf(owner, r))
	}
	return out, nil
}

// GetRepo reads one repository.
func (c *Client) GetRepo(ctx context.Context, owner, name string) (Repo, error) {
	var r *github.Repository
	err := c.call(ctx, "read repository "+owner+"/"+name, "read it", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		r, resp, err = c.gh.Repositories.Get(ctx, owner, name)
		return resp, err
	})
	if err != nil {
		return Repo{}, err
	}
	return repoOf(owner, r), nil
}

func repoOf(owner string, r *github.Repository) Repo {
	o := r.GetOwner().GetLogin()
	if o == "" {
		o = owner
	}
	return Repo{Owner: o, Name: r.GetName(), DefaultBranch: r.GetDefaultBranch(), Archived: r.GetArchived(), Private: r.GetPrivate()}
}

// ListBranches lists every branch of a repository with its head commit.
func (c *Client) ListBranches(ctx context.Context, owner, repo string) ([]Branch, error) {
	bs, err := pages(ctx, c, "list the branches of "+owner+"/"+repo, "read the repository", func(opt github.ListOptions) ([]*github.Branch, *github.Response, error) {
		return c.gh.Repositories.ListBranches(ctx, owner, repo, &github.BranchListOptions{ListOptions: opt})
	})
	if err != nil {
		return nil, err
	}
	out := make([]Branch, 0, len(bs))
	for _, b := range bs {
		out = append(out, Branch{Name: b.GetName(), SHA: b.GetCommit().GetSHA()})
	}
	return out, nil
}

// ResolveCommit returns the full commit SHA that ref (a branch, a tag or a
// commit, "" for the default branch) names now.
func (c *Client) ResolveCommit(ctx context.Context, owner, repo, ref string) (string, error) {
	if ref == "" {
		r, err := c.GetRepo(ctx, owner, repo)
		if err != nil {
			return "", err
		}
		ref = r.DefaultBranch
	}
	var sha string
	err := c.call(ctx, "resolve "+owner+"/"+repo+"@"+ref, "read the repository", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		sha, resp, err = c.gh.Repositories.GetCommitSHA1(ctx, owner, repo, ref, "")
		return resp, err
	})
	return strings.TrimSpace(sha), err
}

// Lag is how far a mirror's branch head is behind the forge's.
type Lag struct {
	// Status is GitHub's comparison of the mirror's head (base) with the
	// forge's (head): identical, ahead (forge has more), behind (the mirror
	// has more), diverged, or unknown (the forge does not know the mirror's
	// commit).
	Status string
	// Missing is how many of the forge's commits the mirror lacks.
	Missing int
	// Since is when the oldest commit the mirror lacks was committed: the
	// mirror has been behind since then.
	Since time.Time
}

// Compare compares the mirror's commit with the forge's head of a branch.
func (c *Client) Compare(ctx context.Context, owner, repo, mirrorSHA, headSHA string) (Lag, error) {
	var cmp *github.CommitsComparison
	err := c.call(ctx, "compare "+short(mirrorSHA)+"..."+short(headSHA)+" in "+owner+"/"+repo, "read the repository", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		cmp, resp, err = c.gh.Repositories.CompareCommits(ctx, owner, repo, mirrorSHA, headSHA, &github.ListOptions{PerPage: 1})
		return resp, err
	})
	if fe, ok := AsError(err); ok && (fe.Status == http.StatusNotFound || fe.Status == http.StatusUnprocessableEntity) {
		return Lag{Status: "unknown"}, nil // the mirror's commit is not on the forge
	}
	if err != nil {
		return Lag{}, err
	}
	lag := Lag{Status: cmp.GetStatus(), Missing: cmp.GetAheadBy()}
	if len(cmp.Commits) > 0 {
		lag.Since = cmp.Commits[0].GetCommit().GetCommitter().GetDate().Time
	}
	return lag, nil
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge"
)

// githubFlags say how to reach GitHub: for definitions given as
// github:OWNER/REPO/PATH@REF and for publishing findings.
type githubFlags struct {
	APIURL   string
	TokenEnv string
}

func (g *githubFlags) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&g.APIURL, "github-api-url", "", "GitHub API base URL (default $GITHUB_API_URL, else "+forge.DefaultAPIURL+"; GitHub Enterprise Server: https://HOST/api/v3)")
	cmd.Flags().StringVar(&g.TokenEnv, "token-env", forge.DefaultTokenEnv, "environment variable holding the GitHub token (never pass the token itself)")
}

// githubRetry is how calls to GitHub are retried; tests shorten it.
var githubRetry = forge.DefaultRetry

// client builds a GitHub client; notes about retries go to stderr.
func (g githubFlags) client(s *Streams) (*forge.Client, error) {
	tokenEnv := g.TokenEnv
	if tokenEnv == "" {
		tokenEnv = forge.DefaultTokenEnv
	}
	apiURL := g.APIURL
	if apiURL == "" {
		apiURL = os.Getenv("GITHUB_API_URL")
	}
	var notify func(string)
	if s != nil {
		notify = func(msg string) { fmt.Fprintln(s.Err, "exitdrill: "+msg) }
	}
	c, err := forge.New(forge.Config{APIURL: apiURL, Token: os.Getenv(tokenEnv), TokenEnv: tokenEnv, Retry: githubRetry, Notify: notify})
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return c, nil
}

// githubCacheDir is where repository sources are materialised, one
// directory per commit: $XDG_CACHE_HOME/exitdrill/github (or the platform's
// user cache directory).
func githubCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for repository sources: %w", err)
	}
	return filepath.Join(base, "exitdrill", "github"), nil
}

// resolveSources turns definition sources into local paths. Ordinary paths
// (and scenario library ids) pass through unchanged; github:OWNER/REPO/PATH@REF
// is resolved to a commit, materialised in the cache and replaced by its local
// path. The sources say what was given and, for a repository, the commit, so
// that the evidence can reproduce the drill.
func resolveSources(ctx context.Context, role string, specs []string, gh githubFlags) (paths []string, sources []drill.Source, err error) {
	var c *forge.Client
	for _, spec := range specs {
		if !forge.IsSpec(spec) {
			paths = append(paths, spec)
			sources = append(sources, drill.Source{Role: role, Spec: spec})
			continue
		}
		sp, err := forge.ParseSpec(spec)
		if err != nil {
			return nil, nil, withCode(ExitInvalid, fmt.Errorf("%s source %w", role, err))
		}
		if c == nil {
			if c, err = gh.client(nil); err != nil {
				return nil, nil, err
			}
		}
		cache, err := githubCacheDir()
		if err != nil {
			return nil, nil, err
		}
		f, err := c.Fetch(ctx, sp, cache)
		if err != nil {
			return nil, nil, fmt.Errorf("load %s from %s: %w", role, spec, err)
		}
		paths = append(paths, f.Path)
		sources = append(sources, drill.Source{Role: role, Spec: spec, Commit: f.Commit})
	}
	return paths, sources, nil
}

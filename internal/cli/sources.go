package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/drillops"
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

// config is how to reach GitHub; notes about retries go to s.Err (none
// when s is nil).
func (g githubFlags) config(s *Streams) forge.Config {
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
	return forge.Config{APIURL: apiURL, Token: os.Getenv(tokenEnv), TokenEnv: tokenEnv, Retry: githubRetry, Notify: notify}
}

// client builds a GitHub client; notes about retries go to stderr.
func (g githubFlags) client(s *Streams) (*forge.Client, error) {
	c, err := forge.New(g.config(s))
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return c, nil
}

// repos reads definitions given as github:OWNER/REPO/PATH@REF, materialised
// in the user cache directory ($XDG_CACHE_HOME/exitdrill/github), one
// directory per commit.
func (g githubFlags) repos() *drillops.GitHub {
	return &drillops.GitHub{Config: g.config(nil)}
}

// resolveSources turns definition sources into local paths (see
// drillops.Resolve): repository sources are fetched, and their sources
// carry the commit.
func resolveSources(ctx context.Context, role string, specs []string, gh githubFlags) (paths []string, sources []drill.Source, err error) {
	paths, sources, err = drillops.Resolve(ctx, role, specs, gh.repos())
	return paths, sources, prepareError(err)
}

// prepareError gives a mistake in what was asked (drillops.IsInvalid) the
// exit code of invalid input.
func prepareError(err error) error {
	if drillops.IsInvalid(err) {
		return withCode(ExitInvalid, err)
	}
	return err
}

package drill

import "github.com/exitdrill/exitdrill/internal/yamldoc/defs"

// Manual describes what a person must do in a manual step.
type Manual struct {
	Role         string   `yaml:"role" json:"role" required:"true" doc:"Who does it, for example process-owner or operator."`
	Instructions string   `yaml:"instructions" json:"instructions" required:"true" doc:"What to do and how to decide pass or fail."`
	Limit        Duration `yaml:"limit" json:"limit,omitempty" doc:"After this long without an answer the step fails (default: three times expected)."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Retry is a retry window: try every Every until For has passed.
type Retry struct {
	Every Duration `yaml:"every" json:"every" required:"true" doc:"Time between attempts."`
	For   Duration `yaml:"for" json:"for" required:"true" doc:"How long to keep trying."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Forge is what a forge.mirror step checks: every repository of an owner on
// GitHub (or the listed ones) must have a mirror at an alternative git remote
// whose branch heads equal GitHub's, or lag at most MaxBehind.
type Forge struct {
	Supplier  string   `yaml:"supplier" json:"supplier,omitempty" doc:"The catalog supplier that runs the forge, for example github; when the scenario loses it, the forge is not contacted and the step fails."`
	Owner     string   `yaml:"owner" json:"owner,omitempty" doc:"GitHub organisation or user; without repos, every repository it owns must be mirrored."`
	Repos     []string `yaml:"repos" json:"repos,omitempty" doc:"Only these repositories: NAME (of owner) or OWNER/NAME."`
	Mirror    string   `yaml:"mirror" json:"mirror" required:"true" doc:"Git URL of each repository's mirror, any URL git ls-remote reads, with {owner} and {repo} replaced: file:///srv/mirror/{repo}.git, https://git.example.nl/{owner}/{repo}.git."`
	MaxBehind Duration `yaml:"maxBehind" json:"maxBehind,omitempty" doc:"How long a mirror's branch may lag behind GitHub's: the age of the oldest commit it lacks (default 0: heads must be equal)."`
	APIURL    string   `yaml:"apiURL" json:"apiURL,omitempty" doc:"GitHub API base URL (default GITHUB_API_URL or https://api.github.com/; GitHub Enterprise Server: https://HOST/api/v3)."`
	TokenEnv  string   `yaml:"tokenEnv" json:"tokenEnv,omitempty" doc:"Environment variable of the worker holding the GitHub token (default GITHUB_TOKEN); without one, public repositories are read unauthenticated."`

	Src defs.Source `yaml:"-" json:"-"`
}

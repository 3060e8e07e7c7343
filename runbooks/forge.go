package runbooks

import (
	"regexp"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

var (
	forgeName     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	mirrorPlaceho = regexp.MustCompile(`\{[^}]*\}`)
)

// validateForge checks a forge block on its own: names, the mirror template,
// the URL and the token variable.
func validateForge(f *drill.Forge, errs *yamldoc.List) {
	if f.Owner == "" && len(f.Repos) == 0 && !errs.HasKey(f.Src.Key("owner")) {
		errs.Add(f.Src.Pos, f.Src.Key("owner"), "", "missing owner: say whose repositories must be mirrored", "a GitHub organisation or user, or repos: [OWNER/NAME, ...]")
	}
	if f.Owner != "" && !forgeName.MatchString(f.Owner) {
		errs.AddAt(f.Src, "owner", f.Owner, "not a GitHub account name", "letters, digits, -, _ and .")
	}
	for _, r := range f.Repos {
		owner, name, full := strings.Cut(r, "/")
		if !full {
			owner, name = f.Owner, r
		}
		switch {
		case owner == "":
			errs.AddAt(f.Src, "repos", r, "repository without an owner", "OWNER/NAME, or NAME with owner set")
		case !forgeName.MatchString(owner) || !forgeName.MatchString(name):
			errs.AddAt(f.Src, "repos", r, "not a repository name", "NAME or OWNER/NAME")
		}
	}
	if f.Mirror != "" {
		shown := f.Mirror
		if user, pass := userInfo(f.Mirror); pass {
			shown = strings.Replace(f.Mirror, user+"@", "REDACTED@", 1)
			errs.AddAt(f.Src, "mirror", shown, "the mirror URL holds a password: secrets are never written in files", "a URL without credentials; git's credential helper or SSH key supplies them")
		}
		for _, ph := range mirrorPlaceho.FindAllString(f.Mirror, -1) {
			if ph != "{owner}" && ph != "{repo}" {
				errs.AddAt(f.Src, "mirror", shown, "unknown placeholder "+ph, "{owner} and {repo}")
			}
		}
		if !strings.Contains(f.Mirror, "{repo}") {
			errs.AddAt(f.Src, "mirror", shown, "the mirror URL does not contain {repo}: every repository would be compared with the same mirror", "a URL template such as file:///srv/mirror/{repo}.git")
		}
	}
	if f.APIURL != "" {
		rest, ok := cutScheme(f.APIURL)
		if user, _ := userInfo(f.APIURL); !ok || user != "" || strings.TrimSpace(strings.SplitN(rest, "/", 2)[0]) == "" {
			errs.AddAt(f.Src, "apiURL", f.APIURL, "not an http or https URL without credentials", "https://api.github.com/ or https://HOST/api/v3")
		}
	}
	if f.TokenEnv != "" && !yamldoc.IsEnvName(f.TokenEnv) {
		errs.AddAt(f.Src, "tokenEnv", f.TokenEnv, "not an environment variable name", "letters, digits and _, not starting with a digit")
	}
}

// cutScheme returns what follows http:// or https://.
func cutScheme(u string) (string, bool) {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return rest, true
	}
	return strings.CutPrefix(u, "http://")
}

// userInfo returns the user information of a URL (scheme://USERINFO@host/...)
// and whether it holds a password. Package runbooks does no I/O and so
// parses by hand rather than with net/url.
func userInfo(u string) (string, bool) {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return "", false
	}
	authority, _, _ := strings.Cut(rest, "/")
	user, _, ok := strings.Cut(authority, "@")
	if !ok {
		return "", false
	}
	return user, strings.Contains(user, ":")
}

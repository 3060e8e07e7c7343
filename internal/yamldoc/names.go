package yamldoc

import "regexp"

var (
	envNameRE     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	countryCodeRE = regexp.MustCompile(`^[A-Z]{2}$`)
)

// IsEnvName reports whether s can name an environment variable, as the keys
// ending in Env and a command step's env list must.
func IsEnvName(s string) bool { return envNameRE.MatchString(s) }

// IsCountryCode reports whether s looks like an ISO 3166-1 alpha-2 code (NL,
// US), as jurisdictions are written.
func IsCountryCode(s string) bool { return countryCodeRE.MatchString(s) }

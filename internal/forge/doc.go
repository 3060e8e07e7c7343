// Package forge is exitdrill's adapter to a code-hosting service with GitHub's
// REST API (github.com or GitHub Enterprise Server): it loads definitions from a
// repository at a commit, publishes a drill's findings as issues, lists
// repositories and branches for the forge.mirror check, and reads git remotes.
//
// Every call goes through one retry loop that knows GitHub's failure modes: the
// primary rate limit (wait until X-RateLimit-Reset), the secondary rate limit
// (wait Retry-After), 5xx answers and network errors (backoff), and the
// answers that retrying cannot fix (401, 403, 404, 422), which become errors
// that say what to change. The token is sent in a header and never appears in
// an error, a log line or a result.
package forge

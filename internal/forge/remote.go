package forge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"
)

// RemoteError is a git remote that could not be read: it does not exist, or
// is not reachable with the credentials git has.
type RemoteError struct {
	URL     string // redacted
	Problem string // git's own words, redacted
}

func (e *RemoteError) Error() string { return "git ls-remote " + e.URL + ": " + e.Problem }

// LsRemote lists the branch heads of a git remote (any URL git accepts) with
// git ls-remote: branch name to commit SHA. Credentials come from git's own
// configuration (credential helpers, SSH keys); git never prompts.
func LsRemote(ctx context.Context, remote string, timeout time.Duration) (map[string]string, error) {
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "ls-remote", "--heads", "--", remote)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never", "GIT_SSH_VARIANT=ssh", "SSH_ASKPASS=/bin/false")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, fmt.Errorf("git is not installed: %w", err)
		}
		problem := strings.TrimSpace(stderr.String())
		if ctx.Err() != nil {
			problem = fmt.Sprintf("no answer within %s", timeout)
		}
		if problem == "" {
			problem = err.Error()
		}
		return nil, &RemoteError{URL: RedactURL(remote), Problem: redactURLs(firstProblem(problem), remote)}
	}
	heads := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		sha, ref, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if name, isHead := strings.CutPrefix(ref, "refs/heads/"); ok && isHead {
			heads[name] = sha
		}
	}
	return heads, nil
}

// RedactURL hides the password or token in a URL's user information.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "redacted")
	} else if u.Scheme == "https" || u.Scheme == "http" {
		u.User = url.User("redacted") // a token alone in the user part
	}
	return u.String()
}

// redactURLs replaces raw, and its secret part, in git's message.
func redactURLs(msg, raw string) string {
	msg = strings.ReplaceAll(msg, raw, RedactURL(raw))
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "redacted")
		} else if (u.Scheme == "https" || u.Scheme == "http") && u.User.Username() != "" {
			msg = strings.ReplaceAll(msg, u.User.Username(), "redacted")
		}
	}
	return msg
}

// firstProblem picks git's first fatal line, else its first line.
func firstProblem(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), "fatal: "); ok {
			return rest
		}
	}
	return strings.TrimSpace(lines[0])
}

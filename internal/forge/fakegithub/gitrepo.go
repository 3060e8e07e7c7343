package fakegithub

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Git runs git in dir for a test and returns its trimmed output; it fails
// the test when git fails.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := gitAt(dir, time.Time{}, args...)
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func gitAt(dir string, when time.Time, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.nl", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if !when.IsZero() {
		d := when.UTC().Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", &gitError{args: args, out: string(out), err: err}
	}
	return strings.TrimSpace(string(out)), nil
}

type gitError struct {
	args []string
	out  string
	err  error
}

func (e *gitError) Error() string { return e.err.Error() + ": " + e.out }

// InitRepo makes a working repository at dir with branch main.
func InitRepo(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	Git(t, dir, "init", "-q", "-b", "main")
}

// Commit writes files (repository path to content) and commits them with
// author and committer date when; it returns the commit SHA.
func Commit(t testing.TB, dir string, when time.Time, msg string, files map[string]string) string {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	Git(t, dir, "add", "-A")
	if _, err := gitAt(dir, when, "commit", "-q", "--allow-empty", "-m", msg); err != nil {
		t.Fatal(err)
	}
	return Git(t, dir, "rev-parse", "HEAD")
}

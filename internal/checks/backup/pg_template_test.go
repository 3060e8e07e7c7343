package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPgSandboxFromTemplate: the first sandbox cluster is made by initdb and
// kept as the worker's template; the next is a copy with its own superuser
// password (the first one's is refused); a damaged template is dropped and
// made again; a template others may write is never used.
func TestPgSandboxFromTemplate(t *testing.T) {
	bin, err := findPostgres()
	if err != nil {
		t.Fatalf("PostgreSQL is required here: %v", err)
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	n := 0
	start := func(wantTemplate bool) *pgServer {
		t.Helper()
		n++
		s, err := startPostgres(ctx, bin, filepath.Join(base, "pg"+string(rune('0'+n))))
		if s != nil {
			t.Cleanup(s.stop)
		}
		if err != nil {
			t.Fatal(err)
		}
		if s.fromTemplate != wantTemplate {
			t.Fatalf("sandbox %d: from the template %v, want %v", n, s.fromTemplate, wantTemplate)
		}
		if got, err := s.psql(ctx, pgEnv(base), "postgres", "select 40 + 2"); err != nil || got != "42" {
			t.Fatalf("sandbox %d: query with its own password: %q, %v", n, got, err)
		}
		return s
	}
	tmpl := pgTemplatePath(bin)
	if !strings.HasPrefix(tmpl, os.Getenv("XDG_CACHE_HOME")) {
		t.Fatalf("template at %s, want it in the cache directory", tmpl)
	}

	first := start(false)
	if !usableTemplate(tmpl) {
		t.Fatalf("no template at %s after the first sandbox", tmpl)
	}
	second := start(true)
	if second.password == first.password {
		t.Fatal("two sandboxes share a password")
	}
	stale := *second
	stale.password = first.password
	if _, err := stale.psql(ctx, pgEnv(base), "postgres", "select 1"); err == nil || !strings.Contains(err.Error(), "password authentication failed") {
		t.Errorf("the template's old password on a copy: %v, want refused", err)
	}

	if err := os.RemoveAll(filepath.Join(tmpl, "data", "global")); err != nil {
		t.Fatal(err)
	}
	start(false) // damaged: initdb, and a new template
	start(true)

	if err := os.Chmod(tmpl, 0o777); err != nil {
		t.Fatal(err)
	}
	start(false) // others may write it: not used
}

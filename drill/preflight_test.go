package drill

import "testing"

// TestToolString: a tool is shown by what it says of its version, named
// when that does not name it, with where it is.
func TestToolString(t *testing.T) {
	for _, tt := range []struct {
		tool Tool
		want string
	}{
		{Tool{Name: "restic", Path: "/usr/bin/restic", Version: "restic 0.16.4 compiled with go1.21.6 on linux/amd64"},
			"restic 0.16.4 compiled with go1.21.6 on linux/amd64 (/usr/bin/restic)"},
		{Tool{Name: "postgresql", Path: "/usr/lib/postgresql/15/bin/postgres", Version: "postgres (PostgreSQL) 15.18"},
			"postgres (PostgreSQL) 15.18 (/usr/lib/postgresql/15/bin/postgres)"},
		{Tool{Name: "sqlite3", Path: "/usr/bin/sqlite3", Version: "3.40.1 2022-12-28"}, "sqlite3 3.40.1 2022-12-28 (/usr/bin/sqlite3)"},
		{Tool{Name: "git", Path: "/usr/bin/git"}, "git (/usr/bin/git)"},
	} {
		if got := tt.tool.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.tool, got, tt.want)
		}
	}
}

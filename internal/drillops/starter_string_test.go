package drillops

import "testing"

func TestStarterString(t *testing.T) {
	for _, tt := range []struct {
		s    Starter
		want string
	}{
		{Starter{}, ""},
		{Starter{Note: "orphan note"}, ""},
		{Starter{StartedBy: "anna"}, "Started by anna"},
		{Starter{StartedBy: "anna (console continuity-manager)", Note: "quarterly\n\tfor the audit"}, "Started by anna (console continuity-manager): quarterly / \tfor the audit"},
	} {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.s, got, tt.want)
		}
	}
}

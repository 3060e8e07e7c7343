package cli

import (
	"errors"
	"os"
	"testing"
)

// setOSUser makes the OS-account lookup answer name and err until the test
// ends: err stands in a machine whose account has no name (a container
// running as a uid without a passwd entry).
func setOSUser(t *testing.T, name string, err error) {
	t.Helper()
	old := osUser
	osUser = func() (string, error) { return name, err }
	t.Cleanup(func() { osUser = old })
}

// clearActorEnv empties every variable that can name the actor, as env -i does.
func clearActorEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{"EXITDRILL_ACTOR", "USER", "LOGNAME", "HOME"} {
		t.Setenv(k, "")
	}
}

// Not parallel: the tests set the environment and the OS-account lookup.
func TestActorOrder(t *testing.T) {
	noAccount := errors.New("user: unknown userid 4242")
	for _, tt := range []struct {
		name        string
		flag        string
		env         map[string]string
		osName      string
		osErr       error
		want        string
		wantAccount string // recorded beside the name
		wantRefused bool
	}{
		{name: "flag first", flag: "anna", env: map[string]string{"EXITDRILL_ACTOR": "bob", "USER": "carla"}, osName: "root", want: "anna", wantAccount: "root"},
		{name: "EXITDRILL_ACTOR before the OS account", env: map[string]string{"EXITDRILL_ACTOR": "bob", "USER": "carla"}, osName: "root", want: "bob", wantAccount: "root"},
		{name: "the OS account before $USER", env: map[string]string{"USER": "carla"}, osName: "root", want: "root", wantAccount: "root"},
		{name: "$USER when the account has no name", env: map[string]string{"USER": "carla", "LOGNAME": "dirk"}, osErr: noAccount, want: "carla", wantAccount: "carla"},
		{name: "$LOGNAME when $USER is empty", env: map[string]string{"LOGNAME": "dirk"}, osErr: noAccount, want: "dirk", wantAccount: "dirk"},
		{name: "a flag with no account to put beside it", flag: "anna", osErr: noAccount, want: "anna"},
		{name: "blank values name nobody", flag: "  ", env: map[string]string{"EXITDRILL_ACTOR": " ", "USER": "\t"}, osName: " ", wantRefused: true},
		{name: "nobody at all", osErr: noAccount, wantRefused: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			clearActorEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			setOSUser(t, tt.osName, tt.osErr)
			got, account, err := actor(tt.flag)
			if tt.wantRefused {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != ExitInvalid || !errors.Is(err, errNoActor) {
					t.Fatalf("actor(%q) = %q, %v; want a refusal with exit 2", tt.flag, got, err)
				}
				return
			}
			if err != nil || got != tt.want || account != tt.wantAccount {
				t.Errorf("actor(%q) = %q, %q, %v; want %q beside OS account %q", tt.flag, got, account, err, tt.want, tt.wantAccount)
			}
		})
	}
}

// Every command that records an actor refuses, with exit 2 and a message
// that says to pass --actor, when nobody can be named; it does so before it
// reads definitions or opens the state directory. With --actor it goes on
// (to the next thing that stops it here: there is no such drill).
func TestActorRefusedWhenNobody(t *testing.T) {
	clearActorEnv(t)
	setOSUser(t, "", errors.New("user: Current requires cgo or $USER, $HOME set in environment"))
	def := []string{"--catalog", drillCatalog, "--scenario", scenarioFile("portal-compressed")}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"run", append([]string{"run"}, def...)},
		{"schedule create", append([]string{"schedule", "create", "--cron", "0 9 1 */3 *"}, def...)},
		{"step complete", []string{"step", "complete", "nope", "portal-service/approve-switch", "--role", "process-owner", "--outcome", "pass"}},
		{"abort", []string{"abort", "nope", "--reason", "test"}},
		{"stop-all", []string{"stop-all", "--reason", "test"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			state := t.TempDir()
			code, out, errs := run(t, append(tt.args, "--state-dir", state)...)
			want := "exitdrill: " + errNoActor.Error() + "\n"
			if code != ExitInvalid || out != "" || errs != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing and %q", code, out, errs, want)
			}
			if entries, _ := os.ReadDir(state); len(entries) != 0 {
				t.Errorf("the state directory was used: %v", entries)
			}
		})
	}
}

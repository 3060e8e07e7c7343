package cli

import (
	"testing"

	"github.com/spf13/cobra"
)

// The embedded server's Web UI, which has no sign-in, is off unless asked for.
func TestWebUIOffByDefault(t *testing.T) {
	t.Setenv("EXITDRILL_STATE_DIR", t.TempDir()) // where options opens the log file
	for _, tt := range []struct {
		args   []string
		wantUI bool
	}{
		{nil, false},
		{[]string{"--ui"}, true},
		{[]string{"--ui-port", "8233"}, true},
	} {
		var f engineFlags
		cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
		f.AddFlags(cmd)
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		o, err := f.options(&Streams{Err: &syncBuffer{}})
		if err != nil {
			t.Fatal(err)
		}
		o.Logs.Close()
		if got := !o.NoUI; got != tt.wantUI {
			t.Errorf("%v: UI %v, want %v", tt.args, got, tt.wantUI)
		}
	}
}

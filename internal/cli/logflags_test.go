package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/internal/logs"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

func TestLogFlagsRefuseUnknownValues(t *testing.T) {
	for _, args := range [][]string{{"--log-level", "verbose"}, {"--log-format", "yaml"}} {
		code, _, stderr := run(t, append(args, "scenarios", "list")...)
		if code != ExitInvalid || !strings.Contains(stderr, "want one of") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the allowed values", args, code, stderr)
		}
	}
	// A command without a state directory takes the flags and makes no log.
	dir := t.TempDir()
	t.Setenv("EXITDRILL_STATE_DIR", dir)
	if code, _, stderr := run(t, "--log-level", "debug", "--log-format", "json", "scenarios", "list"); code != ExitOK {
		t.Errorf("scenarios list with log flags: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, logs.Dir)); !os.IsNotExist(err) {
		t.Errorf("scenarios list made a log directory (%v)", err)
	}
}

// --log-level info shows the embedded server's records on the terminal, and
// --log-format json writes them, there and in the file, as JSON objects.
func TestLogFlagsVerboseJSON(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- Execute(ctx, []string{"worker", "--state-dir", dir, "--log-level", "info", "--log-format", "json"},
			Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	if !testkit.Poll(30*time.Second, func() bool { return strings.Contains(errb.String(), "Ctrl-C stops it") }) {
		cancel()
		t.Fatalf("worker not started; stderr:\n%s", errb.String())
	}
	cancel()
	<-done
	serverRecords := func(text string) int {
		n := 0
		for _, l := range strings.Split(text, "\n") {
			var rec map[string]any
			if json.Unmarshal([]byte(l), &rec) == nil && rec["component"] == "temporal-server" {
				n++
			}
		}
		return n
	}
	if serverRecords(errb.String()) == 0 {
		t.Errorf("no JSON record of the server on the terminal:\n%s", errb.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, logs.Dir, logs.File))
	if err != nil {
		t.Fatal(err)
	}
	if serverRecords(string(b)) == 0 {
		t.Errorf("no JSON record of the server in the log file:\n%.2000s", b)
	}
}

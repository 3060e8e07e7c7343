package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// envBeExitdrill makes the test binary behave as cmd/exitdrill (see
// TestMain), so that a test can send a real process real signals.
const envBeExitdrill = "EXITDRILL_TEST_BE_EXITDRILL"

// TestMain keeps the evidence bundles that drills write out of the source tree.
func TestMain(m *testing.M) {
	if os.Getenv(envBeExitdrill) == "1" {
		// What cmd/exitdrill/main.go does.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := Execute(ctx, os.Args[1:], StdStreams())
		stop()
		os.Exit(code)
	}
	dir, err := os.MkdirTemp("", "exitdrill-cli-reports")
	if err != nil {
		panic(err)
	}
	os.Setenv("EXITDRILL_REPORTS", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

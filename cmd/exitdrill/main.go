// Command exitdrill proves, with evidence, that critical business processes keep
// running when a supplier disappears. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/exitdrill/exitdrill/internal/cli"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:], cli.StdStreams())
	stop()
	os.Exit(code)
}

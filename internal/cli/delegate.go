package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/engine"
)

// The exitdrill command users run is built without the Temporal server
// (the exitdrill_light build tag), so that --help, validate and the other
// commands that read files start in milliseconds: the server's packages
// alone take most of a full binary's start. A command that may start the
// embedded server — every command with the engine flags — is handed to
// exitdrill-engine, the same program built with the server, by exec: same
// process, arguments, environment and standard streams, so signals and the
// exit code are the engine's own.

// EngineBinary is the file name of the full build, looked for beside the
// running binary and then on PATH; EngineEnv names another file.
const (
	EngineBinary = "exitdrill-engine"
	EngineEnv    = "EXITDRILL_ENGINE"
)

// needsEngine is the annotation of the commands the engine binary runs.
const needsEngine = "exitdrill/engine"

// markNeedsEngine marks cmd as one exitdrill-engine runs.
func markNeedsEngine(cmd *cobra.Command) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[needsEngine] = "yes"
}

// engineCommand is the command args run when it needs the embedded server
// and this binary does not hold it; nil when this binary runs args itself
// (help of any command included).
func engineCommand(root *cobra.Command, args []string) *cobra.Command {
	if engine.Embedded {
		return nil
	}
	cmd, _, err := root.Find(args)
	if err != nil || cmd.Annotations[needsEngine] == "" {
		return nil
	}
	end := slices.Index(args, "--")
	if end < 0 {
		end = len(args)
	}
	if slices.Contains(args[:end], "-h") || slices.Contains(args[:end], "--help") {
		return nil
	}
	return cmd
}

// enginePath is the exitdrill-engine binary to hand a command to.
func enginePath() (string, error) {
	if p := os.Getenv(EngineEnv); p != "" {
		return p, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), EngineBinary)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	p, err := exec.LookPath(EngineBinary)
	if err != nil {
		return "", err
	}
	return p, nil
}

// execEngine replaces this process by exitdrill-engine running args; it
// returns only when that cannot be done, with what the user can do.
func execEngine(cmd *cobra.Command, args []string) error {
	p, err := enginePath()
	if err == nil {
		err = syscall.Exec(p, append([]string{p}, args...), os.Environ())
	}
	return fmt.Errorf("%s needs the embedded Temporal server, which is in %s beside this binary or on PATH (set %s to name it; make build and make release build both): %w",
		cmd.CommandPath(), EngineBinary, EngineEnv, err)
}

package engine

import (
	"context"
	"fmt"
	"time"
)

// holderWait bounds how long a process waits for a short command to release
// the state directory it holds. A variable so that a test can shorten it.
var holderWait = 30 * time.Second

// verdict is what a process does about the one holding its state directory.
type verdict int

const (
	useHolder     verdict = iota // dial the holder's server
	waitForHolder                // wait for the holder to end, then take the directory
	refuseHolder                 // fail at once, naming the holder
)

// judge is the one rule for a state directory held by another process:
//
//   - `exitdrill server`, ephemeral or not, serves until it is stopped: a
//     command uses it (waiting for it while it starts); a second server is
//     refused.
//   - A lasting command (run in the foreground, worker, console) serves for
//     as long as it runs, which nobody can foresee: a short command (list,
//     status, steps, abort) uses its server, as it ends first or fails with
//     it; a server or another lasting command is refused at once rather than
//     die with it or wait for hours.
//   - A short command ends in moments: whoever comes waits for it, up to
//     holderWait, and then takes the directory; using its server would mean
//     dying when it ends.
func judge(o Options, mode string, h *ServerInfo) verdict {
	switch {
	case h.IsServer() && mode == modeServer:
		return refuseHolder
	case h.IsServer():
		return useHolder
	case h.Lasting && mode == modeCommand && !o.Lasting:
		return useHolder
	case h.Lasting:
		return refuseHolder
	}
	return waitForHolder
}

// openStateDir uses the server holding o.StateDir, waits for a short command
// to release it, or starts the embedded server there, as judge says.
func openStateDir(ctx context.Context, o Options, mode string) (*Engine, error) {
	start := time.Now()
	waitingFor := 0 // the pid the user was told about
	for {
		lk, h, err := acquireStateDir(ctx, o.StateDir)
		if err != nil {
			return nil, err
		}
		if lk != nil {
			var waited time.Duration
			if waitingFor != 0 {
				waited = time.Since(start)
				o.Logger.Info("took the state directory", "waited", waited.Round(time.Millisecond))
			}
			e, err := startEmbedded(ctx, o, lk, mode)
			if err != nil {
				return nil, err
			}
			e.Waited = waited
			return e, nil
		}
		switch judge(o, mode, h) {
		case useHolder:
			return useServer(ctx, o, h)
		case refuseHolder:
			return nil, refusal(o, mode, h)
		}
		if waitingFor != h.PID {
			o.note("waiting for %s, which holds %s, to end (at most %s)", h.holder(), o.StateDir, holderWait)
			waitingFor = h.PID
		}
		if time.Since(start) > holderWait {
			return nil, fmt.Errorf("state directory %s is still held by %s after %s: try again when it has ended", o.StateDir, h.holder(), holderWait)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// useServer dials the server of the process holding o.StateDir, waiting for
// it to answer if it is still starting.
func useServer(ctx context.Context, o Options, h *ServerInfo) (*Engine, error) {
	if !h.Ready {
		o.note("waiting for %s on %s to finish starting", h.holder(), o.StateDir)
	}
	if !h.IsServer() {
		o.Logger.Info("using the embedded server of another exitdrill command; it stops when that command ends",
			"pid", h.PID, "command", h.Command, "address", h.Address)
	}
	if o.Namespace == DefaultNamespace && h.Namespace != "" {
		o.Namespace = h.Namespace
	}
	e := &Engine{Address: h.Address, Namespace: o.Namespace, UIURL: h.UIURL, StateDir: o.StateDir, Shared: h}
	e, err := connect(ctx, o, e)
	if err != nil {
		return nil, fmt.Errorf("use the server of %s holding %s: %w", h.holder(), o.StateDir, err)
	}
	return e, nil
}

// refusal says why this process cannot have o.StateDir and what to do.
func refusal(o Options, mode string, h *ServerInfo) error {
	switch {
	case h.IsServer():
		return fmt.Errorf("state directory %s is in use by %s at %s: stop it or choose another --state-dir",
			o.StateDir, h.holder(), h.Address)
	case mode == modeServer:
		return fmt.Errorf("state directory %s is in use by %s, whose own embedded server holds it until that command ends: "+
			"stop it (a drill it runs is kept and goes on under the server) or let it finish, then start the server; or choose another --state-dir",
			o.StateDir, h.holder())
	}
	return fmt.Errorf("state directory %s is in use by %s, whose embedded server stops when that command ends: "+
		"to run both, start `exitdrill server --state-dir %s` and then the commands, which use it; or let pid %d finish",
		o.StateDir, h.holder(), o.StateDir, h.PID)
}

// note tells the person at the terminal, once, why the command is waiting.
func (o Options) note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if o.Status != nil {
		fmt.Fprintln(o.Status, msg)
		return
	}
	o.Logger.Info(msg)
}

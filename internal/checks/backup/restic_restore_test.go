package backup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// TestResticRestoreRuns checks which restic commands a restore runs: in the
// usual case the listing and the restore of the latest snapshot and nothing
// else; the snapshots listed and a restore by ID when the latest was made
// after T0 or restic does not say which snapshot it restored; `restic check`
// only after a failed restore.
func TestResticRestoreRuns(t *testing.T) {
	older := withManifest(sampleFiles(64 << 10))
	repo := newResticRepo(t, older, snapTime)
	twoSnaps := newResticRepo(t, older, snapTime)
	addSnapshot(t, twoSnaps, older, snapTime.Add(2*time.Hour), "newer")
	olderID := snapshotsByTag(t, twoSnaps)[""]
	damaged := newResticRepo(t, withManifest(sampleFiles(1<<20)), snapTime)
	damage := testkit.TruncateLargestPack(t, damaged)
	for _, tc := range []struct {
		name   string
		repo   string
		quiet  bool // restic does not name the snapshot it restores
		reason string
		want   []string
	}{
		{name: "latest made by T0", repo: repo, want: []string{"ls --json latest", "restore latest"}},
		{name: "a later snapshot exists", repo: twoSnaps, want: []string{"snapshots --json", "restore " + olderID.ID}},
		{name: "restic does not name the snapshot", repo: repo, quiet: true, want: []string{"snapshots --json", "restore "}},
		{name: "damaged", repo: damaged, reason: damage, want: []string{"ls --json latest", "restore latest", "check"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := wrapRestic(t, tc.quiet)
			out, err := runBackupStep(t, context.Background(), backupCase{b: resticBackup(tc.repo), restore: true, env: goodEnv,
				t0: snapTime.Add(time.Hour), rpo: drill.Day})
			if tc.reason != "" {
				wantFail(t, out, err, tc.reason)
			} else {
				wantPass(t, out, err)
			}
			ran := resticCommands(t, log)
			for _, w := range tc.want {
				if !slices.ContainsFunc(ran, func(r string) bool { return strings.HasPrefix(r, w) }) {
					t.Errorf("restic ran %q, want also %q", ran, w)
				}
			}
			if tc.reason == "" && slices.Contains(ran, "check") {
				t.Errorf("restic ran %q: a restore that passes needs no check", ran)
			}
			if tc.name == "latest made by T0" && len(ran) != 2 {
				t.Errorf("restic ran %q, want only the listing and the restore", ran)
			}
		})
	}
}

// wrapRestic puts a restic first on PATH that logs its arguments to the file
// it returns and runs the real one; quiet drops the line of `restic restore`
// that names the snapshot.
func wrapRestic(t *testing.T, quiet bool) string {
	t.Helper()
	real, err := exec.LookPath("restic")
	if err != nil {
		t.Skip("restic is not installed")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "calls")
	run := `exec "$REAL" "$@"`
	if quiet {
		run = `set -o pipefail; "$REAL" "$@" | sed '/^restoring <Snapshot/d'`
	}
	script := "#!/bin/bash\nREAL=" + real + "\nprintf '%s\\n' \"$*\" >>" + log + "\n" + run + "\n"
	if err := os.WriteFile(filepath.Join(dir, "restic"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return log
}

// resticCommands reads the log wrapRestic wrote: each run's command and its
// arguments, without the global flags.
func resticCommands(t *testing.T, log string) []string {
	t.Helper()
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Fields(l)
		i := slices.Index(f, "--repo")
		if i < 0 || i+2 > len(f) {
			t.Fatalf("restic ran without --repo: %q", l)
		}
		rest := slices.DeleteFunc(f[i+2:], func(a string) bool { return a == "--quiet" })
		cmds = append(cmds, strings.Join(rest, " "))
	}
	return cmds
}

func TestHeadLine(t *testing.T) {
	h := newHeadLine()
	var rest strings.Builder
	h.next = &rest
	for _, p := range []string{`{"short_id":"1a2b`, `3c4d","struct_type":"snapshot","time":"2026-11-20T10:00:00Z"}`, "\n{\"path\":\"/a\"}\nrestoring <Snapshot 9f8e7d6c of [/srv] at x by y> to /t\npartial"} {
		select {
		case <-h.ready:
			t.Fatal("ready before the first line is whole")
		default:
		}
		if n, err := h.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	snap := h.snapshot()
	if snap == nil || snap.ShortID != "1a2b3c4d" || !snap.Time.Equal(snapTime) {
		t.Fatalf("snapshot = %+v, want 1a2b3c4d at %v", snap, snapTime)
	}
	if got := restoredSnapshot(h.lines()); got != "9f8e7d6c" {
		t.Errorf("restoredSnapshot = %q", got)
	}
	if got := len(h.lines()); got != 3 {
		t.Errorf("%d whole lines, want 3 (the partial one is not)", got)
	}
	if !strings.HasSuffix(rest.String(), "partial") {
		t.Errorf("not everything was passed on: %q", rest.String())
	}

	long := newHeadLine()
	long.Write([]byte(strings.Repeat("x", maxHead+10) + "\n"))
	if long.snapshot() != nil || len(long.buf) != maxHead {
		t.Errorf("a first line longer than %d bytes: kept %d, snapshot %v", maxHead, len(long.buf), long.snapshot())
	}
	if restoredSnapshot([]string{"restoring something else"}) != "" {
		t.Error("a line that names no snapshot gave an ID")
	}
}

func TestWatchFor(t *testing.T) {
	w := watchFor("returned error, retrying")
	for _, p := range []string{"Load(<data/4f>, 0, 0) returned err", "or\nretrying after 1s: x\n", "Load(<data/4f>) returned error, ret"} {
		w.Write([]byte(p))
		select {
		case <-w.seen:
			t.Fatalf("seen after %q: the text is not whole in one line yet", p)
		default:
		}
	}
	w.Write([]byte("rying after 552ms: ReadFull: unexpected EOF\n"))
	select {
	case <-w.seen:
	default:
		t.Fatal("not seen when written in two parts")
	}
	if n, err := w.Write([]byte("more")); n != 4 || err != nil {
		t.Errorf("Write after seen = %d, %v", n, err)
	}
}

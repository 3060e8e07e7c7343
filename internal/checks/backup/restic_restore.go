package backup

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// resticRestore restores the newest snapshot made by T0 into the sandbox and
// proves it: every entry of the snapshot's listing is there (files with their
// size), and every SHA256SUMS manifest in it matches.
//
// Each restic run pays for the repository's key derivation (about a third of
// a second by design) and reads the index, so the restore and the listing
// run side by side, and in the usual case without listing the snapshots
// first: restic's latest snapshot is restored when it was made by T0 (see
// resticRestoreLatest). Otherwise the snapshots are listed and the newest made
// by T0 is restored by its ID. `restic check` runs only when the restore
// fails, to say whether the repository is damaged (backup.fresh checks it
// every time): a restore reads and authenticates every byte of the snapshot,
// which is more than the check does for it.
func (j *backupJob) resticRestore(ctx context.Context) (*copyFound, error) {
	target, listing := j.sb.path("restore"), j.sb.path("ls.json")
	snap, took, err := j.resticRestoreLatest(ctx, target, listing)
	if errors.Is(err, errNotLatest) {
		removeTree(target)
		snap, took, err = j.resticRestoreNewest(ctx, target, listing)
	}
	if snap == nil {
		return nil, err
	}
	found := &copyFound{noun: "newest snapshot", time: snap.Time}
	j.details["snapshot"] = snap.ShortID
	if err != nil {
		return found, j.resticExplain(ctx, err)
	}
	files, size, err := j.resticCompare(listing, target)
	if err != nil {
		return found, err
	}
	j.details["files"] = strconv.FormatInt(files, 10)
	j.setRestoreFigures(took, size)
	return found, j.verifyRestoredTree(target)
}

// errNotLatest says that restic's latest snapshot is not the one to restore,
// or that it could not be told which one restic restored.
var errNotLatest = errors.New("restic's latest snapshot is not the newest made by T0")

// resticRestoreLatest restores restic's latest snapshot beside its listing,
// both named "latest", and returns the snapshot when it is the newest made by
// T0. The first line of `restic ls --json latest` describes the snapshot: one
// made after T0 stops both at once. The first line of `restic restore` names
// the snapshot it restores: it must be the listed one (a snapshot made in
// between is not). errNotLatest asks for the restore by ID instead, also when
// restic fails before the snapshot is known: that path says why.
func (j *backupJob) resticRestoreLatest(parent context.Context, target, listing string) (*resticSnapshot, time.Duration, error) {
	ctx, cancel := context.WithCancel(parent)
	lsHead, restoreHead := newHeadLine(), newHeadLine()
	var took time.Duration
	listed := inBackground(func() error { return j.resticList(ctx, "latest", listing, lsHead) })
	restored := inBackground(func() (err error) {
		took, err = j.resticRestoreRun(ctx, resticIO{stdout: restoreHead}, "latest", target)
		return err
	})
	defer func() {
		cancel()
		listed.wait()
		restored.wait()
	}()
	select {
	case <-lsHead.ready:
	case <-listed.done:
	}
	snap := lsHead.snapshot()
	switch {
	case parent.Err() != nil:
		return nil, 0, parent.Err()
	case snap == nil || snap.Time.After(j.t0):
		return nil, 0, errNotLatest
	}
	err := restored.wait()
	if restoredSnapshot(restoreHead.lines()) != snap.ShortID {
		return nil, 0, errNotLatest
	}
	if err == nil {
		err = listed.wait()
	}
	return snap, took, err
}

// resticRestoreNewest lists the snapshots and restores the newest made by T0
// by its ID, beside its listing.
func (j *backupJob) resticRestoreNewest(parent context.Context, target, listing string) (*resticSnapshot, time.Duration, error) {
	snap, err := j.resticNewest(parent)
	if err != nil {
		return nil, 0, err
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	listed := inBackground(func() error { return j.resticList(ctx, snap.ID, listing, nil) })
	took, err := j.resticRestoreRun(ctx, resticIO{quiet: true}, snap.ID, target)
	if err != nil {
		cancel()
		listed.wait()
		return snap, took, err
	}
	return snap, took, listed.wait()
}

// resticRestoreRun restores snapshot id into target and returns how long it
// took. restic retries a read that fails, for most of a minute: at its first
// retry `restic check` runs beside it, and damage the check finds ends the
// restore with the check's reason.
func (j *backupJob) resticRestoreRun(parent context.Context, o resticIO, id, target string) (time.Duration, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	retrying := watchFor("returned error, retrying")
	o.stderr = retrying
	start := time.Now()
	restored := inBackground(func() error { return j.resticWith(ctx, o, "restore", id, "--target", target) })
	select {
	case <-restored.done:
	case <-retrying.seen:
		if err := j.resticDamage(parent); err != nil {
			cancel()
			restored.wait()
			return time.Since(start), err
		}
	}
	err := restored.wait()
	return time.Since(start), err
}

// resticExplain is the reason a failed restore or listing gives: damage that
// `restic check` finds in the repository when it finds some, otherwise
// restic's own error.
func (j *backupJob) resticExplain(ctx context.Context, err error) error {
	var f *failure
	if ctx.Err() != nil || !errors.As(err, &f) || f.detail == "" {
		return err // cancelled, or a reason of its own (a password, no repository, damage)
	}
	if damage := j.resticDamage(ctx); damage != nil {
		return damage
	}
	return err
}

// resticDamage runs `restic check` and returns the damage it found, or nil
// (also when the check itself could not run: the caller's error stands).
func (j *backupJob) resticDamage(ctx context.Context) error {
	var f *failure
	if err := j.resticCheck(ctx); errors.As(err, &f) && strings.HasPrefix(f.reason, "restic check found damage") {
		return err
	}
	return nil
}

// restoredSnapshot is the short ID in the line of `restic restore` that
// names the snapshot ("restoring <Snapshot 1a2b3c4d of [/srv] at ... by ...>
// to /target"), or "".
func restoredSnapshot(lines []string) string {
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, "restoring <Snapshot "); ok {
			id, _, _ := strings.Cut(rest, " ")
			return id
		}
	}
	return ""
}

// resticNode is one line of `restic ls --json`.
type resticNode struct {
	StructType  string `json:"struct_type"`
	MessageType string `json:"message_type"` // restic 0.17 and later
	Type        string `json:"type"`
	Path        string `json:"path"`
	Size        int64  `json:"size"`
}

// resticList writes the listing of snapshot id (`restic ls --json`) to the
// file listing, and through head when it is not nil.
func (j *backupJob) resticList(ctx context.Context, id, listing string, head *headLine) error {
	f, err := os.Create(listing)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	var w io.Writer = bw
	if head != nil {
		head.next, w = bw, head
	}
	err = j.restic(ctx, w, "ls", "--json", id)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// headLine is a writer that keeps the start of what is written to it (at
// most maxHead bytes) and its first line, as soon as that is whole, and
// passes everything on to next, if any.
type headLine struct {
	next  io.Writer
	buf   []byte
	first []byte        // set before ready is closed, not changed after
	ready chan struct{} // closed when the first line is whole
}

const maxHead = 64 << 10

func newHeadLine() *headLine { return &headLine{ready: make(chan struct{})} }

func (h *headLine) Write(p []byte) (int, error) {
	if len(h.buf) < maxHead {
		had := len(h.buf)
		h.buf = append(h.buf, p[:min(len(p), maxHead-had)]...)
		if h.first == nil {
			if i := bytes.IndexByte(h.buf[had:], '\n'); i >= 0 {
				h.first = bytes.Clone(h.buf[:had+i])
				close(h.ready)
			}
		}
	}
	if h.next == nil {
		return len(p), nil
	}
	return h.next.Write(p)
}

// lines are the whole lines kept, once the writing has ended.
func (h *headLine) lines() []string {
	i := bytes.LastIndexByte(h.buf, '\n')
	if i < 0 {
		return nil
	}
	return strings.Split(string(h.buf[:i]), "\n")
}

// snapshot is the snapshot the first line of `restic ls --json` describes,
// or nil.
func (h *headLine) snapshot() *resticSnapshot {
	select {
	case <-h.ready:
	default:
		return nil // the listing ended without a whole first line
	}
	var s struct {
		resticSnapshot
		StructType  string `json:"struct_type"`
		MessageType string `json:"message_type"`
	}
	if json.Unmarshal(h.first, &s) != nil || (s.StructType != "snapshot" && s.MessageType != "snapshot") || s.ShortID == "" {
		return nil
	}
	return &s.resticSnapshot
}

// lineWatch is a writer that tells when a text has been written to it.
type lineWatch struct {
	text string
	tail []byte        // the line being written
	seen chan struct{} // closed when the text was written
}

// watchFor returns a writer that closes its seen channel once text has been
// written to it (within a line).
func watchFor(text string) *lineWatch {
	return &lineWatch{text: text, seen: make(chan struct{})}
}

func (w *lineWatch) Write(p []byte) (int, error) {
	select {
	case <-w.seen:
		return len(p), nil
	default:
	}
	w.tail = append(w.tail, p...)
	if bytes.Contains(w.tail, []byte(w.text)) {
		close(w.seen)
		w.tail = nil
		return len(p), nil
	}
	if i := bytes.LastIndexByte(w.tail, '\n'); i >= 0 {
		w.tail = w.tail[i+1:]
	}
	if len(w.tail) > maxHead {
		w.tail = w.tail[len(w.tail)-len(w.text):]
	}
	return len(p), nil
}

// background is a function running in its own goroutine.
type background struct {
	done chan struct{}
	err  error
}

// inBackground runs f in a goroutine of its own.
func inBackground(f func() error) *background {
	b := &background{done: make(chan struct{})}
	go func() {
		defer close(b.done)
		b.err = f()
	}()
	return b
}

// wait waits for the function to return and returns its error; it can be
// called again.
func (b *background) wait() error {
	<-b.done
	return b.err
}

// resticCompare compares the restored tree with the snapshot's listing (the
// file resticList wrote) and returns the number of files and bytes.
func (j *backupJob) resticCompare(listing, target string) (files, size int64, err error) {
	f, err := os.Open(listing)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var missing []string
	nmissing := 0
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	for {
		var n resticNode
		if err := dec.Decode(&n); err != nil {
			if err != io.EOF {
				return 0, 0, fmt.Errorf("read restic ls of %s: %w", j.loc, err)
			}
			break
		}
		if n.StructType == "snapshot" || n.MessageType == "snapshot" {
			continue
		}
		if problem := restoredNode(target, n); problem != "" {
			nmissing++
			if len(missing) < 3 {
				missing = append(missing, problem)
			}
		}
		if n.Type == "file" {
			files++
			size += n.Size
		}
	}
	if nmissing > 0 {
		return files, size, fail("the restore is incomplete: %d of the snapshot's entries are missing or differ: %s%s",
			nmissing, strings.Join(missing, "; "), more(nmissing, len(missing)))
	}
	return files, size, nil
}

// restoredNode says what is wrong with one restored entry, or "".
func restoredNode(target string, n resticNode) string {
	fi, err := os.Lstat(filepath.Join(target, filepath.FromSlash(n.Path)))
	switch {
	case n.Type != "file" && n.Type != "dir" && n.Type != "symlink":
		return "" // devices, fifos and sockets are not data
	case err != nil:
		return n.Path + " is missing"
	case n.Type == "file" && !fi.Mode().IsRegular():
		return n.Path + " is not a file"
	case n.Type == "file" && fi.Size() != n.Size:
		return fmt.Sprintf("%s has %d bytes, the snapshot %d", n.Path, fi.Size(), n.Size)
	case n.Type == "dir" && !fi.IsDir():
		return n.Path + " is not a directory"
	case n.Type == "symlink" && fi.Mode()&os.ModeSymlink == 0:
		return n.Path + " is not a symbolic link"
	}
	return ""
}

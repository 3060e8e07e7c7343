package checks

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

// resticSnapshot is the part of `restic snapshots --json` the checks use.
type resticSnapshot struct {
	ID      string    `json:"id"`
	ShortID string    `json:"short_id"`
	Time    time.Time `json:"time"`
	Paths   []string  `json:"paths"`
}

// resticFresh finds the newest snapshot made by T0 and checks the repository's
// structure (`restic check`: every pack the index names is there, whole).
func (j *backupJob) resticFresh(ctx context.Context) (*copyFound, error) {
	snap, err := j.resticNewest(ctx)
	if err != nil {
		return nil, err
	}
	found := &copyFound{noun: "newest snapshot", time: snap.Time}
	if err := j.resticCheck(ctx); err != nil {
		return found, err
	}
	var st struct {
		TotalSize      int64 `json:"total_size"`
		TotalFileCount int64 `json:"total_file_count"`
	}
	var out bytes.Buffer
	if err := j.restic(ctx, &out, "stats", "--json", snap.ID); err != nil {
		return found, err
	}
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		return found, fmt.Errorf("read restic stats of %s: %w", j.loc, err)
	}
	j.details[DetailBytes] = strconv.FormatInt(st.TotalSize, 10)
	j.details["entries"] = strconv.FormatInt(st.TotalFileCount, 10) // files and directories
	return found, nil
}

// resticRestore restores the newest snapshot made by T0 into the sandbox and
// proves it: every file of the snapshot's listing is there with its size, and
// every SHA256SUMS manifest in it matches.
//
// Each restic run pays for the repository's key derivation (about half a
// second by design) and reads the index, so the runs that do not wait for one
// another overlap: `restic check` beside the listing of the snapshots and the
// restore, `restic ls` (into a file in the sandbox) beside the restore. The
// outcome is the one of running them in turn: a damaged repository fails
// the check (and stops the restore), then a failed restore, then a failed
// listing.
func (j *backupJob) resticRestore(ctx context.Context) (*copyFound, error) {
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	checked := make(chan error, 1)
	go func() { checked <- j.resticCheck(cctx) }()
	snap, err := j.resticNewest(ctx)
	if err != nil {
		cancel()
		<-checked
		return nil, err
	}
	found := &copyFound{noun: "newest snapshot", time: snap.Time}
	target := j.sb.path("restore")
	listing := j.sb.path("ls.json")
	listed := make(chan error, 1)
	go func() { listed <- j.resticList(cctx, snap.ID, listing) }()
	var took time.Duration
	restored := make(chan error, 1)
	go func() {
		start := time.Now()
		err := j.restic(cctx, nil, "restore", snap.ID, "--target", target)
		took = time.Since(start)
		restored <- err
	}()
	if err := <-checked; err != nil {
		cancel()
		<-restored
		<-listed
		return found, err
	}
	if err := <-restored; err != nil {
		cancel()
		<-listed
		return found, err
	}
	if err := <-listed; err != nil {
		return found, err
	}
	files, size, err := j.resticCompare(listing, target)
	if err != nil {
		return found, err
	}
	j.details["files"] = strconv.FormatInt(files, 10)
	j.setRestoreFigures(took, size)
	return found, j.verifyRestoredTree(target)
}

// resticNewest lists the snapshots and returns the newest made by T0.
func (j *backupJob) resticNewest(ctx context.Context) (*resticSnapshot, error) {
	var out bytes.Buffer
	if err := j.restic(ctx, &out, "snapshots", "--json"); err != nil {
		return nil, err
	}
	var snaps []resticSnapshot
	if err := json.Unmarshal(out.Bytes(), &snaps); err != nil {
		return nil, fmt.Errorf("read restic snapshots of %s: %w", j.loc, err)
	}
	var newest *resticSnapshot
	later := 0
	for i := range snaps {
		s := &snaps[i]
		if s.Time.After(j.t0) {
			later++
			continue
		}
		if newest == nil || s.Time.After(newest.Time) {
			newest = s
		}
	}
	j.details["snapshots"] = strconv.Itoa(len(snaps))
	switch {
	case len(snaps) == 0:
		return nil, fail("the repository at %s has no snapshots", j.loc)
	case newest == nil:
		return nil, fail("the repository at %s has no snapshot made before T0 (%d made later)", j.loc, later)
	}
	j.details["snapshot"] = newest.ShortID
	return newest, nil
}

// resticCheck runs `restic check` (structure only, without reading all data).
func (j *backupJob) resticCheck(ctx context.Context) error {
	err := j.restic(ctx, nil, "check")
	var f *failure
	if errors.As(err, &f) && strings.HasPrefix(f.reason, "restic check failed") {
		return fail("restic check found damage in the repository at %s: %s", j.loc, f.detail)
	}
	return err
}

// resticNode is one line of `restic ls --json`.
type resticNode struct {
	StructType  string `json:"struct_type"`
	MessageType string `json:"message_type"` // restic 0.17 and later
	Type        string `json:"type"`
	Path        string `json:"path"`
	Size        int64  `json:"size"`
}

// resticList writes the snapshot's listing (`restic ls --json`) to the file
// listing.
func (j *backupJob) resticList(ctx context.Context, id, listing string) error {
	f, err := os.Create(listing)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = j.restic(ctx, bw, "ls", "--json", id)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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

// more says how many problems a reason leaves out.
func more(total, shown int) string {
	if total > shown {
		return fmt.Sprintf("; and %d more", total-shown)
	}
	return ""
}

// restic runs one restic command on the repository, read-only (no lock, no
// cache), with the password in the child's environment only. A failure is
// described in the operator's words.
func (j *backupJob) restic(ctx context.Context, stdout io.Writer, args ...string) error {
	bin, err := lookTool("restic", "restic")
	if err != nil {
		return err
	}
	if j.b.PasswordEnv == "" {
		return badStep("backup %s is a restic repository but names no passwordEnv", j.b.ID)
	}
	pw, ok := j.a.Env(j.b.PasswordEnv)
	if !ok || pw == "" {
		return fail("the repository password is not available: %s is not set on the worker", j.b.PasswordEnv)
	}
	t := tool{path: bin, stdout: stdout, dir: j.sb.tmp(),
		args: append([]string{"--no-lock", "--no-cache", "--quiet", "--repo", j.loc}, args...),
		env:  j.toolEnv("RESTIC_PASSWORD=" + pw)}
	stderr, err := t.run(ctx)
	if err == nil || ctx.Err() != nil {
		return ctx.Err()
	}
	return j.resticFailure(args[0], stderr, err)
}

// resticFailure turns restic's error output into a reason.
func (j *backupJob) resticFailure(cmd, stderr string, err error) error {
	switch {
	case strings.Contains(stderr, "wrong password or no key found"):
		return fail("restic: wrong password or no key for the repository at %s", j.loc)
	case strings.Contains(stderr, "unable to open config file"), strings.Contains(stderr, "Is there a repository at"):
		return fail("restic: no repository at %s", j.loc)
	}
	detail := firstResticError(stderr)
	if detail == "" {
		detail = exitText(err)
	}
	return &failure{reason: fmt.Sprintf("restic %s failed: %s", cmd, detail), detail: detail}
}

// firstResticError is the first line of restic's error output that says what
// is wrong, rather than the closing "Fatal: ..." summary.
func firstResticError(stderr string) string {
	var fatal string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "", strings.HasPrefix(l, "using temporary cache"), strings.Contains(l, "returned error, retrying"):
		case strings.HasPrefix(l, "Fatal: "):
			if fatal == "" {
				fatal = strings.TrimPrefix(l, "Fatal: ")
			}
		default:
			// restic restore goes on after a file it cannot restore and
			// says "ignoring error for /path: why"; the check does not.
			return strings.TrimPrefix(l, "ignoring error for ")
		}
	}
	return fatal
}

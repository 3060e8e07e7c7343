package checks

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// The restore of a restic snapshot is one `restic dump --archive tar` whose
// stream this process unpacks into the sandbox, hashing every file while it
// writes it: the bytes are read once, by one restic process (one key
// derivation), and the tar headers are the snapshot's listing.

// dumpEntry is one entry of a snapshot as the tar stream described it.
type dumpEntry struct {
	path  string // slash path, relative to the top of the snapshot
	kind  byte   // tar.TypeReg, tar.TypeDir or tar.TypeSymlink
	size  int64
	mode  fs.FileMode // permission bits
	mtime time.Time
}

// dumpResult is what unpacking a snapshot's stream wrote and found.
type dumpResult struct {
	entries []dumpEntry      // in stream order: a directory before what it holds
	scan    treeScan         // files, bytes, sums and manifests of the regular files
	sizes   map[string]int64 // of the regular files, by path
}

// localError is a failure of this process while unpacking (an unsafe entry, a
// write into the sandbox), as opposed to a stream that ended early because
// restic failed.
type localError struct{ err error }

func (e *localError) Error() string { return e.err.Error() }
func (e *localError) Unwrap() error { return e.err }

// resticDump restores snapshot snap (an ID or "latest") into target: restic
// writes the snapshot as a tar stream into a pipe and unpackDump writes it
// out. The outcome is restic's failure when restic failed (its stream then
// ends early), else unpackDump's.
func (j *backupJob) resticDump(ctx context.Context, snap, target string) (*dumpResult, error) {
	if err := os.Mkdir(target, 0o700); err != nil {
		return nil, fmt.Errorf("create restore target: %w", err)
	}
	root, err := os.OpenRoot(target)
	if err != nil {
		return nil, fmt.Errorf("open restore target: %w", err)
	}
	defer root.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("restore pipe: %w", err)
	}
	growPipe(pw)
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dumped := make(chan error, 1)
	go func() {
		err := j.restic(dctx, pw, "dump", "--archive", "tar", snap, "/")
		pw.Close()
		dumped <- err
	}()
	res, uerr := unpackDump(dctx, pr, root)
	if uerr != nil {
		cancel() // restic stops writing into a pipe nobody reads
	} else {
		_, _ = io.Copy(io.Discard, pr) // the stream's end: restic exits once it wrote everything
	}
	pr.Close()
	derr := <-dumped
	var local *localError
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(uerr, &local):
		return nil, local.err
	case derr != nil:
		return nil, derr
	case uerr != nil:
		return nil, fail("restic dump of snapshot %s wrote a damaged tar stream: %v", resticShortID(snap), uerr)
	}
	return res, nil
}

// unpackDump writes every entry of the tar stream r under root, hashing each
// file as it writes it. Directories, files, symbolic and hard links are restored;
// devices, fifos and sockets are not data and are skipped. An entry that
// would land outside root fails the restore.
func unpackDump(ctx context.Context, r io.Reader, root *os.Root) (*dumpResult, error) {
	res := &dumpResult{scan: treeScan{sums: map[string]string{}}, sizes: map[string]int64{}}
	bp := dumpBuffers.Get().(*[]byte)
	defer dumpBuffers.Put(bp)
	tr := tar.NewReader(r)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			return res, nil
		}
		if err != nil {
			return nil, err
		}
		p, err := entryPath(hdr.Name)
		if err != nil {
			return nil, err
		}
		if p == "." {
			continue
		}
		e := dumpEntry{path: p, kind: hdr.Typeflag, size: hdr.Size, mode: fs.FileMode(hdr.Mode).Perm(), mtime: hdr.ModTime}
		switch hdr.Typeflag {
		case tar.TypeDir:
			err = local(p, root.MkdirAll(p, 0o700))
		case tar.TypeSymlink:
			e.size = 0
			if err = local(p, mkParent(root, p)); err == nil {
				err = local(p, root.Symlink(hdr.Linkname, p))
			}
		case tar.TypeReg:
			err = res.unpackFile(root, p, tr, hdr.Size, *bp)
		case tar.TypeLink:
			err = res.unpackLink(root, p, hdr.Linkname)
			e.kind, e.size = tar.TypeReg, res.sizes[p]
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		res.entries = append(res.entries, e)
	}
}

// local makes err, a failure to write entry p into the sandbox, a localError.
func local(p string, err error) error {
	if err == nil {
		return nil
	}
	return &localError{fail("cannot restore %s into the sandbox: %v", p, unwrapPath(err))}
}

// entryPath is the cleaned slash path of a tar entry, or a failure when it
// points outside the snapshot.
func entryPath(name string) (string, error) {
	p := path.Clean(strings.TrimPrefix(name, "./"))
	if path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return "", &localError{fail("snapshot entry %q points outside the snapshot: it is unsafe to restore", name)}
	}
	return p, nil
}

func mkParent(root *os.Root, p string) error {
	if d := path.Dir(p); d != "." {
		return root.MkdirAll(d, 0o700)
	}
	return nil
}

// unpackFile writes one file of size bytes from r to p under root, hashing it
// on the way, and records it. A short stream is an error of the stream
// (io.ErrUnexpectedEOF); anything else is local.
func (res *dumpResult) unpackFile(root *os.Root, p string, r io.Reader, size int64, buf []byte) error {
	if err := mkParent(root, p); err != nil {
		return local(p, err)
	}
	f, err := root.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return local(p, err)
	}
	defer f.Close()
	h := sha256.New()
	var n int64
	for {
		k, rerr := r.Read(buf)
		if k > 0 {
			h.Write(buf[:k])
			if _, err := f.Write(buf[:k]); err != nil {
				return local(p, err)
			}
			n += int64(k)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return fmt.Errorf("entry %s: %w", p, rerr)
		}
	}
	if n != size {
		return fmt.Errorf("entry %s: %w: %d of %d bytes", p, io.ErrUnexpectedEOF, n, size)
	}
	if err := f.Close(); err != nil {
		return local(p, err)
	}
	res.add(p, sumHex(h), n)
	return nil
}

// unpackLink makes p a hard link to link, a file restored before.
func (res *dumpResult) unpackLink(root *os.Root, p, link string) error {
	target, err := entryPath(link)
	if err != nil {
		return err
	}
	sum, ok := res.scan.sums[target]
	if !ok {
		return &localError{fail("cannot restore %s into the sandbox: it is a hard link to %s, which the snapshot does not hold before it", p, target)}
	}
	if err := mkParent(root, p); err != nil {
		return local(p, err)
	}
	if err := root.Link(target, p); err != nil {
		return local(p, err)
	}
	res.add(p, sum, res.sizes[target])
	return nil
}

// add records restored file p: its hash and size.
func (res *dumpResult) add(p, sum string, size int64) {
	res.scan.files++
	res.scan.bytes += size
	res.scan.sums[p] = sum
	res.sizes[p] = size
	if path.Base(p) == manifestName {
		res.scan.manifests = append(res.scan.manifests, p)
	}
}

// dumpBuffers are the copy buffers of unpackDump: few, large reads from the
// pipe and writes into the sandbox.
var dumpBuffers = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

// compareTree checks that every entry of the stream is in the tree under
// root with its type and size.
func (res *dumpResult) compareTree(root *os.Root) error {
	var problems []string
	n := 0
	for _, e := range res.entries {
		if problem := restoredEntry(root, e); problem != "" {
			n++
			if len(problems) < 3 {
				problems = append(problems, problem)
			}
		}
	}
	if n > 0 {
		return fail("the restore is incomplete: %d of the snapshot's entries are missing or differ: %s%s",
			n, strings.Join(problems, "; "), more(n, len(problems)))
	}
	return nil
}

// verifyDump proves the restore against the stream: every entry is in the
// tree, and every SHA256SUMS manifest matches the hashes taken while writing.
// Then the restored entries get their modes and times.
func (j *backupJob) verifyDump(target string, res *dumpResult) error {
	root, err := os.OpenRoot(target)
	if err != nil {
		return fmt.Errorf("open restore target: %w", err)
	}
	defer root.Close()
	if err := res.compareTree(root); err != nil {
		return err
	}
	if err := res.scan.checkManifests(root.Name(), j.details); err != nil {
		return err
	}
	return res.setModes(root)
}

// setModes gives the restored files and directories their modes and times,
// children first: a read-only directory is set last. It runs after the
// verification, which reads the manifests back.
func (res *dumpResult) setModes(root *os.Root) error {
	for i := len(res.entries) - 1; i >= 0; i-- {
		e := res.entries[i]
		if e.kind == tar.TypeSymlink {
			continue
		}
		if err := root.Chmod(e.path, e.mode); err != nil {
			return fmt.Errorf("set the mode of restored %s: %w", e.path, err)
		}
		if err := root.Chtimes(e.path, e.mtime, e.mtime); err != nil {
			return fmt.Errorf("set the time of restored %s: %w", e.path, err)
		}
	}
	return nil
}

// restoredEntry says what is wrong with one restored entry, or "".
func restoredEntry(root *os.Root, e dumpEntry) string {
	fi, err := root.Lstat(e.path)
	switch {
	case err != nil:
		return e.path + " is missing"
	case e.kind == tar.TypeReg && !fi.Mode().IsRegular():
		return e.path + " is not a file"
	case e.kind == tar.TypeReg && fi.Size() != e.size:
		return fmt.Sprintf("%s has %d bytes, the snapshot %d", e.path, fi.Size(), e.size)
	case e.kind == tar.TypeDir && !fi.IsDir():
		return e.path + " is not a directory"
	case e.kind == tar.TypeSymlink && fi.Mode()&os.ModeSymlink == 0:
		return e.path + " is not a symbolic link"
	}
	return ""
}

// resticShortID is the first 8 characters of a restic ID, as restic shows it.
func resticShortID(id string) string { return id[:min(8, len(id))] }

package backup

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// readArchive reads a tar, tar.gz or zip archive to the end, hashing every
// file and the archive itself; with root set it also extracts into root.
func (j *backupJob) readArchive(ctx context.Context, root *os.Root) (*archiveRead, error) {
	f, _, err := boundedio.OpenRegular(j.loc)
	if err != nil {
		return nil, fail("cannot read the archive %s: %v", j.loc, unwrapPath(err))
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	ar := &archiveRead{sums: map[string]string{}, manifests: map[string][]byte{}}
	x := &extractor{ctx: ctx, root: root, ar: ar, maxManifest: j.manifestLimit()}
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		ar.format = "tar.gz"
		err = x.readTar(f, true)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		ar.format = "zip"
		err = x.readZip(f)
	case len(head) > 262 && string(head[257:262]) == "ustar":
		ar.format = "tar"
		err = x.readTar(f, false)
	default:
		return nil, fail("%s is not a tar, tar.gz or zip archive", j.loc)
	}
	var fl *failure
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(err, &fl):
		return nil, err
	case err != nil:
		return nil, fail("the archive %s cannot be read to the end: %s (the archive is damaged or truncated)", j.loc, errText(err, x.current))
	}
	return ar, nil
}

func errText(err error, entry string) string {
	if entry == "" {
		return err.Error()
	}
	return fmt.Sprintf("entry %s: %v", entry, err)
}

// extractor reads entries and, with a root, writes them out.
type extractor struct {
	ctx         context.Context
	root        *os.Root
	ar          *archiveRead
	current     string // the entry being read, for the reason of a damaged one
	maxManifest int64  // the largest SHA256SUMS entry kept to check
}

// hardLink is a tar hard link: the same content as an earlier entry, so it is
// verified like a regular file with that content (its hash is the earlier
// entry's) and restored as a link to it. A link to an entry the archive did
// not hold before it is damage.
func (x *extractor) hardLink(name, target string) error {
	p, t := path.Clean(name), path.Clean(target)
	for _, q := range []string{p, t} {
		if path.IsAbs(q) || q == ".." || strings.HasPrefix(q, "../") {
			return fail("archive entry %q (a hard link to %q) points outside the archive: it is unsafe to restore", name, target)
		}
	}
	x.current = p
	x.ar.entries++
	sum, ok := x.ar.sums[t]
	if !ok {
		return fail("archive entry %q is a hard link to %q, which the archive does not hold before it: the archive is damaged", name, target)
	}
	x.ar.files++
	x.ar.sums[p] = sum
	if b, ok := x.ar.manifests[t]; ok && path.Base(p) == manifestName {
		x.ar.manifests[p] = b
	}
	if x.root != nil {
		if err := x.mkParent(p); err != nil {
			return err
		}
		return x.restoreErr(p, x.root.Link(t, p))
	}
	return nil
}

// boundedBuffer keeps what is written to it up to max bytes; beyond, writing
// fails: a manifest is parsed in memory, so it may not be gigabytes.
type boundedBuffer struct {
	bytes.Buffer
	max  int64
	name string
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if int64(b.Len()+len(p)) > b.max {
		return 0, fail("%v: a manifest that large is not read", manifestTooLarge("archive entry "+b.name, b.max))
	}
	return b.Buffer.Write(p)
}

func (x *extractor) readTar(f *os.File, gz bool) error {
	h := sha256.New()
	var r io.Reader = io.TeeReader(f, h)
	raw := r
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return err
		}
		r = zr
	}
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if hdr.Typeflag == tar.TypeLink {
			if err := x.hardLink(hdr.Name, hdr.Linkname); err != nil {
				return err
			}
			continue
		}
		if err := x.entry(hdr.Name, hdr.FileInfo().Mode(), hdr.Linkname, tr); err != nil {
			return err
		}
	}
	x.current = ""
	// The rest of the stream (tar padding, the gzip trailer with its CRC) is
	// part of the archive too.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	if _, err := io.Copy(io.Discard, raw); err != nil {
		return err
	}
	x.ar.fileSum = hex.EncodeToString(h.Sum(nil))
	return nil
}

func (x *extractor) readZip(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return err
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			x.current = zf.Name
			return err
		}
		err = x.entry(zf.Name, zf.Mode(), "", rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	x.current = ""
	sum, _, err := hashFile(f.Name())
	x.ar.fileSum = sum
	return err
}

// entry reads one entry to the end; symbolic links and directories are
// recreated, other special files skipped.
func (x *extractor) entry(name string, mode fs.FileMode, link string, r io.Reader) error {
	if err := x.ctx.Err(); err != nil {
		return err
	}
	p := path.Clean(name)
	if path.IsAbs(p) || p == ".." || (len(p) > 2 && p[:3] == "../") {
		return fail("archive entry %q points outside the archive: it is unsafe to restore", name)
	}
	x.current = p
	x.ar.entries++
	switch {
	case mode.IsDir():
		if x.root != nil && p != "." {
			return x.restoreErr(p, x.root.MkdirAll(p, 0o700))
		}
		return nil
	case mode&fs.ModeSymlink != 0:
		if link == "" { // zip keeps the target as the content
			b, err := io.ReadAll(io.LimitReader(r, 4096))
			if err != nil {
				return err
			}
			link = string(b)
		}
		if x.root != nil {
			if err := x.mkParent(p); err != nil {
				return err
			}
			return x.restoreErr(p, x.root.Symlink(link, p))
		}
		return nil
	case !mode.IsRegular():
		return nil
	}
	return x.file(p, r)
}

func (x *extractor) file(p string, r io.Reader) error {
	h := sha256.New()
	var w io.Writer = h
	var out *os.File
	if x.root != nil {
		if err := x.mkParent(p); err != nil {
			return err
		}
		var err error
		if out, err = x.root.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600); err != nil {
			return x.restoreErr(p, err)
		}
		defer out.Close()
		w = io.MultiWriter(h, out)
	}
	var keep *boundedBuffer
	if path.Base(p) == manifestName {
		keep = &boundedBuffer{max: x.maxManifest, name: p}
		w = io.MultiWriter(w, keep)
	}
	n, err := io.Copy(w, r)
	if err != nil {
		return err
	}
	x.ar.files++
	x.ar.bytes += n
	x.ar.sums[p] = sumHex(h)
	if keep != nil {
		x.ar.manifests[p] = keep.Bytes()
	}
	return nil
}

func (x *extractor) mkParent(p string) error {
	if d := path.Dir(p); d != "." {
		return x.restoreErr(p, x.root.MkdirAll(d, 0o700))
	}
	return nil
}

// restoreErr is a failure to write an entry into the sandbox: typically an
// entry that would land outside it through a symbolic link.
func (x *extractor) restoreErr(p string, err error) error {
	if err == nil {
		return nil
	}
	return fail("cannot restore archive entry %s: %v", p, unwrapPath(err))
}

func sumHex(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

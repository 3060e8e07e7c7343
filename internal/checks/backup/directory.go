package backup

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// directoryFresh reads every file of a backup directory (the newest file's
// time is the backup's) and checks its SHA256SUMS manifests.
func (j *backupJob) directoryFresh(ctx context.Context) (*copyFound, error) {
	if err := j.statDir(); err != nil {
		return nil, err
	}
	ts, err := scanTree(j.loc)
	if err != nil {
		return nil, err
	}
	if ts.files == 0 {
		return nil, fail("the backup directory %s is empty", j.loc)
	}
	found := &copyFound{noun: "newest file in the directory", time: ts.newest}
	j.details["files"] = strconv.FormatInt(ts.files, 10)
	j.details[drill.DetailBytes] = strconv.FormatInt(ts.bytes, 10)
	j.details["newestFile"] = ts.newestRel
	if err := ctx.Err(); err != nil {
		return found, err
	}
	return found, ts.checkManifests(j.loc, j.details, j.manifestLimit())
}

// directoryRestore copies the backup directory into the sandbox, as a restore
// would, and proves the copy against its manifests.
func (j *backupJob) directoryRestore(ctx context.Context) (*copyFound, error) {
	if err := j.statDir(); err != nil {
		return nil, err
	}
	target := j.sb.path("restore")
	start := time.Now()
	files, size, newest, err := copyTree(ctx, j.loc, target)
	if err != nil {
		return nil, err
	}
	took := time.Since(start)
	if files == 0 {
		return nil, fail("the backup directory %s is empty", j.loc)
	}
	found := &copyFound{noun: "newest file in the directory", time: newest}
	j.details["files"] = strconv.FormatInt(files, 10)
	j.setRestoreFigures(took, size)
	return found, j.verifyRestoredTree(target)
}

func (j *backupJob) statDir() error {
	fi, err := os.Stat(j.loc)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fail("no backup at %s: the directory does not exist", j.loc)
	case err != nil:
		return fail("cannot read the backup directory %s: %v", j.loc, unwrapPath(err))
	case !fi.IsDir():
		return fail("the backup at %s is not a directory", j.loc)
	}
	return nil
}

// copyTree copies the regular files, directories and symbolic links under src
// to dst (which must not exist) and returns the files, bytes and newest
// modification time copied.
func copyTree(ctx context.Context, src, dst string) (files, size int64, newest time.Time, err error) {
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o700)
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return fail("cannot read %s: %v", p, unwrapPath(err))
			}
			return os.Symlink(link, to)
		case !d.Type().IsRegular():
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		n, err := copyFile(p, to)
		if err != nil {
			return err
		}
		files++
		size += n
		if fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
		return nil
	})
	return files, size, newest, err
}

func copyFile(from, to string) (int64, error) {
	in, err := os.Open(from)
	if err != nil {
		return 0, fail("cannot read %s: %v", from, unwrapPath(err))
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fail("cannot read %s to the end: %v", from, unwrapPath(err))
	}
	return n, nil
}

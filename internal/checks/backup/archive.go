package backup

import (
	"bytes"
	"context"
	"errors"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// archiveRead is what reading an archive to the end found.
type archiveRead struct {
	format    string // tar, tar.gz, zip
	entries   int64
	files     int64
	bytes     int64             // of the files, uncompressed
	sums      map[string]string // entry path -> hex sha256
	manifests map[string][]byte // SHA256SUMS entries by path
	fileSum   string            // sha256 of the archive file itself
}

// archiveFresh reads every entry of the archive to the end (a damaged or
// truncated archive fails) and checks the SHA256SUMS manifests inside it and
// beside it.
func (j *backupJob) archiveFresh(ctx context.Context) (*copyFound, error) {
	found, err := j.statArchive()
	if err != nil {
		return nil, err
	}
	ar, err := j.readArchive(ctx, nil)
	if err != nil {
		return found, err
	}
	j.recordArchive(ar)
	if err := j.checkBeside(ar.fileSum); err != nil {
		return found, err
	}
	checked := 0
	for _, m := range sortedKeys(ar.manifests) {
		es, err := parseManifest(bytes.NewReader(ar.manifests[m]), m, j.manifestLimit())
		if err != nil {
			return found, err
		}
		if err := checkManifest(m, es, path.Dir(m), ar.sums); err != nil {
			return found, err
		}
		checked += len(es)
	}
	recordManifests(j.details, len(ar.manifests), checked)
	return found, nil
}

// archiveRestore extracts the archive into the sandbox, as a restore would,
// and proves what was written against the manifests.
func (j *backupJob) archiveRestore(ctx context.Context) (*copyFound, error) {
	found, err := j.statArchive()
	if err != nil {
		return nil, err
	}
	target := j.sb.path("restore")
	if err := os.Mkdir(target, 0o700); err != nil {
		return found, err
	}
	root, err := os.OpenRoot(target)
	if err != nil {
		return found, err
	}
	defer root.Close()
	start := time.Now()
	ar, err := j.readArchive(ctx, root)
	if err != nil {
		return found, err
	}
	took := time.Since(start)
	j.recordArchive(ar)
	j.setRestoreFigures(took, ar.bytes)
	if err := j.checkBeside(ar.fileSum); err != nil {
		return found, err
	}
	return found, j.verifyRestoredTree(target)
}

func (j *backupJob) statArchive() (*copyFound, error) {
	fi, err := os.Stat(j.loc)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("no backup at %s: the archive does not exist", j.loc)
	case err != nil:
		return nil, fail("cannot read the archive %s: %v", j.loc, unwrapPath(err))
	case !fi.Mode().IsRegular():
		return nil, fail("the backup at %s is not an archive file", j.loc)
	}
	j.details["archiveBytes"] = strconv.FormatInt(fi.Size(), 10)
	return &copyFound{noun: "archive " + filepath.Base(j.loc), time: fi.ModTime()}, nil
}

func (j *backupJob) recordArchive(ar *archiveRead) {
	j.details["format"] = ar.format
	j.details["entries"] = strconv.FormatInt(ar.entries, 10)
	j.details["files"] = strconv.FormatInt(ar.files, 10)
	j.details[drill.DetailBytes] = strconv.FormatInt(ar.bytes, 10)
}

// checkBeside checks the archive file against the line naming it in a
// SHA256SUMS beside it, or against a NAME.sha256 file.
func (j *backupJob) checkBeside(sum string) error {
	base := filepath.Base(j.loc)
	for _, name := range []string{filepath.Join(filepath.Dir(j.loc), manifestName), j.loc + ".sha256"} {
		label := filepath.Base(name) + " beside the archive"
		b, err := boundedio.ReadAllRegular(context.Background(), name, j.manifestLimit(), label, "backup.manifestBytes")
		var tooLarge *boundedio.TooLargeError
		if errors.As(err, &tooLarge) {
			return fail("%v: a manifest that large is not read", err)
		}
		if err != nil {
			continue
		}
		es, err := parseManifest(bytes.NewReader(b), label, j.manifestLimit())
		if err != nil {
			return err
		}
		own := filepath.Ext(name) == ".sha256" && len(es) == 1 // NAME.sha256 may name the file otherwise
		for _, e := range es {
			if path.Base(e.path) != base && !own {
				continue
			}
			if e.sum != sum {
				return fail("%s does not match the backup: %s has sha256 %s, the manifest says %s", label, base, sum[:12], e.sum[:12])
			}
			j.details["manifestBeside"] = label + ": matches"
			return nil
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

package checks

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// manifestName is the checksum manifest a backup may carry, in the format of
// sha256sum: "<hex sha256>  <path>" per line, paths relative to its directory.
const manifestName = "SHA256SUMS"

type manifestEntry struct {
	sum  string
	path string
}

var (
	gnuLine = regexp.MustCompile(`^([0-9a-fA-F]{64}) [ *](.+)$`)
	bsdLine = regexp.MustCompile(`^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$`)
)

// parseManifest reads a SHA256SUMS file (sha256sum's format, or its --tag
// format); name says which, for the reason of a malformed line.
func parseManifest(r io.Reader, name string) ([]manifestEntry, error) {
	var es []manifestEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := gnuLine.FindStringSubmatch(l); m != nil {
			es = append(es, manifestEntry{sum: strings.ToLower(m[1]), path: m[2]})
		} else if m := bsdLine.FindStringSubmatch(l); m != nil {
			es = append(es, manifestEntry{sum: strings.ToLower(m[2]), path: m[1]})
		} else {
			return nil, fail("%s line %d is not \"<sha256>  <file>\": the manifest is damaged", name, n)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fail("%s cannot be read: %v", name, err)
	}
	return es, nil
}

// checkManifest compares a manifest at dir (slash path in the tree, "." for
// the top) with the hashes found; sums maps slash paths relative to the top of
// the tree to hex sha256. A mismatch or a missing file fails the check.
func checkManifest(name string, es []manifestEntry, dir string, sums map[string]string) error {
	var problems []string
	for _, e := range es {
		p := path.Join(dir, strings.TrimPrefix(e.path, "./"))
		got, ok := sums[p]
		switch {
		case p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p):
			problems = append(problems, fmt.Sprintf("%s is outside the backup", e.path))
		case !ok:
			problems = append(problems, p+" is missing")
		case got != e.sum:
			problems = append(problems, fmt.Sprintf("%s has sha256 %s, the manifest says %s", p, got[:12], e.sum[:12]))
		}
	}
	if len(problems) > 0 {
		return fail("%s does not match the backup: %s%s", name, strings.Join(problems[:min(3, len(problems))], "; "), more(len(problems), min(3, len(problems))))
	}
	return nil
}

// treeScan is what reading every file of a directory tree found.
type treeScan struct {
	files     int64
	bytes     int64
	newest    time.Time
	newestRel string
	sums      map[string]string // slash path -> hex sha256
	manifests []string          // slash paths of the SHA256SUMS files
}

// scanTree reads every regular file under root to the end, hashing it.
func scanTree(root string) (*treeScan, error) {
	ts := &treeScan{sums: map[string]string{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		fi, err := d.Info()
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		sum, n, err := hashFile(p)
		if err != nil {
			return fail("cannot read %s to the end: %v", p, unwrapPath(err))
		}
		ts.files++
		ts.bytes += n
		ts.sums[rel] = sum
		if path.Base(rel) == manifestName {
			ts.manifests = append(ts.manifests, rel)
		}
		if fi.ModTime().After(ts.newest) {
			ts.newest, ts.newestRel = fi.ModTime(), rel
		}
		return nil
	})
	return ts, err
}

// checkManifests checks every SHA256SUMS in the tree and records how many
// files they vouched for.
func (ts *treeScan) checkManifests(root string, details map[string]string) error {
	slices.Sort(ts.manifests)
	checked := 0
	for _, m := range ts.manifests {
		f, err := os.Open(filepath.Join(root, filepath.FromSlash(m)))
		if err != nil {
			return fail("cannot read %s: %v", m, unwrapPath(err))
		}
		es, err := parseManifest(f, m)
		f.Close()
		if err != nil {
			return err
		}
		if err := checkManifest(m, es, path.Dir(m), ts.sums); err != nil {
			return err
		}
		checked += len(es)
	}
	recordManifests(details, len(ts.manifests), checked)
	return nil
}

func recordManifests(details map[string]string, manifests, files int) {
	if manifests == 0 {
		details["manifest"] = "none"
		return
	}
	details["manifest"] = fmt.Sprintf("%d %s, %d files match", manifests, manifestName, files)
	details["manifestFiles"] = strconv.Itoa(files)
}

// verifyRestoredTree reads back everything restored under target and checks
// its manifests.
func (j *backupJob) verifyRestoredTree(target string) error {
	ts, err := scanTree(target)
	if err != nil {
		return err
	}
	return ts.checkManifests(target, j.details)
}

// hashFile reads a file to the end and returns its sha256 and size.
func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// unwrapPath drops the paths from (nested) *fs.PathErrors: a reason names
// the path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}

package backup

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// defaultManifestBytes is the largest SHA256SUMS manifest read when the
// backup does not say (drill.Backup.ManifestBytes): one line per file, so
// about 700,000 files.
const defaultManifestBytes = 64 << 20

// manifestLimit is the largest manifest the job reads.
func (j *backupJob) manifestLimit() int64 {
	if j.b != nil && j.b.ManifestBytes > 0 {
		return j.b.ManifestBytes
	}
	return defaultManifestBytes
}

// manifestTooLarge is the error of a manifest over limit bytes.
func manifestTooLarge(name string, limit int64) *boundedio.TooLargeError {
	return &boundedio.TooLargeError{What: name, Limit: limit, Setting: "backup.manifestBytes"}
}

// parseManifest reads a SHA256SUMS file (sha256sum's format, or its --tag
// format) of at most limit bytes; name says which, for the reason of a
// malformed line.
func parseManifest(r io.Reader, name string, limit int64) ([]manifestEntry, error) {
	var es []manifestEntry
	sc := bufio.NewScanner(&boundedio.Bounded{Ctx: context.Background(), R: r, Total: manifestTooLarge(name, limit)})
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
		var tooLarge *boundedio.TooLargeError
		if errors.As(err, &tooLarge) {
			return nil, fail("%v: a manifest that large is not read", err)
		}
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

// scanTree reads every regular file under root to the end, hashing it. The
// files are hashed by several workers while the tree is walked (hashing is
// the cost of a verification: it reads every byte); the outcome is the one of
// a walk in order: the first file that cannot be read fails it.
func scanTree(root string) (*treeScan, error) {
	ts := &treeScan{sums: map[string]string{}}
	type scanned struct {
		p, rel string
		sum    string
		n      int64
		err    error
	}
	var (
		all    []*scanned // in walk order
		failed atomic.Bool
		wg     sync.WaitGroup
		queue  = make(chan *scanned, 64)
	)
	for range hashWorkers() {
		wg.Go(func() {
			for f := range queue {
				f.sum, f.n, f.err = hashFile(f.p)
				if f.err != nil {
					failed.Store(true)
				}
			}
		})
	}
	walkErr := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if failed.Load() {
			return filepath.SkipAll // a file failed: the walk stops there, as a walk in order would
		}
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
		if path.Base(rel) == manifestName {
			ts.manifests = append(ts.manifests, rel)
		}
		if fi.ModTime().After(ts.newest) {
			ts.newest, ts.newestRel = fi.ModTime(), rel
		}
		f := &scanned{p: p, rel: rel}
		all = append(all, f)
		queue <- f
		return nil
	})
	close(queue)
	wg.Wait()
	for _, f := range all {
		if f.err != nil {
			return ts, fail("cannot read %s to the end: %v", f.p, unwrapPath(f.err))
		}
		ts.files++
		ts.bytes += f.n
		ts.sums[f.rel] = f.sum
	}
	return ts, walkErr
}

// hashWorkers is how many files scanTree hashes at once.
func hashWorkers() int { return min(max(runtime.GOMAXPROCS(0), 1), 8) }

// checkManifests checks every SHA256SUMS in the tree and records how many
// files they vouched for.
func (ts *treeScan) checkManifests(root string, details map[string]string, limit int64) error {
	slices.Sort(ts.manifests)
	checked := 0
	for _, m := range ts.manifests {
		f, _, err := boundedio.OpenRegular(filepath.Join(root, filepath.FromSlash(m)))
		if err != nil {
			return fail("cannot read %s: %v", m, unwrapPath(err))
		}
		es, err := parseManifest(f, m, limit)
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
	return ts.checkManifests(target, j.details, j.manifestLimit())
}

// hashFile reads a file to the end and returns its sha256 and size.
func hashFile(p string) (string, int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	bp := hashBuffers.Get().(*[]byte)
	defer hashBuffers.Put(bp)
	// io.CopyBuffer would not use the buffer: *os.File has a WriteTo.
	var n int64
	for {
		k, err := f.Read(*bp)
		h.Write((*bp)[:k])
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", n, err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// hashBuffers are the read buffers of hashFile: fewer, larger reads.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}

// unwrapPath drops the paths from (nested) *fs.PathErrors: a reason names
// the path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}

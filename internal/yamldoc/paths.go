package yamldoc

import (
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// OSFS is the operating system's file system with paths as the user wrote them,
// relative to the working directory or absolute. Unlike os.DirFS it does not
// restrict paths to a root: definitions name files wherever the user keeps them.
type OSFS struct{}

// Open implements fs.FS. It never blocks: a named pipe is opened, not waited
// on, so that its reader can refuse it (see readLimited).
// (internal/boundedio opens the same way; this package, which the pure
// model packages import, may not import it.)
func (OSFS) Open(name string) (fs.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// Stat implements fs.StatFS.
func (OSFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// ReadDir implements fs.ReadDirFS.
func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// IsYAML reports whether a file name has a YAML extension.
func IsYAML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// ListFiles expands paths into YAML files: a file stands for itself, a directory
// for every *.yaml and *.yml below it (hidden entries skipped), in lexical order so
// that loading is deterministic.
func ListFiles(fsys fs.FS, paths []string, errs *List) []string {
	var files []string
	for _, p := range paths {
		st, err := fs.Stat(fsys, p)
		if err != nil {
			errs.Add(Pos{File: p}, "", "", "cannot read: "+unwrapPath(err).Error(), "an existing file or directory")
			continue
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		found := 0
		err = fs.WalkDir(fsys, p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				errs.Add(Pos{File: name}, "", "", "cannot read: "+unwrapPath(err).Error(), "")
				return nil
			}
			if name != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && IsYAML(name) {
				files = append(files, name)
				found++
			}
			return nil
		})
		if err == nil && found == 0 {
			errs.Add(Pos{File: p}, "", "", "directory holds no *.yaml or *.yml files", "")
		}
	}
	return slices.Compact(files)
}

// ReadPaths lists and parses every YAML file under paths, several files at once.
// Documents come back in file order, then document order. Each document's kind
// must be one of kinds.
func ReadPaths(fsys fs.FS, paths []string, kinds []string, errs *List) []Document {
	return ReadPathsEach(fsys, paths, kinds, errs, func(d Document, _ *List) Document { return d })
}

// ReadPathsEach is [ReadPaths] for callers that decode every document on its
// own: each is called, in the goroutine that parsed the file, for every document
// with a valid header, so that files are decoded in parallel too and a file's
// YAML tree, the bulk of the memory, is dropped as soon as it is decoded.
// Results come back in file order, then document order; the problems recorded
// are those of ReadPaths plus what each records.
func ReadPathsEach[T any](fsys fs.FS, paths []string, kinds []string, errs *List, each func(Document, *List) T) []T {
	files := ListFiles(fsys, paths, errs)
	results := make([][]T, len(files))
	lists := make([]List, len(files))
	budget := new(atomic.Int64) // one alias budget for all files, so many small bombs add up
	budget.Store(MaxAliasNodes)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for _, d := range ReadFile(fsys, f, &lists[i]) {
				d.aliasBudget = budget
				if checkHeader(d, kinds, &lists[i]) {
					results[i] = append(results[i], each(d, &lists[i]))
				}
			}
		}()
	}
	wg.Wait()
	var out []T
	for i := range files {
		errs.Append(&lists[i])
		out = append(out, results[i]...)
	}
	return out
}

func checkHeader(d Document, kinds []string, errs *List) bool {
	var h Header
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		k, v := d.Root.Content[i], d.Root.Content[i+1]
		switch k.Value {
		case "apiVersion":
			h.APIVersion = v.Value
			if v.Value != APIVersion {
				errs.Add(Pos{File: d.File, Line: v.Line, Col: v.Column}, "apiVersion", v.Value, "unsupported apiVersion", APIVersion)
				return false
			}
		case "kind":
			h.Kind = v.Value
			if !slices.Contains(kinds, v.Value) {
				errs.Add(Pos{File: d.File, Line: v.Line, Col: v.Column}, "kind", v.Value, "unknown document kind", strings.Join(kinds, ", "))
				return false
			}
		}
	}
	if h.APIVersion == "" {
		errs.Add(d.Pos, "apiVersion", "", "missing required key", APIVersion)
	}
	if h.Kind == "" {
		errs.Add(d.Pos, "kind", "", "missing required key", strings.Join(kinds, ", "))
	}
	return h.APIVersion != "" && h.Kind != ""
}

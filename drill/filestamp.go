package drill

import (
	"fmt"
	"slices"
	"time"
)

// FileStamp records what a file or directory a step reads held when the drill
// was prepared, so that the worker can tell, before the step, that it sees the
// catalog's own file and not another one at the same path (a worker on
// another machine, a file changed since). Stamps are made where the drill is
// prepared (internal/drillops), carried in the plan (and so in the evidence
// bundle's plan.json) and checked by the worker before each step
// (internal/checks); a plan without stamps, from before they existed, is
// simply not checked.
//
// What a stamp holds depends on Kind:
//
//   - file: a regular file (a symbolic link to one is followed). Up to
//     StampHashLimit bytes, SHA256 is the hash of its content; a larger file is
//     recorded by Size and ModTime only (a backup archive of gigabytes is not
//     read twice to plan a drill).
//   - dir: a directory (backup repositories: restic, directory backups, a
//     directory of dumps or archives). SHA256 is the hash of its manifest:
//     every entry under it, depth first with each directory's entries in
//     order of name, one line "PATH\x00TYPE\x00SIZE\x00MTIME\n" (PATH slash-separated relative to the directory, TYPE f file, d
//     directory, l symbolic link, o anything else; SIZE in bytes and MTIME in
//     Unix nanoseconds for files and links, 0 for the others); Size is the
//     sum of those sizes. Symbolic links
//     inside are not followed and no file is opened. Entries counts them; a
//     directory of more than StampMaxEntries entries is not stamped (an
//     error). The top-level entries named in Skip are left out with
//     everything under them: restic writes lock files in locks/ even to read
//     a repository.
//   - other: a device, FIFO or socket (or a link to one): never opened, so
//     stamping never blocks on a FIFO nor reads /dev/zero without end.
//   - missing: nothing at the path when the drill was prepared; the step's
//     own check says what that means, unless the worker then sees something.
//   - unreadable: the path could not be stamped where the drill was prepared
//     (permission denied, an I/O error, a directory of more than
//     StampMaxEntries entries); Error says why. Nothing is known of what the
//     catalog's file held, so the worker cannot show that it sees it: the
//     step is inconclusive (see Unreadable), and the preflight names it
//     before T0.
type FileStamp struct {
	Path    string    `json:"path"` // absolute
	Kind    FileKind  `json:"kind"`
	SHA256  string    `json:"sha256,omitempty"`
	Size    int64     `json:"size,omitempty"`
	ModTime time.Time `json:"modTime,omitzero"` // files over StampHashLimit only
	Entries int       `json:"entries,omitempty"`
	Skip    []string  `json:"skip,omitempty"`
	Error   string    `json:"error,omitempty"` // unreadable only: why
	// Shipped says that the plan carries the file's content, so that a
	// worker that cannot see the catalog runs the step on that copy (see
	// ShipFileLimit); Content is it, for a file only.
	Shipped bool   `json:"shipped,omitempty"`
	Content []byte `json:"content,omitempty"`
	// Repo says where a file of a github: source lies in its repository at
	// the commit the drill was prepared on, so that a worker that cannot
	// see the catalog fetches it there (see RepoFile); nil for local files.
	Repo *RepoFile `json:"repo,omitempty"`
}

// FileKind is what a FileStamp found at its path.
type FileKind string

// The kinds of FileStamp.
const (
	FileRegular    FileKind = "file"
	FileDir        FileKind = "dir"
	FileOther      FileKind = "other"
	FileMissing    FileKind = "missing"
	FileUnreadable FileKind = "unreadable"
)

// Bounds of a FileStamp.
const (
	// StampHashLimit is the largest file whose content a stamp hashes.
	StampHashLimit = 64 << 20
	// StampMaxEntries is the most entries a directory's manifest holds.
	StampMaxEntries = 200_000
)

// StaleFile is how a step's reason begins when the worker sees a file other
// than the one the drill was planned on.
const StaleFile = "worker sees a different file than the catalog"

// UnreadableFile is how a step's reason says that a file it reads could not
// be read where the drill was prepared (see Unreadable).
const UnreadableFile = "could not be read where the drill was prepared"

// Unreadable says, for a stamp of kind unreadable, why its step cannot be
// attempted: "PATH could not be read where the drill was prepared
// (permission denied): the worker cannot show that it sees the catalog's
// file". It is "" for every other kind.
func (s FileStamp) Unreadable() string {
	if s.Kind != FileUnreadable {
		return ""
	}
	return fmt.Sprintf("%s %s (%s): the worker cannot show that it sees the catalog's file", s.Path, UnreadableFile, s.Error)
}

// Diff says how seen, the worker's stamp of the same path made with the same
// rules, differs from the planned stamp s ("" when it does not), in words
// that follow "PATH: ".
func (s FileStamp) Diff(seen FileStamp) string {
	switch {
	case s.Kind == FileUnreadable:
		return fmt.Sprintf("%s (%s)", UnreadableFile, s.Error)
	case seen.Kind != s.Kind && seen.Kind == FileMissing:
		return "missing on this worker"
	case seen.Kind != s.Kind:
		return fmt.Sprintf("planned %s, worker sees %s", kindWord(s.Kind), kindWord(seen.Kind))
	case s.Kind == FileDir && (s.SHA256 != seen.SHA256 || !slices.Equal(s.Skip, seen.Skip)):
		return fmt.Sprintf("the directory's manifest differs: planned %d entries, %d bytes (manifest sha256 %s), worker sees %d entries, %d bytes (%s)",
			s.Entries, s.Size, short(s.SHA256), seen.Entries, seen.Size, short(seen.SHA256))
	case s.Kind != FileRegular:
		return ""
	case s.Size != seen.Size:
		return fmt.Sprintf("size %d → %d bytes", s.Size, seen.Size)
	case s.SHA256 != seen.SHA256:
		return fmt.Sprintf("planned sha256 %s, worker sees %s", short(s.SHA256), short(seen.SHA256))
	case !s.ModTime.Equal(seen.ModTime):
		return fmt.Sprintf("size %d bytes, modified %s → %s", s.Size, s.ModTime.UTC().Format(time.RFC3339Nano), seen.ModTime.UTC().Format(time.RFC3339Nano))
	}
	return ""
}

func kindWord(k FileKind) string {
	switch k {
	case FileRegular:
		return "a file"
	case FileDir:
		return "a directory"
	case FileMissing:
		return "nothing"
	case FileUnreadable:
		return "something it cannot read"
	}
	return "neither a file nor a directory"
}

// short is the first 8 hex digits of a hash, with an ellipsis.
func short(h string) string {
	if len(h) <= 8 {
		return h
	}
	return h[:8] + "…"
}

package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// An addendum is a signed record made after a drill and chained to the
// drill's bundle: the after-action review. Its manifest names the SHA-256 of
// the drill bundle's manifest and the drill's signature, so it belongs to
// that one sealed drill and no other; each revision also names the manifest
// of the revision before it. Addenda live beside the bundle, in
// BUNDLE.review/NNN (see AddendumDir), where nothing that looks for bundles
// mistakes them for one.
const (
	AddendumFormat       = "exitdrill-addendum/v1"
	AddendumManifestFile = "addendum.json"
	AddendumSignFile     = "addendum.sig"
	ReviewFile           = "review.json"
	// ReviewDirSuffix follows a bundle's directory name to make the
	// directory of its review's revisions.
	ReviewDirSuffix = ".review"
)

// AddendumDir is the directory of revision rev of the review of the bundle
// in dir (slash or OS path: only the last element is added).
func AddendumDir(dir string, rev int) string {
	return dir + ReviewDirSuffix + "/" + fmt.Sprintf("%03d", rev)
}

// AddendumManifest is the manifest of one addendum revision.
type AddendumManifest struct {
	Format   string `json:"format"`
	Kind     string `json:"kind"` // review
	DrillID  string `json:"drillId"`
	Revision int    `json:"revision"`
	// Drill links the addendum to the sealed drill bundle.
	Drill Link `json:"drill"`
	// Previous is the manifest of the revision before; nil for the first.
	Previous *Link       `json:"previous,omitempty"`
	Files    []FileEntry `json:"files"`
	Signer   string      `json:"signer,omitempty"`
}

// Link names a sealed manifest by its SHA-256, with its signature (base64,
// as in its .sig file) when it has one.
type Link struct {
	ManifestSHA256 string `json:"manifestSha256"`
	Signature      string `json:"signature,omitempty"`
	Signer         string `json:"signer,omitempty"`
}

// MaxAddendumFile bounds each file of an addendum that is read: a review
// of MaxReviewItems entries of MaxReviewText characters in every list is
// far below it.
const MaxAddendumFile = 8 << 20

// readSmall reads a regular file of at most MaxAddendumFile bytes. It
// stats first, so that a named pipe or a device is never opened.
func readSmall(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("not a regular file (%s)", fileType(st.Mode()))
	case st.Size() > MaxAddendumFile:
		return nil, fmt.Errorf("%d bytes, more than the %d an addendum file may have", st.Size(), MaxAddendumFile)
	}
	data, err := fs.ReadFile(fsys, name)
	if err == nil && len(data) > MaxAddendumFile {
		return nil, fmt.Errorf("more than the %d bytes an addendum file may have", MaxAddendumFile)
	}
	return data, err
}

func (m *AddendumManifest) encode() []byte {
	data, _ := json.MarshalIndent(m, "", "  ") // plain strings and ints: cannot fail
	return append(data, '\n')
}

// LinkTo is the link to the sealed manifest held in fsys under manifest,
// with the signature beside it in sig (when present).
func LinkTo(fsys fs.FS, manifest, sig string) (Link, error) {
	raw, err := readSmall(fsys, manifest)
	if err != nil {
		return Link{}, fmt.Errorf("%s: %w", manifest, err)
	}
	l := Link{ManifestSHA256: contentHash(raw)}
	if s, err := readSmall(fsys, sig); err == nil {
		l.Signature = string(bytes.TrimSuffix(s, []byte("\n")))
	}
	var signer struct {
		Signer string `json:"signer"`
	}
	_ = json.Unmarshal(raw, &signer)
	l.Signer = signer.Signer
	return l, nil
}

// BuildAddendum makes the files of review revision r.Revision of the drill
// whose bundle is drillFS, signed by key: review.json, addendum.json and
// addendum.sig. prev is the link to the revision before (nil for the first).
// The drill bundle must be sealed; it is verified first, so a review is
// never chained to a bundle that was changed.
func BuildAddendum(r *Review, drillFS fs.FS, prev *Link, key ed25519.PrivateKey) (Files, error) {
	if _, err := Verify(drillFS, nil); err != nil {
		return nil, fmt.Errorf("the drill's bundle does not verify, a review cannot be chained to it: %w", err)
	}
	if (prev == nil) != (r.Revision == 1) {
		return nil, fmt.Errorf("review revision %d: the revision before is %v", r.Revision, prev)
	}
	link, err := LinkTo(drillFS, ManifestFile, SignatureFile)
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	files := Files{ReviewFile: append(data, '\n')}
	m := &AddendumManifest{Format: AddendumFormat, Kind: "review", DrillID: r.DrillID, Revision: r.Revision,
		Drill: link, Previous: prev}
	for _, p := range files.Paths() {
		m.Files = append(m.Files, FileEntry{Path: p, SHA256: contentHash(files[p]), Size: len(files[p])})
	}
	if key != nil {
		m.Signer = SignerID(key.Public().(ed25519.PublicKey))
	}
	raw := m.encode()
	files[AddendumManifestFile] = raw
	if key != nil {
		files[AddendumSignFile] = []byte(base64.StdEncoding.EncodeToString(ed25519.Sign(key, raw)) + "\n")
	}
	return files, nil
}

// AddendumVerification is what VerifyReview established.
type AddendumVerification struct {
	DrillID   string
	Revisions int
	// Signers are the keys that signed the revisions, in order ("" for an
	// unsigned one).
	Signers []string
	// Review is the latest revision.
	Review *Review
}

// VerifyReview checks the review addenda in reviewFS (the BUNDLE.review
// directory) against the drill's bundle in drillFS: the drill bundle
// verifies; every revision 001, 002, … is whole, unchanged and signed as its
// manifest says, names this drill's manifest and signature, and names the
// manifest of the revision before. The first problem is returned as a
// *Problem naming the revision's file.
func VerifyReview(reviewFS, drillFS fs.FS) (*AddendumVerification, error) {
	dv, err := Verify(drillFS, nil)
	if err != nil {
		return nil, fmt.Errorf("the drill's bundle: %w", err)
	}
	drillLink, err := LinkTo(drillFS, ManifestFile, SignatureFile)
	if err != nil {
		return nil, err
	}
	revs, err := revisionDirs(reviewFS)
	if err != nil {
		return nil, err
	}
	v := &AddendumVerification{DrillID: dv.DrillID, Revisions: len(revs)}
	var prev *Link
	for i, dir := range revs {
		sub := subdir{reviewFS, dir}
		m, r, err := verifyRevision(sub, dir, i+1, dv.DrillID, drillLink, prev)
		if err != nil {
			return nil, err
		}
		l, _ := LinkTo(sub, AddendumManifestFile, AddendumSignFile)
		prev, v.Review = &l, r
		v.Signers = append(v.Signers, m.Signer)
	}
	return v, nil
}

// revisionDirs lists the revision directories 001, 002, … and refuses
// anything else, or a gap.
func revisionDirs(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, &Problem{".", "unreadable: " + err.Error()}
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() {
			return nil, &Problem{e.Name(), "added: a review directory holds only revision directories 001, 002, …"}
		}
		dirs = append(dirs, e.Name())
	}
	sort.Strings(dirs)
	for i, d := range dirs {
		if want := fmt.Sprintf("%03d", i+1); d != want {
			return nil, &Problem{d, fmt.Sprintf("where revision %s belongs: a revision was removed or one added", want)}
		}
	}
	if len(dirs) == 0 {
		return nil, &Problem{".", "no review revision"}
	}
	return dirs, nil
}

func verifyRevision(fsys fs.FS, dir string, rev int, drillID string, drillLink Link, prev *Link) (*AddendumManifest, *Review, error) {
	where := func(f string) string { return path.Join(dir, f) }
	raw, err := readSmall(fsys, AddendumManifestFile)
	if err != nil {
		return nil, nil, &Problem{where(AddendumManifestFile), "missing or unreadable: " + err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var m AddendumManifest
	if err := dec.Decode(&m); err != nil || m.Format != AddendumFormat || !bytes.Equal(m.encode(), raw) {
		return nil, nil, &Problem{where(AddendumManifestFile), "changed: not an addendum manifest in its canonical form"}
	}
	if err := verifyAddendumSignature(fsys, dir, raw, &m); err != nil {
		return nil, nil, err
	}
	switch {
	case m.Revision != rev:
		return nil, nil, &Problem{where(AddendumManifestFile), fmt.Sprintf("says revision %d, stands where revision %d belongs", m.Revision, rev)}
	case m.DrillID != drillID || m.Drill != drillLink:
		return nil, nil, &Problem{where(AddendumManifestFile), fmt.Sprintf(
			"broken link: it is chained to drill %s manifest %.12s, the bundle beside it is drill %s manifest %.12s: the review belongs to another drill, or the drill's bundle was replaced",
			m.DrillID, m.Drill.ManifestSHA256, drillID, drillLink.ManifestSHA256)}
	case (prev == nil) != (m.Previous == nil) || prev != nil && *prev != *m.Previous:
		return nil, nil, &Problem{where(AddendumManifestFile), "broken link: it does not name the revision before it as that revision is: a revision was changed, removed or replaced"}
	}
	for _, f := range m.Files { // before verifyFiles reads them
		if st, err := fs.Stat(fsys, f.Path); err == nil && (!st.Mode().IsRegular() || st.Size() > MaxAddendumFile) {
			return nil, nil, &Problem{where(f.Path), fmt.Sprintf("not a regular file of at most %d bytes", MaxAddendumFile)}
		}
	}
	if err := verifyFiles(fsys, &Manifest{Files: m.Files}, listedFiles(m.Files, AddendumManifestFile, AddendumSignFile)); err != nil {
		if p, ok := err.(*Problem); ok {
			p.Where = where(p.Where)
		}
		return nil, nil, err
	}
	var r Review
	data, _ := readSmall(fsys, ReviewFile)
	if err := json.Unmarshal(data, &r); err != nil || r.DrillID != drillID || r.Revision != rev {
		return nil, nil, &Problem{where(ReviewFile), "not this drill's review of this revision"}
	}
	return &m, &r, nil
}

// listedFiles maps the manifest's files by path, with the manifest and
// signature files themselves, which verifyFiles skips by their bundle names.
func listedFiles(files []FileEntry, manifest, sig string) map[string]FileEntry {
	out := map[string]FileEntry{}
	for _, f := range files {
		out[f.Path] = f
	}
	out[manifest], out[sig] = FileEntry{}, FileEntry{}
	return out
}

func verifyAddendumSignature(fsys fs.FS, dir string, raw []byte, m *AddendumManifest) error {
	sigData, sigErr := readSmall(fsys, AddendumSignFile)
	at := path.Join(dir, AddendumSignFile)
	if m.Signer == "" {
		if sigErr == nil {
			return &Problem{at, "present, but the manifest names no signer"}
		}
		return nil
	}
	pub, ok := parseSignerID(m.Signer)
	if !ok {
		return &Problem{path.Join(dir, AddendumManifestFile), fmt.Sprintf("signer %q is not an ed25519 public key", m.Signer)}
	}
	if sigErr != nil {
		return &Problem{at, "missing, but the manifest says the addendum is signed by " + m.Signer}
	}
	sig, ok := parseSignature(sigData)
	if !ok || !ed25519.Verify(pub, raw, sig) {
		return &Problem{at, "the signature does not match the manifest: the addendum or its signature was changed"}
	}
	return nil
}

// subdir is the directory dir of fsys as a file system. Unlike fs.Sub's,
// its Stat does not open the file (fs.Sub's falls back to Open, which
// blocks on a named pipe) when fsys can stat.
type subdir struct {
	fsys fs.FS
	dir  string
}

func (s subdir) path(name, op string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(s.dir, name), nil
}

// Open implements fs.FS.
func (s subdir) Open(name string) (fs.File, error) {
	p, err := s.path(name, "open")
	if err != nil {
		return nil, err
	}
	return s.fsys.Open(p)
}

// Stat implements fs.StatFS.
func (s subdir) Stat(name string) (fs.FileInfo, error) {
	p, err := s.path(name, "stat")
	if err != nil {
		return nil, err
	}
	return fs.Stat(s.fsys, p)
}

package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Problem is the first thing found wrong with a bundle: where, and what.
type Problem struct {
	Where string // a file of the bundle, or "journal.jsonl line N (event ...)"
	What  string
}

func (p *Problem) Error() string { return p.Where + ": " + p.What }

// Verification is what Verify established about a sound bundle.
type Verification struct {
	DrillID string
	Events  int
	Files   int
	// Signer is the key that signed the bundle; empty for an unsigned bundle.
	Signer string
}

// Verify checks a bundle: the manifest is in canonical form and lists every
// file with its hash; the signature, when there is one, matches the manifest
// (and trusted, when given, is the key that made it); the journal's hash chain
// is whole and ends where the manifest says; the events' artifacts and
// definitions are the listed files. The first problem found is returned as a
// *Problem naming the event or file.
func Verify(fsys fs.FS, trusted ed25519.PublicKey) (*Verification, error) {
	raw, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		return nil, &Problem{ManifestFile, "missing or unreadable: not an evidence bundle, or its manifest was removed"}
	}
	m, err := decodeManifest(raw)
	if err != nil {
		return nil, &Problem{ManifestFile, err.Error()}
	}
	v := &Verification{DrillID: m.DrillID, Events: m.Journal.Events, Files: len(m.Files), Signer: m.Signer}
	if err := verifySignature(fsys, raw, m, trusted); err != nil {
		return nil, err
	}
	listed := map[string]FileEntry{}
	for _, f := range m.Files {
		listed[f.Path] = f
	}
	events, err := verifyJournal(fsys, m, listed)
	if err != nil {
		return nil, err
	}
	if id := startedDrillID(events); id != m.DrillID {
		return nil, &Problem{ManifestFile, fmt.Sprintf("names drill %q, the journal drill %q", m.DrillID, id)}
	}
	if err := verifyReferences(events, listed); err != nil {
		return nil, err
	}
	if err := verifyFiles(fsys, m, listed); err != nil {
		return nil, err
	}
	return v, nil
}

func decodeManifest(raw []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a valid manifest: %v", err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("format %q, want %q", m.Format, Format)
	}
	if !bytes.Equal(m.encode(), raw) {
		return nil, errors.New("changed: it is not byte for byte the manifest its own contents give")
	}
	if !sort.SliceIsSorted(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path }) {
		return nil, errors.New("changed: its files are out of order")
	}
	return &m, nil
}

func verifySignature(fsys fs.FS, raw []byte, m *Manifest, trusted ed25519.PublicKey) error {
	sigData, sigErr := fs.ReadFile(fsys, SignatureFile)
	if m.Signer == "" {
		if sigErr == nil {
			return &Problem{SignatureFile, "present, but the manifest names no signer"}
		}
		if trusted != nil {
			return &Problem{ManifestFile, "the bundle is unsigned, but a public key was given to check it against"}
		}
		return nil
	}
	pub, ok := parseSignerID(m.Signer)
	if !ok {
		return &Problem{ManifestFile, fmt.Sprintf("signer %q is not an ed25519 public key", m.Signer)}
	}
	if sigErr != nil {
		return &Problem{SignatureFile, "missing, but the manifest says the bundle is signed by " + m.Signer}
	}
	sig, ok := parseSignature(sigData)
	if !ok {
		return &Problem{SignatureFile, "not an ed25519 signature in base64"}
	}
	if !ed25519.Verify(pub, raw, sig) {
		return &Problem{SignatureFile, "the signature does not match the manifest: the manifest or the signature was changed"}
	}
	if trusted != nil && !pub.Equal(trusted) {
		return &Problem{SignatureFile, fmt.Sprintf("signed by %s, not by the public key given", m.Signer)}
	}
	return nil
}

func parseSignerID(s string) (ed25519.PublicKey, bool) {
	b64, ok := strings.CutPrefix(s, "ed25519:")
	if !ok {
		return nil, false
	}
	key, err := base64.StdEncoding.Strict().DecodeString(b64)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, false
	}
	return ed25519.PublicKey(key), true
}

// verifyJournal checks the hash chain line by line, so that a change is named
// by the event it hit.
func verifyJournal(fsys fs.FS, m *Manifest, listed map[string]FileEntry) ([]*Event, error) {
	if _, ok := listed[JournalFile]; !ok {
		return nil, &Problem{ManifestFile, "lists no " + JournalFile}
	}
	data, err := fs.ReadFile(fsys, JournalFile)
	if err != nil {
		return nil, &Problem{JournalFile, "removed"}
	}
	events, err := parseJournal(data)
	if err != nil {
		return nil, err
	}
	n, head := len(events), ""
	if n > 0 {
		head = events[n-1].Hash
	}
	if n != m.Journal.Events || head != m.Journal.Head {
		return nil, &Problem{fmt.Sprintf("%s line %d", JournalFile, n), fmt.Sprintf(
			"the journal has %d events ending in %.12s, the manifest records %d ending in %.12s: events were added or removed at the end, or the last event was changed",
			n, head, m.Journal.Events, m.Journal.Head)}
	}
	return events, nil
}

// parseJournal reads journal lines, checking each one's form, sequence and
// link to the one before.
func parseJournal(data []byte) ([]*Event, error) {
	if len(data) == 0 {
		return nil, &Problem{JournalFile, "empty"}
	}
	if data[len(data)-1] != '\n' {
		return nil, &Problem{JournalFile, "does not end with a newline: the last event was cut or changed"}
	}
	lines := bytes.Split(data[:len(data)-1], []byte("\n"))
	events := make([]*Event, 0, len(lines))
	prev := ""
	for i, line := range lines {
		where := fmt.Sprintf("%s line %d", JournalFile, i+1)
		e, err := decodeEvent(line)
		if err != nil {
			return nil, &Problem{where, err.Error()}
		}
		where += " (" + e.describe() + ")"
		if e.Seq != i+1 {
			return nil, &Problem{where, fmt.Sprintf("has seq %d where %d belongs: events were removed, reordered or inserted", e.Seq, i+1)}
		}
		if e.Prev != prev {
			return nil, &Problem{where, fmt.Sprintf("does not chain to line %d: line %d was changed (its hash is %.12s, this event's prev is %.12s)", i, i, prev, e.Prev)}
		}
		e.Hash = lineHash(line)
		prev = e.Hash
		events = append(events, e)
	}
	return events, nil
}

func decodeEvent(line []byte) (*Event, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var e Event
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("not a journal event: %v", err)
	}
	again, err := json.Marshal(&e)
	if err != nil || !bytes.Equal(again, line) {
		return nil, errors.New("changed: not byte for byte the event its own contents give")
	}
	return &e, nil
}

func (e *Event) describe() string {
	s := fmt.Sprintf("event %d, %s", e.Seq, e.Type)
	if e.Process != "" {
		s += " " + e.Process
	}
	if e.Step != "" {
		s += "/" + e.Step
	}
	return s
}

// verifyReferences checks that every artifact and definition an event names
// is a listed file with that hash.
func verifyReferences(events []*Event, listed map[string]FileEntry) error {
	for i, e := range events {
		where := fmt.Sprintf("%s line %d (%s)", JournalFile, i+1, e.describe())
		for _, a := range e.Artifacts {
			if f, ok := listed[a.Path]; !ok || f.SHA256 != a.SHA256 || f.Size != a.Size {
				return &Problem{where, fmt.Sprintf("its artifact %s (%s) is not in the manifest with that hash", a.Name, a.Path)}
			}
		}
		if e.Type == EventDrillStarted {
			var d struct {
				Definitions []DefinitionRef `json:"definitions"`
			}
			if err := json.Unmarshal(e.Data, &d); err != nil {
				return &Problem{where, "unreadable definitions: " + err.Error()}
			}
			for _, r := range d.Definitions {
				if f, ok := listed[r.Path]; !ok || f.SHA256 != r.SHA256 {
					return &Problem{where, fmt.Sprintf("its definition %s is not in the manifest with that hash", r.Path)}
				}
			}
		}
	}
	return nil
}

// verifyFiles compares the files present with the manifest: none added, none
// removed, none changed.
func verifyFiles(fsys fs.FS, m *Manifest, listed map[string]FileEntry) error {
	present := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symbolic link (to a manifest elsewhere, say) is not part of
			// what was sealed, whatever it points to.
			return &Problem{p, "not a regular file (" + fileType(d.Type()) + "): a bundle holds only regular files"}
		}
		if p == ManifestFile || p == SignatureFile {
			return nil
		}
		if _, ok := listed[p]; !ok {
			return &Problem{p, "added: the manifest does not list it"}
		}
		present[p] = true
		return nil
	})
	if err != nil {
		var pr *Problem
		if errors.As(err, &pr) {
			return pr
		}
		return &Problem{".", "unreadable: " + err.Error()}
	}
	for _, f := range m.Files {
		if !present[f.Path] {
			return &Problem{f.Path, "removed: the manifest lists it"}
		}
		data, err := fs.ReadFile(fsys, f.Path)
		if err != nil {
			return &Problem{f.Path, "unreadable: " + err.Error()}
		}
		if h := contentHash(data); h != f.SHA256 || len(data) != f.Size {
			return &Problem{f.Path, fmt.Sprintf("changed: SHA-256 %.12s, %d bytes; the manifest records %.12s, %d bytes", h, len(data), f.SHA256, f.Size)}
		}
	}
	return nil
}

// startedDrillID is the drill id the journal's first event records.
func startedDrillID(events []*Event) string {
	var d struct {
		DrillID string `json:"drillId"`
	}
	if len(events) > 0 && events[0].Type == EventDrillStarted {
		_ = json.Unmarshal(events[0].Data, &d)
	}
	return d.DrillID
}

// fileType names the type of a bundle entry that is not a regular file.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"testing/fstest"
)

// Format names the bundle format in its manifest.
const Format = "exitdrill-evidence/v1"

// Manifest lists every file of a bundle with its hash, and the head of the
// journal. It holds nothing that cannot be recomputed from the files, so
// Verify can rebuild it and compare byte for byte.
type Manifest struct {
	Format  string      `json:"format"`
	DrillID string      `json:"drillId"`
	Journal JournalHead `json:"journal"`
	Files   []FileEntry `json:"files"`
	// Signer is the ed25519 public key that signed the manifest
	// ("ed25519:" + base64); empty when the bundle is unsigned.
	Signer string `json:"signer,omitempty"`
}

// JournalHead is the length and last hash of the journal.
type JournalHead struct {
	Events int    `json:"events"`
	Head   string `json:"head"`
}

// FileEntry is one file of the bundle.
type FileEntry struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
}

// encode is the one canonical form of a manifest.
func (m *Manifest) encode() []byte {
	data, _ := json.MarshalIndent(m, "", "  ") // plain strings and ints: cannot fail
	return append(data, '\n')
}

// SignerID is how a public key is written in a manifest.
func SignerID(pub ed25519.PublicKey) string {
	return "ed25519:" + base64.StdEncoding.EncodeToString(pub)
}

// Seal adds the manifest of files, and a signature by key when key is not nil,
// to files and to b. After Seal nothing may be added to the bundle.
func Seal(b *Bundle, files Files, key ed25519.PrivateKey) error {
	for _, reserved := range []string{ManifestFile, SignatureFile} {
		if _, ok := files[reserved]; ok {
			return fmt.Errorf("evidence: bundle is sealed already (%s exists)", reserved)
		}
	}
	m := &Manifest{Format: Format, DrillID: b.DrillID, Files: []FileEntry{}}
	if n := len(b.Events); n > 0 {
		m.Journal = JournalHead{Events: n, Head: b.Events[n-1].Hash}
	}
	for _, p := range files.Paths() {
		m.Files = append(m.Files, FileEntry{Path: p, SHA256: contentHash(files[p]), Size: len(files[p])})
	}
	if key != nil {
		m.Signer = SignerID(key.Public().(ed25519.PublicKey))
	}
	data := m.encode()
	files[ManifestFile] = data
	if key != nil {
		sig := ed25519.Sign(key, data)
		files[SignatureFile] = []byte(base64.StdEncoding.EncodeToString(sig) + "\n")
	}
	b.Manifest, b.Signed, b.Signer = m, key != nil, m.Signer
	b.fsys = files.FS()
	return nil
}

// FS returns the files as a read-only file system.
func (f Files) FS() fs.FS {
	m := fstest.MapFS{}
	for p, data := range f {
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// parseSignature decodes a manifest.sig file.
func parseSignature(data []byte) ([]byte, bool) {
	text := bytes.TrimSuffix(data, []byte("\n"))
	sig, err := base64.StdEncoding.Strict().DecodeString(string(text))
	if err != nil || len(sig) != ed25519.SignatureSize || base64.StdEncoding.EncodeToString(sig)+"\n" != string(data) {
		return nil, false
	}
	return sig, true
}

// SignerKey returns the public key the manifest names as its signer.
func (m *Manifest) SignerKey() (ed25519.PublicKey, bool) { return parseSignerID(m.Signer) }

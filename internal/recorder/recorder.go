// Package recorder writes a drill's evidence bundle to disk: the activity that
// ends a drill, and the same pipeline for `exitdrill report`, which rebuilds a
// bundle from the server's history.
package recorder

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"go.temporal.io/sdk/temporal"
)

// RenderFunc renders the reports of a bundle, by file name (report.html, ...).
type RenderFunc func(*evidence.Bundle) (map[string][]byte, error)

// Recorder writes evidence bundles. Register it on a worker with Register.
type Recorder struct {
	// Key signs the bundles; nil writes unsigned bundles, which say so.
	Key ed25519.PrivateKey
	// Render adds the rendered reports under reports/; nil adds none.
	Render RenderFunc
}

// Make builds, renders and seals the bundle of in, in memory.
func (r *Recorder) Make(in drill.EvidenceInput) (*evidence.Bundle, evidence.Files, error) {
	defs, err := evidence.Unpack(in.Definitions)
	if err != nil {
		return nil, nil, err
	}
	b, files, err := evidence.Build(evidence.Input{Plan: in.Plan, Sources: in.Sources, Definitions: defs, Result: in.Result,
		StartedBy: in.StartedBy, Note: in.Note, Account: in.Account, Exercise: in.Exercise})
	if err != nil {
		return nil, nil, err
	}
	if r.Key != nil {
		b.Signer = evidence.SignerID(r.Key.Public().(ed25519.PublicKey)) // the reports say who signs
	}
	if r.Render != nil {
		out, err := r.Render(b)
		if err != nil {
			return nil, nil, fmt.Errorf("render reports: %w", err)
		}
		for name, data := range out {
			files[evidence.ReportsDir+"/"+name] = data
		}
	}
	if err := evidence.Seal(b, files, r.Key); err != nil {
		return nil, nil, err
	}
	return b, files, nil
}

// WriteEvidence is the activity that ends a drill: it writes the bundle to
// in.Dir, replacing an earlier one of the same drill as a whole. A directory
// that holds anything else — another drill's bundle above all — is never
// overwritten: the activity fails, unretried, saying so.
func (r *Recorder) WriteEvidence(_ context.Context, in drill.EvidenceInput) (*drill.EvidenceRef, error) {
	b, files, err := r.Make(in)
	if err != nil {
		return nil, err
	}
	if err := checkSameDrill(in.Dir, files); err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), "EvidenceExists", err)
	}
	if err := WriteDir(in.Dir, files); err != nil {
		return nil, err
	}
	return &drill.EvidenceRef{Dir: in.Dir, Manifest: evidenceHash(files[evidence.ManifestFile]), Signed: b.Signed}, nil
}

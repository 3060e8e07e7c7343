package evidence

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/exitdrill/exitdrill/drill"
)

// Load reads a bundle from fsys (its directory). It checks the journal's form
// but not the hashes of the files: call Verify for that.
func Load(fsys fs.FS) (*Bundle, error) {
	b := &Bundle{fsys: fsys}
	if raw, err := fs.ReadFile(fsys, ManifestFile); err == nil {
		m, err := decodeManifest(raw)
		if err != nil {
			return nil, &Problem{ManifestFile, err.Error()}
		}
		b.Manifest = m
		b.DrillID, b.Signer = m.DrillID, m.Signer
	}
	_, err := fs.Stat(fsys, SignatureFile)
	b.Signed = err == nil
	data, err := fs.ReadFile(fsys, JournalFile)
	if err != nil {
		return nil, fmt.Errorf("not an evidence bundle: %w", err)
	}
	if b.Events, err = parseJournal(data); err != nil {
		return nil, err
	}
	b.Plan = &drill.Plan{}
	b.Result = &drill.DrillResult{}
	for name, v := range map[string]any{PlanFile: b.Plan, ResultFile: b.Result, FindingsFile: &b.Findings} {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("evidence bundle: %w", err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			return nil, &Problem{name, "unreadable: " + err.Error()}
		}
	}
	if b.DrillID == "" {
		b.DrillID = b.Result.DrillID
	}
	if len(b.Events) > 0 && b.Events[0].Type == EventDrillStarted {
		var d struct {
			Sources     []drill.Source  `json:"sources"`
			Definitions []DefinitionRef `json:"definitions"`
			StartedBy   string          `json:"startedBy"`
			Note        string          `json:"note"`
			Account     string          `json:"account"`
			Exercise    *drill.Exercise `json:"exercise"`
		}
		if err := json.Unmarshal(b.Events[0].Data, &d); err != nil {
			return nil, &Problem{JournalFile + " line 1", "unreadable: " + err.Error()}
		}
		b.Sources, b.Definitions, b.StartedBy, b.Note, b.Account = d.Sources, d.Definitions, d.StartedBy, d.Note, d.Account
		b.Exercise = d.Exercise
	}
	return b, nil
}

package drill

// WriteEvidenceActivity is the name under which the evidence writer (package
// internal/recorder) registers its activity. The workflow calls it by name:
// the writer depends on this package, not the other way round.
const WriteEvidenceActivity = "WriteEvidence"

// EvidenceOptions say where a drill's evidence bundle goes: Dir, or else
// Root/<drill id>. With both empty no bundle is written.
type EvidenceOptions struct {
	Dir  string `json:"dir,omitempty"`
	Root string `json:"root,omitempty"`
}

// EvidenceInput is the input of the evidence activity: everything the bundle
// is made of.
type EvidenceInput struct {
	Dir         string       `json:"dir"`
	Plan        *Plan        `json:"plan"`
	Sources     []Source     `json:"sources,omitempty"`
	Definitions []byte       `json:"definitions,omitempty"`
	Result      *DrillResult `json:"result"`
	// StartedBy and Note are the drill's (see DrillInput); empty for drills
	// started before they existed, so their activity inputs stay the same.
	StartedBy string `json:"startedBy,omitempty"`
	Note      string `json:"note,omitempty"`
	Account   string `json:"account,omitempty"`
	// Exercise is the drill's (see DrillInput.Exercise).
	Exercise *Exercise `json:"exercise,omitempty"`
}

// EvidenceInput is the input of the evidence activity for the drill of in
// with result res, its bundle going to dir. The workflow and `exitdrill
// report` both build it here, so that a bundle rebuilt from the history is the
// one the drill wrote.
func (in DrillInput) EvidenceInput(dir string, res *DrillResult) EvidenceInput {
	return EvidenceInput{Dir: dir, Plan: in.Plan, Sources: in.Sources, Definitions: in.Definitions, Result: res,
		StartedBy: in.StartedBy, Note: in.Note, Account: in.Account, Exercise: in.Exercise}
}

// BundleDir is where a drill's bundle goes, or "" for nowhere.
func (o EvidenceOptions) BundleDir(drillID string) string {
	switch {
	case o.Dir != "":
		return o.Dir
	case o.Root != "":
		return o.Root + "/" + drillID
	}
	return ""
}

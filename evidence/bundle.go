package evidence

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

// Files of a bundle, relative to its directory.
const (
	JournalFile    = "journal.jsonl"
	ManifestFile   = "manifest.json"
	SignatureFile  = "manifest.sig"
	PlanFile       = "plan.json"
	ResultFile     = "result.json"
	FindingsFile   = "findings.json"
	DefinitionsDir = "definitions"
	ArtifactsDir   = "artifacts"
	ReportsDir     = "reports"
)

// Files are the files of a bundle by path, before they are written.
type Files map[string][]byte

// Paths returns the paths of the files, sorted.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Definition is a definition file the drill was planned from, with its content.
type Definition struct {
	// Path is where the file goes in the bundle, under definitions/: for
	// example "catalog/applications/platform.yaml" or "scenario.yaml".
	Path string `json:"path"`
	Data []byte `json:"data"`
}

// DefinitionRef names a definition file of a bundle and its hash.
type DefinitionRef struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
}

// Input is what a bundle is built from: the plan, the definitions it came
// from, the drill's result, and who started the drill and why.
type Input struct {
	Plan        *drill.Plan
	Sources     []drill.Source
	Definitions []Definition
	Result      *drill.DrillResult
	StartedBy   string
	Note        string
	Account     string // the OS account beside StartedBy (drill.DrillInput.Account)
	Exercise    *drill.Exercise
}

// Bundle is the evidence of one drill, built or loaded.
type Bundle struct {
	DrillID     string
	Plan        *drill.Plan
	Result      *drill.DrillResult
	Findings    []Finding
	Sources     []drill.Source
	Definitions []DefinitionRef
	// StartedBy and Note say who started the drill and why (the drill.started
	// event records them); empty in bundles of drills started before they
	// were recorded.
	StartedBy string
	Note      string
	// Account is the OS account of the command that started the drill,
	// recorded beside StartedBy; empty from the console and in older bundles.
	Account string
	// Exercise is the drill's hypothesis, participants and facilitators
	// (the drill.started event records them); nil when none were given.
	Exercise *drill.Exercise
	Events   []*Event
	// Manifest is nil until the bundle is sealed.
	Manifest *Manifest
	// Signed is true when the bundle carries a signature (see Verify for
	// whether it is valid).
	Signed bool
	// Signer names the key that signs the bundle ("ed25519:..."): set by Seal
	// and Load, and by a writer before it renders the reports; empty when the
	// bundle is unsigned.
	Signer string

	fsys fs.FS
}

// File returns the bytes of a file of the bundle.
func (b *Bundle) File(name string) ([]byte, error) { return fs.ReadFile(b.fsys, name) }

// StepEvent returns the journal event of a step, or nil.
func (b *Bundle) StepEvent(process, step string, rollback bool) *Event {
	for _, e := range b.Events {
		if e.Type == EventStep && e.Process == process && e.Step == step && stepIsRollback(e) == rollback {
			return e
		}
	}
	return nil
}

func stepIsRollback(e *Event) bool {
	var s struct {
		Rollback bool `json:"rollback"`
	}
	_ = json.Unmarshal(e.Data, &s)
	return s.Rollback
}

// Build makes the unsealed files of a bundle from in: journal, plan, result,
// findings, definitions and artifacts. It is deterministic: the same input
// gives the same bytes, so a bundle rebuilt from the server later is identical
// to the one the drill wrote.
func Build(in Input) (*Bundle, Files, error) {
	if in.Plan == nil || in.Result == nil {
		return nil, nil, fmt.Errorf("evidence: a bundle needs the drill's plan and result")
	}
	res := *in.Result
	res.Evidence = nil // where the bundle went is not part of it
	files := Files{}
	b := &Bundle{DrillID: res.DrillID, Plan: in.Plan, Result: &res, Findings: Findings(&res), Sources: in.Sources,
		StartedBy: in.StartedBy, Note: in.Note, Account: in.Account, Exercise: in.Exercise}
	for _, d := range in.Definitions {
		p, err := definitionPath(d.Path)
		if err != nil {
			return nil, nil, err
		}
		if _, dup := files[p]; dup {
			return nil, nil, fmt.Errorf("evidence: definition %s given twice", d.Path)
		}
		files[p] = d.Data
		b.Definitions = append(b.Definitions, DefinitionRef{Path: p, SHA256: contentHash(d.Data), Size: len(d.Data)})
	}
	sort.Slice(b.Definitions, func(i, j int) bool { return b.Definitions[i].Path < b.Definitions[j].Path })
	refs := map[string]ArtifactRef{}
	for name, v := range map[string]any{PlanFile: in.Plan, ResultFile: b.Result, FindingsFile: nonNil(b.Findings)} {
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, nil, fmt.Errorf("evidence: %s: %w", name, err)
		}
		data = append(data, '\n')
		files[name] = data
		refs[name] = ArtifactRef{Name: strings.TrimSuffix(name, ".json"), Path: name, SHA256: contentHash(data), Size: len(data)}
	}
	j, err := buildJournal(b, refs, files)
	if err != nil {
		return nil, nil, err
	}
	files[JournalFile] = j.buf.Bytes()
	b.Events = j.events
	b.fsys = files.FS()
	return b, files, nil
}

func nonNil(f []Finding) []Finding {
	if f == nil {
		return []Finding{}
	}
	return f
}

// definitionPath places a definition file under definitions/, refusing paths
// that would leave it.
func definitionPath(p string) (string, error) {
	clean := path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))
	if clean == "/" {
		return "", fmt.Errorf("evidence: definition with an empty path")
	}
	return DefinitionsDir + clean, nil
}

// artifact stores data by content hash and returns its reference.
func artifact(files Files, name string, data []byte) ArtifactRef {
	h := contentHash(data)
	p := ArtifactsDir + "/" + h
	files[p] = data
	return ArtifactRef{Name: name, Path: p, SHA256: h, Size: len(data)}
}

// pending is an event before it is chained: events are ordered by time first.
type pending struct {
	at              time.Time
	rank            int
	typ, proc, step string
	data            any
	arts            []ArtifactRef
}

var typeRank = map[string]int{EventDrillStarted: 0, EventProcessPlanned: 1, EventStep: 2, EventObservation: 2, EventProcessVerdict: 3, EventDrillAborted: 4, EventDrillFinished: 5, EventDrillNotified: 2, EventInject: 2}

func buildJournal(b *Bundle, refs map[string]ArtifactRef, files Files) (*journal, error) {
	res, plan := b.Result, b.Plan
	var ev []pending
	addEv := func(at time.Time, typ, proc, step string, data any, arts ...ArtifactRef) {
		ev = append(ev, pending{at: at, rank: typeRank[typ], typ: typ, proc: proc, step: step, data: data, arts: arts})
	}
	addEv(res.Started, EventDrillStarted, "", "", startedData(b), refs[PlanFile])
	for _, p := range plan.Processes {
		addEv(res.Started, EventProcessPlanned, p.ID, "", plannedData(p))
	}
	for _, p := range res.Processes {
		end := res.Started
		for _, group := range [][]*drill.StepResult{p.Steps, p.Rollback} {
			for _, s := range group {
				at := s.WallEnd
				if at.IsZero() {
					at = s.WallStart
				}
				if at.IsZero() {
					at = res.Started
				}
				if at.After(end) {
					end = at
				}
				data := *s
				data.Output = ""
				var arts []ArtifactRef
				if s.Output != "" {
					arts = append(arts, artifact(files, "output", []byte(s.Output)))
				}
				addEv(at, EventStep, p.Process, s.Step, &data, arts...)
			}
		}
		addEv(end, EventProcessVerdict, p.Process, "", verdictData(p))
	}
	for _, o := range res.Observations {
		addEv(o.At, EventObservation, o.Process, o.Step, o)
	}
	finished := res.Finished
	if finished.IsZero() {
		finished = res.Started
	}
	if res.Abort != nil {
		addEv(finished, EventDrillAborted, "", "", res.Abort)
	}
	for _, e := range res.Notifications {
		addEv(e.At, EventDrillNotified, "", "", e)
	}
	for _, in := range res.Injects {
		at := in.Delivered
		if at.IsZero() {
			at = finished
		}
		addEv(at, EventInject, "", "", in)
	}
	addEv(finished, EventDrillFinished, "", "", finishedData(b), refs[ResultFile], refs[FindingsFile])
	sort.SliceStable(ev, func(i, k int) bool {
		a, c := ev[i], ev[k]
		// The first and last events stay first and last whatever the clocks say.
		if (a.rank == 0) != (c.rank == 0) {
			return a.rank == 0
		}
		if (a.rank == 5) != (c.rank == 5) {
			return c.rank == 5
		}
		if !a.at.Equal(c.at) {
			return a.at.Before(c.at)
		}
		return a.rank < c.rank
	})
	j := &journal{}
	for _, e := range ev {
		if err := j.add(e.at, e.typ, e.proc, e.step, e.data, e.arts); err != nil {
			return nil, err
		}
	}
	return j, nil
}

// startedData is the data of the drill.started event: who started the drill
// and why, what it was planned from, and the tools the preflight found on
// the worker (drill.Plan.Tools), with their versions. StartedBy, Note,
// Account and Tools are left out when empty, so that the bundles of drills
// started before they were recorded are rebuilt byte for byte.
func startedData(b *Bundle) any {
	return struct {
		DrillID      string          `json:"drillId"`
		StartedBy    string          `json:"startedBy,omitempty"`
		Note         string          `json:"note,omitempty"`
		Account      string          `json:"account,omitempty"`
		Organisation string          `json:"organisation"`
		Scenario     drill.Info      `json:"scenario"`
		Processes    int             `json:"processes"`
		Unaffected   int             `json:"unaffected"`
		Sources      []drill.Source  `json:"sources,omitempty"`
		Definitions  []DefinitionRef `json:"definitions"`
		Tools        []drill.Tool    `json:"tools,omitempty"`
		Exercise     *drill.Exercise `json:"exercise,omitempty"`
	}{b.DrillID, b.StartedBy, b.Note, b.Account, b.Plan.Organisation, b.Plan.Scenario, len(b.Plan.Processes), b.Plan.Unaffected, b.Sources, nonNilDefs(b.Definitions), b.Plan.Tools, exercise(b.Exercise)}
}

// exercise is nil for an exercise that names nothing, so that such drills
// keep the bundles they had before exercises were recorded.
func exercise(e *drill.Exercise) *drill.Exercise {
	if e.Empty() {
		return nil
	}
	return e
}

func nonNilDefs(d []DefinitionRef) []DefinitionRef {
	if d == nil {
		return []DefinitionRef{}
	}
	return d
}

// ProcessData is the data of a process.planned event.
type ProcessData struct {
	Name     string   `json:"name,omitempty"`
	Owner    string   `json:"owner"`
	Critical bool     `json:"critical"`
	RTO      string   `json:"rto"`
	MTPD     string   `json:"mtpd"`
	RPO      string   `json:"rpo"`
	Paths    []string `json:"paths"`
	Runbook  string   `json:"runbook,omitempty"`
	Steps    []string `json:"steps"`
	Problem  string   `json:"problem,omitempty"`
	// DefinitionHash identifies the process's resolved definition (objectives,
	// dependency paths, runbook steps): when it changes, the drill is stale.
	DefinitionHash string `json:"definitionHash"`
}

func plannedData(p *drill.ProcessPlan) ProcessData {
	steps := []string{}
	for _, s := range p.Steps {
		steps = append(steps, s.ID)
	}
	return ProcessData{Name: p.Name, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO.String(), MTPD: p.MTPD.String(), RPO: p.RPO.String(),
		Paths: p.Paths, Runbook: p.Runbook, Steps: steps, Problem: p.Problem, DefinitionHash: ProcessDefinitionHash(p)}
}

// ProcessDefinitionHash is the SHA-256 of a process's resolved plan. Two drills
// of the same process under the same scenario have the same hash exactly when
// nothing the drill depends on changed.
//
// Where the catalog was read from is left out (the directories steps resolve
// against), so the same catalog given by another path is not a change. So is
// the coverage: it follows from the steps and the paths, which are hashed, and
// bundles made before plans carried it keep their hash.
func ProcessDefinitionHash(p *drill.ProcessPlan) string {
	q := *p
	q.Steps, q.Rollback = placeless(p.Steps), placeless(p.Rollback)
	q.Coverage = nil
	data, err := json.Marshal(&q)
	if err != nil {
		return ""
	}
	return contentHash(data)
}

// RunbookHash is the SHA-256 of a process's runbook as planned: its id, its
// steps and its rollback steps, without where the catalog was read from.
// Two drills ran the same runbook for the process exactly when it is equal.
func RunbookHash(p *drill.ProcessPlan) string {
	data, err := json.Marshal(struct {
		Runbook  string            `json:"runbook"`
		Steps    []*drill.StepPlan `json:"steps"`
		Rollback []*drill.StepPlan `json:"rollback"`
	}{p.Runbook, placeless(p.Steps), placeless(p.Rollback)})
	if err != nil {
		return ""
	}
	return contentHash(data)
}

func verdictData(p *drill.ProcessResult) any {
	return struct {
		Verdict    drill.Verdict   `json:"verdict"`
		Why        string          `json:"why"`
		Recovered  bool            `json:"recovered"`
		Recovery   string          `json:"recovery,omitempty"`
		FailedStep string          `json:"failedStep,omitempty"`
		DataLoss   *drill.DataLoss `json:"dataLoss,omitempty"`
	}{p.Verdict, p.Why, p.Recovered, durationText(p.Recovered, p.Recovery.String()), p.FailedStep, p.DataLoss}
}

func durationText(ok bool, s string) string {
	if !ok {
		return ""
	}
	return s
}

func finishedData(b *Bundle) any {
	counts := map[drill.Verdict]int{}
	for _, p := range b.Result.Processes {
		counts[p.Verdict]++
	}
	return struct {
		ObjectivesMet bool                  `json:"objectivesMet"`
		Verdicts      map[drill.Verdict]int `json:"verdicts"`
		Findings      int                   `json:"findings"`
	}{b.Result.ObjectivesMet, counts, len(b.Findings)}
}

// placeless copies steps without the directories they were resolved against
// and without the stamps of the files they read: those say where the catalog
// was and what its files held that day (a backup renewed nightly), not what
// the drill is.
func placeless(steps []*drill.StepPlan) []*drill.StepPlan {
	out := make([]*drill.StepPlan, len(steps))
	for i, st := range steps {
		c := *st
		c.BaseDir, c.Dir, c.Files = "", "", nil
		out[i] = &c
	}
	return out
}

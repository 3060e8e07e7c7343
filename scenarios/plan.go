package scenarios

import (
	"path"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// Plan is everything a drill needs, resolved from the catalog, the scenario and
// the runbooks: the impacted processes with their objectives, and for each the
// steps to execute with their targets looked up. It is plain data, the input of
// the Drill workflow, so that the workflow never reads a file.
type Plan struct {
	DrillID      string         `json:"drillId"`
	Organisation string         `json:"organisation"`
	Scenario     Info           `json:"scenario"`
	Processes    []*ProcessPlan `json:"processes"`
	Unaffected   int            `json:"unaffected"`
	Definitions  []string       `json:"definitions"` // files the plan was made from
}

// Info is the scenario as the drill sees it.
type Info struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	Duration  yamldoc.Duration `json:"duration"`
	Mode      string           `json:"mode"`
	TimeScale float64          `json:"timeScale"`
	Lost      []string         `json:"lost"`
	Down      []string         `json:"down"`
}

// ProcessPlan is one impacted process and how the drill recovers it.
type ProcessPlan struct {
	ID         string             `json:"id"`
	Name       string             `json:"name,omitempty"`
	Owner      string             `json:"owner"`
	Critical   bool               `json:"critical"`
	RTO        yamldoc.Duration   `json:"rto"`
	MTPD       yamldoc.Duration   `json:"mtpd"`
	RPO        yamldoc.Duration   `json:"rpo"`
	MBCO       string             `json:"mbco,omitempty"`
	Paths      []string           `json:"paths"`
	Assessment catalog.Assessment `json:"assessment"`
	Unusable   []catalog.Resource `json:"unusable,omitempty"`
	Runbook    string             `json:"runbook,omitempty"`
	Steps      []*StepPlan        `json:"steps"`
	Rollback   []*StepPlan        `json:"rollback,omitempty"`
	// Problem says why the process cannot be recovered at all (no runbook); the
	// drill then records it as not recovered without running anything.
	Problem string `json:"problem,omitempty"`
}

// StepPlan is a runbook step with everything resolved that its execution needs.
type StepPlan struct {
	ID       string               `json:"id"`
	Title    string               `json:"title,omitempty"`
	Kind     runbooks.StepKind    `json:"kind"`
	Target   string               `json:"target,omitempty"`
	After    []string             `json:"after,omitempty"` // explicit after, or the previous step
	Timeout  yamldoc.Duration     `json:"timeout,omitempty"`
	Expected yamldoc.Duration     `json:"expected,omitempty"`
	Retry    *runbooks.Retry      `json:"retry,omitempty"`
	Command  []string             `json:"command,omitempty"`
	Env      []string             `json:"env,omitempty"`
	Dir      string               `json:"dir,omitempty"` // working directory, resolved
	Image    string               `json:"image,omitempty"`
	Manual   *runbooks.Manual     `json:"manual,omitempty"`
	BaseDir  string               `json:"baseDir,omitempty"` // directory of the file that defines the target
	Backup   *catalog.Backup      `json:"backup,omitempty"`
	Alt      *catalog.Alternative `json:"alternative,omitempty"`
	App      string               `json:"application,omitempty"`
	ExitPlan *catalog.ExitPlan    `json:"exitPlan,omitempty"`
	// Unavailable is set when the target lives at a supplier that is down in the
	// scenario: the check fails for that reason without contacting it.
	Unavailable string `json:"unavailable,omitempty"`
	// Supplier is the contract of the supplier being exited (exitplan checks).
	Contract *catalog.Contract `json:"contract,omitempty"`
	// Forge is what a forge.mirror step checks.
	Forge *runbooks.Forge `json:"forge,omitempty"`
}

// NewPlan resolves a drill of scenario s on catalog c. It is pure and
// deterministic: the same inputs give the same plan.
func NewPlan(drillID string, c *catalog.Catalog, s *Scenario) *Plan {
	im := c.Impact(s.Loss())
	p := &Plan{
		DrillID: drillID, Organisation: c.Organisation, Unaffected: im.Unaffected, Definitions: c.Files,
		Scenario: Info{ID: s.ID, Title: s.Title, Duration: s.Duration, Mode: s.EffectiveMode(),
			TimeScale: s.EffectiveTimeScale(), Lost: im.Lost, Down: im.Down},
	}
	for _, pi := range im.Processes {
		p.Processes = append(p.Processes, planProcess(c, im, pi))
	}
	return p
}

func planProcess(c *catalog.Catalog, im *catalog.Impact, pi *catalog.ProcessImpact) *ProcessPlan {
	pr := pi.Process
	pp := &ProcessPlan{
		ID: pr.ID, Name: pr.Name, Owner: pr.Owner, Critical: pr.IsCritical(), RTO: pr.RTO, MTPD: pr.MTPD, RPO: pr.RPO,
		MBCO: pr.MBCO, Assessment: pi.Assessment, Unusable: pi.Unusable, Runbook: pr.Runbook,
	}
	for _, path := range pi.Paths {
		pp.Paths = append(pp.Paths, path.String())
	}
	rb := c.Runbooks[pr.Runbook]
	if rb == nil {
		pp.Problem = "no runbook: the process has no documented way to recover"
		return pp
	}
	for i, st := range rb.Steps {
		sp := planStep(c, im, rb, st)
		if len(sp.After) == 0 && i > 0 {
			sp.After = []string{rb.Steps[i-1].ID}
		}
		pp.Steps = append(pp.Steps, sp)
	}
	for i, st := range rb.Rollback {
		sp := planStep(c, im, rb, st)
		if i > 0 {
			sp.After = []string{rb.Rollback[i-1].ID}
		}
		pp.Rollback = append(pp.Rollback, sp)
	}
	return pp
}

func planStep(c *catalog.Catalog, im *catalog.Impact, rb *runbooks.Runbook, st *runbooks.Step) *StepPlan {
	rbDir := path.Dir(rb.Src.Pos.File)
	sp := &StepPlan{
		ID: st.ID, Title: st.Title, Kind: st.Kind(), Target: st.Target, After: st.After, Timeout: st.Timeout,
		Expected: st.Expected, Retry: st.Retry, Command: st.Command, Env: st.Env, Image: st.Image, Manual: st.Manual,
	}
	if sp.Kind == runbooks.Command {
		sp.Dir = catalog.Resolve(rb.Src.Pos.File, st.Dir)
		if st.Dir == "" {
			sp.Dir = rbDir
		}
	}
	if st.Forge != nil {
		sp.Forge = st.Forge
		sp.Unavailable = im.DownReason(st.Forge.Supplier)
	}
	tt, _ := sp.Kind.Target()
	switch tt {
	case runbooks.TargetBackup:
		b, app := c.Backup(st.Target)
		sp.Backup, sp.App, sp.BaseDir = b, app.ID, path.Dir(b.Src.Pos.File)
		sp.Unavailable = im.DownReason(b.HeldBy)
	case runbooks.TargetAlternative:
		a, app := c.Alternative(st.Target)
		sp.Alt, sp.App, sp.BaseDir = a, app.ID, path.Dir(a.Src.Pos.File)
		sp.Unavailable = im.DownReason(a.Supplier)
	case runbooks.TargetApplication:
		app := c.Application(st.Target)
		sp.App, sp.ExitPlan, sp.BaseDir = app.ID, app.ExitPlan, path.Dir(app.Src.Pos.File)
		if s := c.Supplier(app.Supplier); s != nil {
			sp.Contract = s.Contract
		}
	}
	return sp
}

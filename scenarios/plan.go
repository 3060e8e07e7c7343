package scenarios

import (
	"slices"

	"path"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/runbooks"
)

// NewPlan resolves a drill of scenario s on catalog c. It is pure and
// deterministic: the same inputs give the same plan.
func NewPlan(drillID string, c *catalog.Catalog, s *Scenario) *drill.Plan {
	im := c.Impact(s.Loss())
	p := &drill.Plan{
		DrillID: drillID, Organisation: c.Organisation, Unaffected: im.Unaffected, Definitions: c.Files,
		Scenario: drill.Info{ID: s.ID, Title: s.Title, Duration: s.Duration, Mode: s.EffectiveMode(),
			TimeScale: s.EffectiveTimeScale(), Lost: im.Lost, Down: im.Down, Names: supplierNames(c, im.Down)},
	}
	p.Injects = planInjects(s, c, im.Processes)
	for _, pi := range im.Processes {
		p.Processes = append(p.Processes, planProcess(c, im, pi))
	}
	return p
}

func planProcess(c *catalog.Catalog, im *catalog.Impact, pi *catalog.ProcessImpact) *drill.ProcessPlan {
	pr := pi.Process
	pp := &drill.ProcessPlan{
		ID: pr.ID, Name: pr.Name, Owner: pr.Owner, Critical: pr.IsCritical(), RTO: pr.RTO, MTPD: pr.MTPD, RPO: pr.RPO,
		MBCO: pr.MBCO, Assessment: pi.Assessment, Unusable: pi.Unusable, Runbook: pr.Runbook, Coverage: pi.Coverage,
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
		// A step without after waits for the one before it; an explicit
		// after: [] has no prerequisites and starts at T0.
		if len(sp.After) == 0 && i > 0 && !st.Src.Has("after") {
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

func planStep(c *catalog.Catalog, im *catalog.Impact, rb *runbooks.Runbook, st *runbooks.Step) *drill.StepPlan {
	rbDir := path.Dir(rb.Src.Pos.File)
	sp := &drill.StepPlan{
		ID: st.ID, Title: st.Title, Kind: st.Kind(), Target: st.Target, After: st.After, Timeout: st.Timeout,
		Expected: st.Expected, Retry: st.Retry, Command: st.Command, Env: st.Env, Image: st.Image, Limits: st.Limits, Manual: st.Manual, Covers: st.Covers, RunsOn: st.RunsOn,
	}
	if sp.Kind == drill.Command {
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
	case drill.TargetBackup:
		b, app := c.Backup(st.Target)
		sp.Backup, sp.App, sp.BaseDir = b, app.ID, path.Dir(b.Src.Pos.File)
		sp.Unavailable = im.DownReason(b.HeldBy)
	case drill.TargetAlternative:
		a, app := c.Alternative(st.Target)
		sp.Alt, sp.App, sp.BaseDir = a, app.ID, path.Dir(a.Src.Pos.File)
		sp.Unavailable = im.DownReason(a.Supplier)
	case drill.TargetApplication:
		app := c.Application(st.Target)
		sp.App, sp.ExitPlan, sp.BaseDir = app.ID, app.ExitPlan, path.Dir(app.Src.Pos.File)
		if sp.Kind == drill.ExitPlanCurrent {
			sp.ExitPlanSections = c.ExitPlanSections
		}
		if s := c.Supplier(app.Supplier); s != nil {
			sp.Contract = s.Contract
		}
	}
	return sp
}

// supplierNames are the display names of the given suppliers, by id.
func supplierNames(c *catalog.Catalog, ids []string) map[string]string {
	names := map[string]string{}
	for _, sup := range c.Suppliers {
		if sup.Name != "" && slices.Contains(ids, sup.ID) {
			names[sup.ID] = sup.Name
		}
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

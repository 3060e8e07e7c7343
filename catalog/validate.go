package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// validator checks the merged catalog: references resolve, graphs have no cycles,
// objectives are consistent and referenced files exist.
type validator struct {
	c    *Catalog
	fsys fs.FS
	errs *yamldoc.List
}

func validate(fsys fs.FS, c *Catalog, rbs []*runbooks.Runbook, errs *yamldoc.List) {
	v := &validator{c: c, fsys: fsys, errs: errs}
	for _, s := range c.Suppliers {
		v.supplier(s)
	}
	for _, a := range c.Applications {
		v.application(a)
	}
	for _, p := range c.Processes {
		v.process(p)
	}
	v.contacts()
	v.exitPlanSections()
	for _, rb := range rbs {
		runbooks.Validate(rb, errs)
		v.runbook(rb)
	}
	v.cycles()
}

// ref reports a dangling reference to a noun, listing what exists when short.
func (v *validator) ref(src yamldoc.Source, key, id, noun string, exists bool, known func() []string) {
	if id == "" || exists {
		return
	}
	ids := known()
	problem := "unknown " + noun
	if near := nearest(id, ids); near != "" {
		problem += fmt.Sprintf(" (did you mean %q?)", near)
	}
	v.errs.AddAt(src, key, id, problem, allowedIDs(noun, ids))
}

func allowedIDs(noun string, ids []string) string {
	slices.Sort(ids)
	if len(ids) == 0 {
		return "no " + noun + " is defined"
	}
	if len(ids) > 12 {
		return "one of the " + strconv.Itoa(len(ids)) + " defined " + noun + " ids, for example " + strings.Join(ids[:12], ", ")
	}
	return "a defined " + noun + " id: " + strings.Join(ids, ", ")
}

func (v *validator) supplierIDs() []string { return keys(v.c.suppliers) }

func (v *validator) supplier(s *Supplier) {
	if s.Jurisdiction != "" && !yamldoc.IsCountryCode(s.Jurisdiction) {
		v.errs.AddAt(s.Src, "jurisdiction", s.Jurisdiction, "not an ISO 3166-1 alpha-2 country code", "two capital letters, for example NL, DE, US")
	}
	for _, sp := range s.Subprocessors {
		if sp == s.ID {
			v.errs.AddAt(s.Src, "subprocessors", sp, "a supplier cannot be its own subprocessor", "")
			continue
		}
		v.ref(s.Src, "subprocessors", sp, "supplier", v.c.suppliers[sp] != nil, v.supplierIDs)
	}
}

func (v *validator) application(a *Application) {
	v.ref(a.Src, "supplier", a.Supplier, "supplier", v.c.suppliers[a.Supplier] != nil, v.supplierIDs)
	for _, d := range a.DependsOn {
		if d == a.ID {
			v.errs.AddAt(a.Src, "dependsOn", d, "an application cannot depend on itself", "")
			continue
		}
		v.ref(a.Src, "dependsOn", d, "application", v.c.applications[d] != nil, func() []string { return keys(v.c.applications) })
	}
	for _, b := range a.Backups {
		v.backup(b)
	}
	for _, x := range a.Alternatives {
		v.ref(x.Src, "supplier", x.Supplier, "supplier", v.c.suppliers[x.Supplier] != nil, v.supplierIDs)
	}
	if e := a.ExitPlan; e != nil {
		v.ref(e.Src, "target", e.Target, "supplier", v.c.suppliers[e.Target] != nil, v.supplierIDs)
		if e.Target != "" && e.Target == a.Supplier {
			v.errs.AddAt(e.Src, "target", e.Target, "the exit target is the supplier being exited", "another supplier id")
		}
		v.file(e.Src, "document", e.Document)
		for _, x := range e.Exports {
			if x != nil {
				v.file(x.Src, "path", x.Path)
			}
		}
	}
}

func (v *validator) backup(b *drill.Backup) {
	v.ref(b.Src, "heldBy", b.HeldBy, "supplier", v.c.suppliers[b.HeldBy] != nil, v.supplierIDs)
	if b.Kind == drill.Restic && b.PasswordEnv == "" {
		v.errs.Add(b.Src.Pos, b.Src.Key("passwordEnv"), "", "missing required key for a restic backup", "the name of the environment variable that holds the repository password")
	}
	if b.PasswordEnv != "" && !yamldoc.IsEnvName(b.PasswordEnv) {
		v.errs.AddAt(b.Src, "passwordEnv", b.PasswordEnv, "not an environment variable name (never write the password itself)", "letters, digits and _, for example PARKEREN_RESTIC_PASSWORD")
	}
	if len(b.Verify) > 0 && b.Kind != drill.PgDump {
		v.errs.AddAt(b.Src, "verify", "", "verification queries are only for pgdump backups", "")
	}
	if b.Sandbox != nil && b.Kind != drill.PgDump {
		v.errs.AddAt(b.Src, "sandbox", "", "a container sandbox is only for pgdump backups", "")
	}
	if b.Sandbox != nil {
		b.Sandbox.Limits.Check(v.errs)
	}
}

// file checks that a file referenced from a definition exists. Relative paths are
// relative to the file that references them.
func (v *validator) file(src yamldoc.Source, key, name string) {
	if name == "" {
		return
	}
	p := Resolve(src.Pos.File, name)
	if _, err := fs.Stat(v.fsys, p); err != nil {
		v.errs.AddAt(src, key, name, "referenced file does not exist (looked for "+p+")", "a path relative to "+src.Pos.File)
	}
}

// Resolve returns ref relative to the directory of the definition file that
// names it; absolute references are returned unchanged.
func Resolve(defFile, ref string) string {
	if path.IsAbs(ref) || defFile == "" {
		return ref
	}
	return path.Join(path.Dir(defFile), ref)
}

func (v *validator) process(p *Process) {
	if len(p.Applications) == 0 && p.Src.Has("applications") {
		v.errs.AddAt(p.Src, "applications", "", "a process needs at least one application", "application ids")
	}
	for _, id := range p.Applications {
		v.ref(p.Src, "applications", id, "application", v.c.applications[id] != nil, func() []string { return keys(v.c.applications) })
	}
	if p.RTO > 0 && p.MTPD > 0 && p.RTO > p.MTPD {
		v.errs.AddAt(p.Src, "rto", p.RTO.String(), "rto is longer than mtpd "+p.MTPD.String(), "rto <= mtpd: the process must be recovered before the disruption becomes intolerable")
	}
	if p.Runbook != "" {
		v.ref(p.Src, "runbook", p.Runbook, "runbook", v.c.Runbooks[p.Runbook] != nil, func() []string { return keys(v.c.Runbooks) })
	}
}

func (v *validator) runbook(rb *runbooks.Runbook) {
	v.runbookInjects(rb)
	for _, list := range [][]*runbooks.Step{rb.Steps, rb.Rollback} {
		for _, s := range list {
			if s != nil {
				v.stepTarget(s)
			}
			if s != nil {
				for _, a := range s.Covers {
					v.ref(s.Src, "covers", a, "application", v.c.applications[a] != nil, func() []string { return keys(v.c.applications) })
				}
			}
			if s != nil && s.Forge != nil {
				v.ref(s.Forge.Src, "supplier", s.Forge.Supplier, "supplier", v.c.suppliers[s.Forge.Supplier] != nil, func() []string { return keys(v.c.suppliers) })
			}
		}
	}
}

// stepTarget checks that a check's target names a catalog object of the type the
// check examines.
func (v *validator) stepTarget(s *runbooks.Step) {
	kind := s.Kind()
	want, ok := kind.Target()
	if !ok || want == drill.NoTarget || s.Target == "" {
		return
	}
	got := v.targetType(s.Target, want)
	switch {
	case got == "":
		v.errs.AddAt(s.Src, "target", s.Target, "unknown target", v.needs(kind, want))
	case got != want:
		v.errs.AddAt(s.Src, "target", s.Target, "target is "+article(string(got))+", but "+string(kind)+" needs "+article(string(want)), allowedIDs(string(want), v.idsOf(want)))
	case want == drill.TargetApplication && v.c.applications[s.Target].ExitPlan == nil:
		v.errs.AddAt(s.Src, "target", s.Target, "application has no exitPlan to check", "an application with an exitPlan")
	case want == drill.TargetAlternative && (kind == drill.HostingHealthy || kind == drill.HostingTLS) && v.c.alternatives[s.Target].Health == nil:
		v.errs.AddAt(s.Src, "target", s.Target, "alternative has no health URL to check", "an alternative with health.url")
	case kind == drill.HostingTLS && !strings.HasPrefix(v.c.alternatives[s.Target].Health.URL, "https://"):
		v.errs.AddAt(s.Src, "target", s.Target, "hosting.tls needs an https:// health URL", "an alternative whose health.url starts with https://")
	}
}

// needs says what a check's target must name, also when nothing of that type
// is defined.
func (v *validator) needs(kind drill.StepKind, want drill.TargetType) string {
	ids := v.idsOf(want)
	if len(ids) > 0 {
		return string(kind) + " needs " + allowedIDs(string(want), ids)
	}
	noun := string(want)
	if want == drill.TargetApplication {
		noun += " with an exitPlan"
	}
	return string(kind) + " needs " + article(string(want)) + " id, but no " + noun + " is defined"
}

// targetType returns the type of catalog object id names, want first: ids are
// unique per type only, so a backup and an application may share one.
func (v *validator) targetType(id string, want drill.TargetType) drill.TargetType {
	switch {
	case want == drill.TargetBackup && v.c.backups[id] != nil,
		want == drill.TargetAlternative && v.c.alternatives[id] != nil,
		want == drill.TargetApplication && v.c.applications[id] != nil:
		return want
	case v.c.backups[id] != nil:
		return drill.TargetBackup
	case v.c.alternatives[id] != nil:
		return drill.TargetAlternative
	case v.c.applications[id] != nil:
		return drill.TargetApplication
	}
	return ""
}

func (v *validator) idsOf(t drill.TargetType) []string {
	switch t {
	case drill.TargetBackup:
		return keys(v.c.backups)
	case drill.TargetAlternative:
		return keys(v.c.alternatives)
	default:
		var ids []string
		for _, a := range v.c.Applications {
			if a.ExitPlan != nil {
				ids = append(ids, a.ID)
			}
		}
		return ids
	}
}

func article(noun string) string {
	if strings.ContainsAny(noun[:1], "aeiou") {
		return "an " + noun
	}
	return "a " + noun
}

func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

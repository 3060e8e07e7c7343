// Package catalog is the business-impact model: suppliers, the applications they
// run, the business processes that use them with their recovery objectives, and
// the runbooks that recover those processes. It loads and validates catalog
// files, builds the dependency graph and answers what a supplier loss impacts.
// It does no I/O beyond reading the definition files it is given.
package catalog

import (
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// Kind is the value of the kind key of a catalog document.
const Kind = "Catalog"

// Catalog is the merged content of one or more catalog documents together with
// the runbooks found beside them. Build it with [Load] or [FromDocuments]; the
// lookup maps are filled there and the catalog is read-only afterwards.
type Catalog struct {
	Organisation string                       `json:"organisation"`
	Suppliers    []*Supplier                  `json:"suppliers"`
	Applications []*Application               `json:"applications"`
	Processes    []*Process                   `json:"processes"`
	Runbooks     map[string]*runbooks.Runbook `json:"runbooks"`
	// Contacts are the people to notify, by role (see package internal/notify).
	Contacts []*drill.RoleContacts `json:"contacts,omitempty"`
	// ExitPlanSections maps the organisation's exit-plan headings to the
	// required sections (nil: the built-in headings only).
	ExitPlanSections *drill.ExitPlanSections `json:"exitPlanSections,omitempty"`
	// Files lists the definition files read, in order, for the evidence.
	Files []string `json:"files"`
	// ScenarioFiles lists the files under the catalog's paths that hold
	// Scenario documents, in order: package scenarios finds a scenario
	// there by its id.
	ScenarioFiles []string `json:"-"`

	suppliers    map[string]*Supplier
	applications map[string]*Application
	processes    map[string]*Process
	backups      map[string]*drill.Backup
	alternatives map[string]*drill.Alternative
	backupApp    map[string]*Application
	altApp       map[string]*Application
}

// Document is the YAML form of one catalog document; several are merged.
type Document struct {
	yamldoc.Header `yaml:",inline"`
	Organisation   string                `yaml:"organisation" json:"organisation" doc:"The organisation the catalog describes; every document of a catalog names the same one."`
	Suppliers      []*Supplier           `yaml:"suppliers" json:"suppliers,omitempty" doc:"Suppliers and their subprocessors (fourth parties)."`
	Applications   []*Application        `yaml:"applications" json:"applications,omitempty" doc:"Applications, who runs them, their backups, alternatives and exit plan."`
	Processes      []*Process            `yaml:"processes" json:"processes,omitempty" doc:"Business processes with their recovery objectives."`
	Contacts       []*drill.RoleContacts `yaml:"contacts" json:"contacts,omitempty" doc:"Who to notify, per role that manual steps name: people with their email address and webhook channel, and a deputy role for escalations. Channels and secrets live in the notifications config, not here."`
	// ExitPlanSections is written in at most one document of a catalog.
	ExitPlanSections *drill.ExitPlanSections `yaml:"exitPlanSections" json:"exitPlanSections,omitempty" doc:"The organisation's own exit-plan headings for each section exitplan.current requires, in addition to the Dutch and English headings it recognises out of the box."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Supplier is an organisation that runs applications or holds data.
type Supplier struct {
	ID            string          `yaml:"id" json:"id" required:"true" doc:"Unique supplier id."`
	Name          string          `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Jurisdiction  string          `yaml:"jurisdiction" json:"jurisdiction,omitempty" doc:"ISO 3166-1 alpha-2 country whose law governs the supplier, for example US or NL." example:"NL"`
	Subprocessors []string        `yaml:"subprocessors" json:"subprocessors,omitempty" doc:"Supplier ids this supplier itself depends on (fourth parties)."`
	Contract      *drill.Contract `yaml:"contract" json:"contract,omitempty" doc:"Exit-relevant contract terms."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Application is a system a process uses, run by one supplier.
type Application struct {
	ID           string               `yaml:"id" json:"id" required:"true" doc:"Unique application id."`
	Name         string               `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Model        string               `yaml:"model" json:"model,omitempty" enum:"saas,paas,iaas,onprem" what:"service model" doc:"Service model."`
	Supplier     string               `yaml:"supplier" json:"supplier" required:"true" doc:"Id of the supplier that runs the application."`
	DependsOn    []string             `yaml:"dependsOn" json:"dependsOn,omitempty" doc:"Ids of other applications this one needs."`
	Backups      []*drill.Backup      `yaml:"backups" json:"backups,omitempty" doc:"Copies of the application's data."`
	Alternatives []*drill.Alternative `yaml:"alternatives" json:"alternatives,omitempty" doc:"Alternative hosting the application can be switched to."`
	ExitPlan     *drill.ExitPlan      `yaml:"exitPlan" json:"exitPlan,omitempty" doc:"How to leave the supplier."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Process is a business process with its recovery objectives.
type Process struct {
	ID           string         `yaml:"id" json:"id" required:"true" doc:"Unique process id."`
	Name         string         `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Owner        string         `yaml:"owner" json:"owner" required:"true" doc:"Who owns the process (a department or role)."`
	Critical     *bool          `yaml:"critical" json:"critical,omitempty" doc:"Whether the process is critical (default true: a business-impact catalog lists critical processes)."`
	MTPD         drill.Duration `yaml:"mtpd" json:"mtpd" required:"true" doc:"Maximum tolerable period of disruption."`
	RTO          drill.Duration `yaml:"rto" json:"rto" required:"true" doc:"Recovery time objective; at most the MTPD."`
	RPO          drill.Duration `yaml:"rpo" json:"rpo" required:"true" doc:"Recovery point objective: the oldest acceptable last copy."`
	MBCO         string         `yaml:"mbco" json:"mbco,omitempty" doc:"Minimum business continuity objective."`
	Applications []string       `yaml:"applications" json:"applications" required:"true" doc:"Ids of the applications the process uses."`
	Runbook      string         `yaml:"runbook" json:"runbook,omitempty" doc:"Id of the runbook that recovers the process."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// IsCritical reports whether the process is critical (the default).
func (p *Process) IsCritical() bool { return p.Critical == nil || *p.Critical }

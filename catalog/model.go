// Package catalog is the business-impact model: suppliers, the applications they
// run, the business processes that use them with their recovery objectives, and
// the runbooks that recover those processes. It loads and validates catalog
// files, builds the dependency graph and answers what a supplier loss impacts.
// It does no I/O beyond reading the definition files it is given.
package catalog

import (
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
	// Files lists the definition files read, in order, for the evidence.
	Files []string `json:"files"`

	suppliers    map[string]*Supplier
	applications map[string]*Application
	processes    map[string]*Process
	backups      map[string]*Backup
	alternatives map[string]*Alternative
	backupApp    map[string]*Application
	altApp       map[string]*Application
}

// Document is the YAML form of one catalog document; several are merged.
type Document struct {
	yamldoc.Header `yaml:",inline"`
	Organisation   string         `yaml:"organisation" json:"organisation" doc:"The organisation the catalog describes; every document of a catalog names the same one."`
	Suppliers      []*Supplier    `yaml:"suppliers" json:"suppliers,omitempty" doc:"Suppliers and their subprocessors (fourth parties)."`
	Applications   []*Application `yaml:"applications" json:"applications,omitempty" doc:"Applications, who runs them, their backups, alternatives and exit plan."`
	Processes      []*Process     `yaml:"processes" json:"processes,omitempty" doc:"Business processes with their recovery objectives."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Supplier is an organisation that runs applications or holds data.
type Supplier struct {
	ID            string    `yaml:"id" json:"id" required:"true" doc:"Unique supplier id."`
	Name          string    `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Jurisdiction  string    `yaml:"jurisdiction" json:"jurisdiction,omitempty" doc:"ISO 3166-1 alpha-2 country whose law governs the supplier, for example US or NL." example:"NL"`
	Subprocessors []string  `yaml:"subprocessors" json:"subprocessors,omitempty" doc:"Supplier ids this supplier itself depends on (fourth parties)."`
	Contract      *Contract `yaml:"contract" json:"contract,omitempty" doc:"Exit-relevant contract terms."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Contract holds the contract terms that matter for an exit.
type Contract struct {
	NoticePeriod   yamldoc.Duration `yaml:"noticePeriod" json:"noticePeriod,omitempty" doc:"Notice period for termination."`
	ExitAssistance yamldoc.Duration `yaml:"exitAssistance" json:"exitAssistance,omitempty" doc:"How long the supplier must assist an exit after termination."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Application is a system a process uses, run by one supplier.
type Application struct {
	ID           string         `yaml:"id" json:"id" required:"true" doc:"Unique application id."`
	Name         string         `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Model        string         `yaml:"model" json:"model,omitempty" enum:"saas,paas,iaas,onprem" what:"service model" doc:"Service model."`
	Supplier     string         `yaml:"supplier" json:"supplier" required:"true" doc:"Id of the supplier that runs the application."`
	DependsOn    []string       `yaml:"dependsOn" json:"dependsOn,omitempty" doc:"Ids of other applications this one needs."`
	Backups      []*Backup      `yaml:"backups" json:"backups,omitempty" doc:"Copies of the application's data."`
	Alternatives []*Alternative `yaml:"alternatives" json:"alternatives,omitempty" doc:"Alternative hosting the application can be switched to."`
	ExitPlan     *ExitPlan      `yaml:"exitPlan" json:"exitPlan,omitempty" doc:"How to leave the supplier."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Backup is a copy of an application's data, held by a supplier (possibly the
// organisation itself).
type Backup struct {
	ID          string           `yaml:"id" json:"id" required:"true" doc:"Unique backup id (unique across the catalog)."`
	Kind        string           `yaml:"kind" json:"kind" required:"true" enum:"restic,pgdump,archive,directory" what:"backup kind" doc:"How the copy is stored."`
	Location    string           `yaml:"location" json:"location" required:"true" doc:"Repository, file or directory of the copy; relative paths are relative to the catalog file."`
	PasswordEnv string           `yaml:"passwordEnv" json:"passwordEnv,omitempty" doc:"Name of the environment variable holding the repository password (restic)."`
	HeldBy      string           `yaml:"heldBy" json:"heldBy" required:"true" doc:"Id of the supplier where the copy lives."`
	Every       yamldoc.Duration `yaml:"every" json:"every,omitempty" doc:"Expected interval between backups."`
	Verify      []*Verify        `yaml:"verify" json:"verify,omitempty" doc:"Queries run against the restored database (pgdump)."`
	Sandbox     *Sandbox         `yaml:"sandbox" json:"sandbox,omitempty" doc:"Where backup.restore restores a pgdump backup: by default a PostgreSQL started on the worker; with container, one in a container."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Sandbox is where a restore runs when not directly on the worker.
type Sandbox struct {
	Container string `yaml:"container" json:"container" required:"true" doc:"Image of a PostgreSQL server on the worker's Docker Engine (Debian layout: /usr/lib/postgresql/N/bin, a postgres user, sh) to restore into; nothing is pulled."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Verify is a query run against a restored database and the least result it must
// return.
type Verify struct {
	Query   string `yaml:"query" json:"query" required:"true" doc:"A SQL query returning one number."`
	AtLeast int64  `yaml:"atLeast" json:"atLeast" doc:"The least value the query must return."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Alternative is hosting an application can be switched to.
type Alternative struct {
	ID       string  `yaml:"id" json:"id" required:"true" doc:"Unique alternative id (unique across the catalog)."`
	Supplier string  `yaml:"supplier" json:"supplier" required:"true" doc:"Id of the supplier that provides the alternative."`
	Health   *Health `yaml:"health" json:"health,omitempty" doc:"How to tell the alternative is serving."`
	TLS      *TLS    `yaml:"tls" json:"tls,omitempty" doc:"Certificate expectations for hosting.tls."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Health is an HTTP(S) health check.
type Health struct {
	URL          string           `yaml:"url" json:"url" required:"true" doc:"The URL to request."`
	ExpectStatus int              `yaml:"expectStatus" json:"expectStatus,omitempty" doc:"Expected HTTP status (default 200)."`
	ExpectBody   string           `yaml:"expectBody" json:"expectBody,omitempty" doc:"Text the response body must contain."`
	MaxLatency   yamldoc.Duration `yaml:"maxLatency" json:"maxLatency,omitempty" doc:"Slowest acceptable response."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// TLS holds certificate expectations.
type TLS struct {
	MinDaysLeft int    `yaml:"minDaysLeft" json:"minDaysLeft,omitempty" doc:"Least number of days the certificate must stay valid (default 14)."`
	Issuer      string `yaml:"issuer" json:"issuer,omitempty" doc:"Text the issuer's name must contain."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// ExitPlan is how to leave the supplier that runs an application.
type ExitPlan struct {
	Document      string           `yaml:"document" json:"document" required:"true" doc:"The exit plan document, relative to the catalog file."`
	Owner         string           `yaml:"owner" json:"owner" required:"true" doc:"Who owns the exit plan."`
	Reviewed      yamldoc.Date     `yaml:"reviewed" json:"reviewed" required:"true" doc:"When the plan was last reviewed (YYYY-MM-DD)."`
	Target        string           `yaml:"target" json:"target" required:"true" doc:"Id of the supplier to move to."`
	MigrationTime yamldoc.Duration `yaml:"migrationTime" json:"migrationTime,omitempty" doc:"Declared time to migrate."`
	Exports       []*Export        `yaml:"exports" json:"exports,omitempty" doc:"Data exports in open formats."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Export is a data export in an open format.
type Export struct {
	Path       string   `yaml:"path" json:"path" required:"true" doc:"The export file, relative to the catalog file."`
	Format     string   `yaml:"format" json:"format" required:"true" enum:"csv,json,jsonl,xml,ods" what:"export format" doc:"Open format of the export."`
	MinRecords int64    `yaml:"minRecords" json:"minRecords,omitempty" doc:"Least number of records the export must hold."`
	Columns    []string `yaml:"columns" json:"columns,omitempty" doc:"Columns (fields) every record must have."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Process is a business process with its recovery objectives.
type Process struct {
	ID           string           `yaml:"id" json:"id" required:"true" doc:"Unique process id."`
	Name         string           `yaml:"name" json:"name,omitempty" doc:"Display name."`
	Owner        string           `yaml:"owner" json:"owner" required:"true" doc:"Who owns the process (a department or role)."`
	Critical     *bool            `yaml:"critical" json:"critical,omitempty" doc:"Whether the process is critical (default true: a business-impact catalog lists critical processes)."`
	MTPD         yamldoc.Duration `yaml:"mtpd" json:"mtpd" required:"true" doc:"Maximum tolerable period of disruption."`
	RTO          yamldoc.Duration `yaml:"rto" json:"rto" required:"true" doc:"Recovery time objective; at most the MTPD."`
	RPO          yamldoc.Duration `yaml:"rpo" json:"rpo" required:"true" doc:"Recovery point objective: the oldest acceptable last copy."`
	MBCO         string           `yaml:"mbco" json:"mbco,omitempty" doc:"Minimum business continuity objective."`
	Applications []string         `yaml:"applications" json:"applications" required:"true" doc:"Ids of the applications the process uses."`
	Runbook      string           `yaml:"runbook" json:"runbook,omitempty" doc:"Id of the runbook that recovers the process."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// IsCritical reports whether the process is critical (the default).
func (p *Process) IsCritical() bool { return p.Critical == nil || *p.Critical }

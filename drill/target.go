package drill

import (
	"strings"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// The targets a step acts on, as the catalog defines them: catalog documents
// declare them and a plan carries them to the worker.

// Contract holds the contract terms that matter for an exit.
type Contract struct {
	NoticePeriod   Duration `yaml:"noticePeriod" json:"noticePeriod,omitempty" doc:"Notice period for termination."`
	ExitAssistance Duration `yaml:"exitAssistance" json:"exitAssistance,omitempty" doc:"How long the supplier must assist an exit after termination."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Backup is a copy of an application's data, held by a supplier (possibly the
// organisation itself).
type Backup struct {
	ID          string     `yaml:"id" json:"id" required:"true" doc:"Unique backup id (unique across the catalog)."`
	Kind        BackupKind `yaml:"kind" json:"kind" required:"true" doc:"How the copy is stored."`
	Location    string     `yaml:"location" json:"location" required:"true" doc:"Repository, file or directory of the copy; relative paths are relative to the catalog file."`
	PasswordEnv string     `yaml:"passwordEnv" json:"passwordEnv,omitempty" doc:"Name of the environment variable holding the repository password (restic)."`
	HeldBy      string     `yaml:"heldBy" json:"heldBy" required:"true" doc:"Id of the supplier where the copy lives."`
	Every       Duration   `yaml:"every" json:"every,omitempty" doc:"Expected interval between backups."`
	Verify      []*Verify  `yaml:"verify" json:"verify,omitempty" doc:"Queries run against the restored database (pgdump)."`
	Sandbox     *Sandbox   `yaml:"sandbox" json:"sandbox,omitempty" doc:"Where backup.restore restores a pgdump backup: by default a PostgreSQL started on the worker; with container, one in a container."`
	// ManifestBytes bounds the SHA256SUMS manifests read (in memory).
	ManifestBytes int64 `yaml:"manifestBytes" json:"manifestBytes,omitempty" doc:"Largest SHA256SUMS manifest read, in bytes (default 64 MiB)."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Sandbox is where a restore runs when not directly on the worker.
type Sandbox struct {
	Container string  `yaml:"container" json:"container" required:"true" doc:"Image of a PostgreSQL server on the worker's Docker Engine (Debian layout: /usr/lib/postgresql/N/bin, a postgres user, sh) to restore into; nothing is pulled."`
	Limits    *Limits `yaml:"limits" json:"limits,omitempty" doc:"The sandbox container's resources (default 2048 MiB, 2 CPUs, 1024 processes)."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Verify is a query run against a restored database and the least result it must
// return.
type Verify struct {
	Query   string `yaml:"query" json:"query" required:"true" doc:"A SQL query returning one number."`
	AtLeast int64  `yaml:"atLeast" json:"atLeast" doc:"The least value the query must return."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Alternative is hosting an application can be switched to.
type Alternative struct {
	ID       string  `yaml:"id" json:"id" required:"true" doc:"Unique alternative id (unique across the catalog)."`
	Supplier string  `yaml:"supplier" json:"supplier" required:"true" doc:"Id of the supplier that provides the alternative."`
	Health   *Health `yaml:"health" json:"health,omitempty" doc:"How to tell the alternative is serving."`
	TLS      *TLS    `yaml:"tls" json:"tls,omitempty" doc:"Certificate expectations for hosting.tls."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Health is an HTTP(S) health check.
type Health struct {
	URL          string   `yaml:"url" json:"url" required:"true" doc:"The URL to request."`
	ExpectStatus int      `yaml:"expectStatus" json:"expectStatus,omitempty" doc:"Expected HTTP status (default 200)."`
	ExpectBody   string   `yaml:"expectBody" json:"expectBody,omitempty" doc:"Text the response body must contain."`
	MaxLatency   Duration `yaml:"maxLatency" json:"maxLatency,omitempty" doc:"Slowest acceptable response."`
	AllowPrivate bool     `yaml:"allowPrivate" json:"allowPrivate,omitempty" doc:"Let hosting checks connect to link-local, cloud metadata (169.254.169.254), unspecified and multicast addresses, which they refuse by default. Loopback and private ranges (RFC 1918) are always allowed."`

	Src defs.Source `yaml:"-" json:"-"`
}

// TLS holds certificate expectations.
type TLS struct {
	MinDaysLeft int    `yaml:"minDaysLeft" json:"minDaysLeft,omitempty" doc:"Least number of days the certificate must stay valid (default 14)."`
	Issuer      string `yaml:"issuer" json:"issuer,omitempty" doc:"Text the issuer's name must contain."`

	Src defs.Source `yaml:"-" json:"-"`
}

// ExitPlan is how to leave the supplier that runs an application.
type ExitPlan struct {
	Document      string      `yaml:"document" json:"document" required:"true" doc:"The exit plan document, relative to the catalog file."`
	Owner         string      `yaml:"owner" json:"owner" required:"true" doc:"Who owns the exit plan."`
	Reviewed      Date        `yaml:"reviewed" json:"reviewed" required:"true" doc:"When the plan was last reviewed (YYYY-MM-DD)."`
	Target        string      `yaml:"target" json:"target" required:"true" doc:"Id of the supplier to move to."`
	MigrationTime Duration    `yaml:"migrationTime" json:"migrationTime,omitempty" doc:"Declared time to migrate."`
	Exports       []*Export   `yaml:"exports" json:"exports,omitempty" doc:"Data exports in open formats."`
	Limits        *ReadLimits `yaml:"limits" json:"limits,omitempty" doc:"Bounds on what the exit-plan checks read; each has a default."`

	Src defs.Source `yaml:"-" json:"-"`
}

// ReadLimits bound what the exit-plan checks read from files other people
// made, so that no file can exhaust a worker. Zero takes the default.
type ReadLimits struct {
	PlanBytes   int64 `yaml:"planBytes" json:"planBytes,omitempty" doc:"Largest exit plan document read, in bytes (default 8 MiB)."`
	RecordBytes int64 `yaml:"recordBytes" json:"recordBytes,omitempty" doc:"Largest record, line, field or XML token of an export, in bytes (default 16 MiB)."`
	ExportBytes int64 `yaml:"exportBytes" json:"exportBytes,omitempty" doc:"Most bytes read from one export, decompressed for ods, in bytes (default 4 GiB)."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Export is a data export in an open format.
type Export struct {
	Path       string   `yaml:"path" json:"path" required:"true" doc:"The export file, relative to the catalog file."`
	Format     string   `yaml:"format" json:"format" required:"true" enum:"csv,json,jsonl,xml,ods" what:"export format" doc:"Open format of the export."`
	MinRecords int64    `yaml:"minRecords" json:"minRecords,omitempty" doc:"Least number of records the export must hold."`
	Columns    []string `yaml:"columns" json:"columns,omitempty" doc:"Columns (fields) every record must have."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Resource is a backup or alternative that the loss makes unusable.
type Resource struct {
	Kind        string `json:"kind"` // backup or alternative
	ID          string `json:"id"`
	Application string `json:"application"`
	Supplier    string `json:"supplier"`
	Reason      string `json:"reason"`
}

// Assessment says what the outage duration means against a process's objectives.
type Assessment struct {
	// Level is must-recover (outage longer than the MTPD), exceeds-rto (longer
	// than the RTO, within the MTPD) or within-rto.
	Level string `json:"level"`
	Text  string `json:"text"`
}

// Assessment levels.
const (
	MustRecover = "must-recover"
	ExceedsRTO  = "exceeds-rto"
	WithinRTO   = "within-rto"
)

// BackupKind is how a backup is stored. Parse one with [ParseBackupKind].
type BackupKind string

// The backup kinds, in the order help texts list them.
const (
	Restic    BackupKind = "restic"    // a restic repository
	PgDump    BackupKind = "pgdump"    // a pg_dump custom-format archive, or a directory of them
	Archive   BackupKind = "archive"   // a tar, tar.gz or zip file, or a directory of them
	Directory BackupKind = "directory" // a plain directory tree
)

// BackupKinds returns every backup kind, in the order help texts list them.
func BackupKinds() []BackupKind { return []BackupKind{Restic, PgDump, Archive, Directory} }

// ParseBackupKind returns the backup kind s names, or an error that lists the
// kinds allowed.
func ParseBackupKind(s string) (BackupKind, error) {
	for _, k := range BackupKinds() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", &defs.Error{Problem: "unknown backup kind", Allowed: backupKindList()}
}

func backupKindList() string {
	s := make([]string, 0, 4)
	for _, k := range BackupKinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// UnmarshalScalar implements [defs.Scalar].
func (k *BackupKind) UnmarshalScalar(s string) error {
	v, err := ParseBackupKind(s)
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// JSONSchema implements [defs.Schemer].
func (BackupKind) JSONSchema() map[string]any {
	enum := make([]string, 0, 4)
	for _, k := range BackupKinds() {
		enum = append(enum, string(k))
	}
	return map[string]any{"type": "string", "enum": enum}
}

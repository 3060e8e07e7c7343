package catalog_test

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// problems renders the problems of a load error one per string, the way the CLI
// prints them, or fails the test when err is not a *yamldoc.Invalid.
func problems(t *testing.T, err error) []string {
	t.Helper()
	lines, ok := yamldoc.Lines(err)
	if !ok {
		t.Fatalf("error is %T, want *yamldoc.Invalid: %v", err, err)
	}
	return lines
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		dir                                string
		suppliers, applications, processes int
		runbooks                           int
	}{
		{dir: "testdata/valid/base", suppliers: 2, applications: 1, processes: 1, runbooks: 1},
		{dir: "testdata/valid/full", suppliers: 5, applications: 3, processes: 2, runbooks: 1},
		{dir: "testdata/valid/shared-ids", suppliers: 2, applications: 1, processes: 1, runbooks: 1},
	}
	for _, tt := range tests {
		t.Run(path.Base(tt.dir), func(t *testing.T) {
			c, err := catalog.Load(yamldoc.OSFS{}, tt.dir)
			if got := problems(t, err); len(got) > 0 {
				t.Fatalf("Load(%s) reported problems:\n%s", tt.dir, strings.Join(got, "\n"))
			}
			got := [4]int{len(c.Suppliers), len(c.Applications), len(c.Processes), len(c.Runbooks)}
			want := [4]int{tt.suppliers, tt.applications, tt.processes, tt.runbooks}
			if got != want {
				t.Errorf("Load(%s): suppliers, applications, processes, runbooks = %v, want %v", tt.dir, got, want)
			}
		})
	}
}

// TestLoadFullMerge checks what the merged example of every feature holds: two
// catalog documents of one file and a second file become one catalog, and a
// Scenario document beside the catalog is left alone.
func TestLoadFullMerge(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/valid/full")
	if err != nil {
		t.Fatal(err)
	}
	if c.Organisation != "Gemeente Testdorp" {
		t.Errorf("Organisation = %q, want Gemeente Testdorp", c.Organisation)
	}
	wantFiles := []string{
		"testdata/valid/full/applications.yml",
		"testdata/valid/full/runbooks/parkeren.yaml",
		"testdata/valid/full/suppliers.yaml",
	}
	if diff := cmp.Diff(wantFiles, c.Files); diff != "" {
		t.Errorf("Files (-want +got):\n%s", diff)
	}
	if s := c.Supplier("own"); s == nil || s.Src.Pos.String() != "testdata/valid/full/suppliers.yaml:24:5" {
		t.Errorf("Supplier(own) = %+v, want the one of the second document at suppliers.yaml:24:5", s)
	}
	b, app := c.Backup("parkeren-pg")
	if b == nil || app == nil || app.ID != "parkeren" || b.Every.String() != "1d12h" || len(b.Verify) != 1 || b.Verify[0].AtLeast != 1000 {
		t.Errorf("Backup(parkeren-pg) = %+v of %+v, want the pgdump of parkeren every 1d12h verifying at least 1000", b, app)
	}
	if a, _ := c.Alternative("parkeren-alt-kpn"); a == nil || a.Health == nil || a.Health.URL != "https://127.0.0.1:18443/health" {
		t.Errorf("Alternative(parkeren-alt-kpn) = %+v, want the health check shared by alias", a)
	}
	if p := c.Process("klantcontact"); p == nil || p.IsCritical() || p.MTPD.String() != "7d" {
		t.Errorf("Process(klantcontact) = %+v, want a non-critical process with mtpd 7d", p)
	}
}

// TestLoadInvalid loads one small catalog directory per validation rule: the
// valid base of testdata/valid/base with exactly one fault (several-faults has
// several). Every problem is compared in full, position included, the way the
// CLI prints it.
func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{
			dir: "unknown-key", // a key the format does not know
			want: []string{
				`testdata/invalid/unknown-key/catalog.yaml:7:5: suppliers[microsoft].homepage: value "homepage": unknown key (allowed: keys: id, name, jurisdiction, subprocessors, contract)`,
			},
		},
		{
			dir: "wrong-type", // a list where a string belongs
			want: []string{
				"testdata/invalid/wrong-type/catalog.yaml:9:11: suppliers[own].name: expected a string, found a list (allowed: a string)",
			},
		},
		{
			dir: "missing-required", // a required key left out
			want: []string{
				"testdata/invalid/missing-required/catalog.yaml:27:5: processes[vergunningen].rto: missing required key",
			},
		},
		{
			dir: "empty-required", // a required key written without a value
			want: []string{
				"testdata/invalid/empty-required/catalog.yaml:14:14: applications[parkeren].supplier: required key has no value",
			},
		},
		{
			dir: "duplicate-id", // the same supplier id twice in one file
			want: []string{
				`testdata/invalid/duplicate-id/catalog.yaml:11:9: suppliers[own].id: value "own": duplicate supplier id, first defined at testdata/invalid/duplicate-id/catalog.yaml:8:9 (allowed: each supplier id once in the whole catalog)`,
			},
		},
		{
			dir: "duplicate-id-merged", // the same application id in two merged files
			want: []string{
				`testdata/invalid/duplicate-id-merged/more.yaml:8:9: applications[parkeren].id: value "parkeren": duplicate application id, first defined at testdata/invalid/duplicate-id-merged/catalog.yaml:12:9 (allowed: each application id once in the whole catalog)`,
			},
		},
		{
			dir: "unknown-supplier", // an application's supplier that does not exist
			want: []string{
				`testdata/invalid/unknown-supplier/catalog.yaml:14:15: applications[parkeren].supplier: value "micrsoft": unknown supplier (did you mean "microsoft"?) (allowed: a defined supplier id: microsoft, own)`,
			},
		},
		{
			dir: "unknown-subprocessor", // a subprocessor that does not exist
			want: []string{
				`testdata/invalid/unknown-subprocessor/catalog.yaml:8:20: suppliers[microsoft].subprocessors: value "aws": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
			},
		},
		{
			dir: "unknown-application", // a process's application that does not exist
			want: []string{
				`testdata/invalid/unknown-application/catalog.yaml:32:19: processes[vergunningen].applications: value "zaken": unknown application (allowed: a defined application id: parkeren)`,
			},
		},
		{
			dir: "unknown-depends-on", // dependsOn naming an application that does not exist
			want: []string{
				`testdata/invalid/unknown-depends-on/catalog.yaml:15:16: applications[parkeren].dependsOn: value "idp": unknown application (allowed: a defined application id: parkeren)`,
			},
		},
		{
			dir: "unknown-held-by", // a backup held by a supplier that does not exist
			want: []string{
				`testdata/invalid/unknown-held-by/catalog.yaml:20:17: applications[parkeren].backups[parkeren-db].heldBy: value "kpn": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
			},
		},
		{
			dir: "unknown-alternative-supplier", // an alternative at a supplier that does not exist
			want: []string{
				`testdata/invalid/unknown-alternative-supplier/catalog.yaml:24:19: applications[parkeren].alternatives[parkeren-alt].supplier: value "kpn": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
			},
		},
		{
			dir: "unknown-exit-target", // an exit plan moving to a supplier that does not exist
			want: []string{
				`testdata/invalid/unknown-exit-target/catalog.yaml:30:15: applications[parkeren].exitPlan.target: value "kpn": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
			},
		},
		{
			dir: "unknown-runbook", // a process's runbook that does not exist
			want: []string{
				`testdata/invalid/unknown-runbook/catalog.yaml:33:14: processes[vergunningen].runbook: value "parkeren-herstel": unknown runbook (allowed: a defined runbook id: parkeren-recovery)`,
			},
		},
		{
			dir: "unknown-backup", // a backup check naming a backup that does not exist
			want: []string{
				`testdata/invalid/unknown-backup/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-backup": unknown target (allowed: backup.fresh needs a defined backup id: parkeren-db)`,
			},
		},
		{
			dir: "unknown-alternative", // a hosting check naming an alternative that does not exist
			want: []string{
				`testdata/invalid/unknown-alternative/runbooks.yaml:10:13: runbook[parkeren-recovery].steps[alt-up].target: value "parkeren-alternatief": unknown target (allowed: hosting.healthy needs a defined alternative id: parkeren-alt)`,
			},
		},
		{
			dir: "depends-on-cycle", // dependsOn leading back to the application; the cycle is printed
			want: []string{
				"testdata/invalid/depends-on-cycle/catalog.yaml:15:16: applications[parkeren].dependsOn: dependency cycle: parkeren -> idp -> mail -> parkeren (allowed: dependsOn must not lead back to the application)",
			},
		},
		{
			dir: "depends-on-self", // an application depending on itself
			want: []string{
				`testdata/invalid/depends-on-self/catalog.yaml:15:16: applications[parkeren].dependsOn: value "parkeren": an application cannot depend on itself`,
			},
		},
		{
			dir: "subprocessor-cycle", // subprocessors leading back to the supplier; the cycle is printed
			want: []string{
				"testdata/invalid/subprocessor-cycle/catalog.yaml:8:20: suppliers[microsoft].subprocessors: subprocessor cycle: microsoft -> aws -> microsoft (allowed: subprocessors must not lead back to the supplier)",
			},
		},
		{
			dir: "subprocessor-self", // a supplier that is its own subprocessor
			want: []string{
				`testdata/invalid/subprocessor-self/catalog.yaml:11:20: suppliers[own].subprocessors: value "own": a supplier cannot be its own subprocessor`,
			},
		},
		{
			dir: "malformed-duration", // a duration with a fraction
			want: []string{
				`testdata/invalid/malformed-duration/catalog.yaml:31:10: processes[vergunningen].rpo: value "1.5h": malformed duration: unknown or missing unit (allowed: a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h)`,
			},
		},
		{
			dir: "non-positive-duration", // a zero duration
			want: []string{
				`testdata/invalid/non-positive-duration/catalog.yaml:30:10: processes[vergunningen].rto: value "0s": duration must be positive (allowed: a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h)`,
			},
		},
		{
			dir: "negative-duration", // a negative duration
			want: []string{
				`testdata/invalid/negative-duration/catalog.yaml:21:16: applications[parkeren].backups[parkeren-db].every: value "-1d": duration must be positive (allowed: a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h)`,
			},
		},
		{
			dir: "rto-gt-mtpd", // an RTO longer than the MTPD
			want: []string{
				`testdata/invalid/rto-gt-mtpd/catalog.yaml:30:10: processes[vergunningen].rto: value "10d": rto is longer than mtpd 7d (allowed: rto <= mtpd: the process must be recovered before the disruption becomes intolerable)`,
			},
		},
		{
			dir: "unknown-step-kind", // a check kind that does not exist
			want: []string{
				`testdata/invalid/unknown-step-kind/runbooks.yaml:6:12: runbook[parkeren-recovery].steps[fresh].check: value "backup.frsh": unknown step kind (allowed: backup.fresh, backup.restore, hosting.healthy, hosting.tls, exitplan.current, exitplan.export, forge.mirror)`,
			},
		},
		{
			dir: "wrong-target-type", // backup.fresh naming an alternative
			want: []string{
				`testdata/invalid/wrong-target-type/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-alt": target is an alternative, but backup.fresh needs a backup (allowed: a defined backup id: parkeren-db)`,
			},
		},
		{
			dir: "missing-exit-document", // an exit plan document that does not exist
			want: []string{
				`testdata/invalid/missing-exit-document/catalog.yaml:27:17: applications[parkeren].exitPlan.document: value "exitplans/parkeren.md": referenced file does not exist (looked for testdata/invalid/missing-exit-document/exitplans/parkeren.md) (allowed: a path relative to testdata/invalid/missing-exit-document/catalog.yaml)`,
			},
		},
		{
			dir: "missing-export", // an export file that does not exist
			want: []string{
				`testdata/invalid/missing-export/catalog.yaml:33:18: applications[parkeren].exitPlan.exports[0].path: value "exports/permits.csv": referenced file does not exist (looked for testdata/invalid/missing-export/exports/permits.csv) (allowed: a path relative to testdata/invalid/missing-export/catalog.yaml)`,
			},
		},
		{
			dir: "alias-bomb", // aliases shaped like the catalog, stopped before they exhaust memory
			want: []string{
				"testdata/invalid/alias-bomb/bomb.yaml: document expands to more than 100000 nodes (YAML alias expansion)",
				`testdata/invalid/alias-bomb/bomb.yaml:9:9: applications[parkeren].id: value "parkeren": duplicate application id, first defined at testdata/invalid/alias-bomb/bomb.yaml:9:9 (allowed: each application id once in the whole catalog)`,
				`testdata/invalid/alias-bomb/bomb.yaml:13:13: applications[parkeren].backups[parkeren-db].id: value "parkeren-db": duplicate backup id, first defined at testdata/invalid/alias-bomb/bomb.yaml:13:13 (allowed: each backup id once in the whole catalog)`,
			},
		},
		{
			dir: "alias-bomb-classic", // the classic billion laughs, rejected by type without expanding
			want: []string{
				`testdata/invalid/alias-bomb-classic/bomb.yaml:4:1: lol: value "lol": unknown key (allowed: keys: apiVersion, kind, organisation, suppliers, applications, processes, contacts, exitPlanSections)`,
				"testdata/invalid/alias-bomb-classic/bomb.yaml:15:15: organisation: expected a string, found a list (allowed: a string)",
			},
		},
		{
			dir: "bad-model", // a service model that does not exist
			want: []string{
				`testdata/invalid/bad-model/catalog.yaml:13:12: applications[parkeren].model: value "cloud": unknown service model (allowed: saas, paas, iaas, onprem)`,
			},
		},
		{
			dir: "bad-backup-kind", // a backup kind that does not exist
			want: []string{
				`testdata/invalid/bad-backup-kind/catalog.yaml:17:15: applications[parkeren].backups[parkeren-db].kind: value "tape": unknown backup kind (allowed: restic, pgdump, archive, directory)`,
			},
		},
		{
			dir: "bad-export-format", // an export format that is not an open format exitdrill reads
			want: []string{
				`testdata/invalid/bad-export-format/catalog.yaml:33:47: applications[parkeren].exitPlan.exports[0].format: value "xlsx": unknown export format (allowed: csv, json, jsonl, xml, ods)`,
			},
		},
		{
			dir: "restic-without-password", // a restic backup without passwordEnv
			want: []string{
				"testdata/invalid/restic-without-password/catalog.yaml:16:9: applications[parkeren].backups[parkeren-db].passwordEnv: missing required key for a restic backup (allowed: the name of the environment variable that holds the repository password)",
			},
		},
		{
			dir: "bad-password-env", // a password where the name of its environment variable belongs
			want: []string{
				`testdata/invalid/bad-password-env/catalog.yaml:19:22: applications[parkeren].backups[parkeren-db].passwordEnv: value "hunter2 is the password": not an environment variable name (never write the password itself) (allowed: letters, digits and _, for example PARKEREN_RESTIC_PASSWORD)`,
			},
		},
		{
			dir: "verify-not-pgdump", // verification queries on a restic backup
			want: []string{
				"testdata/invalid/verify-not-pgdump/catalog.yaml:23:11: applications[parkeren].backups[parkeren-db].verify: verification queries are only for pgdump backups",
			},
		},
		{
			dir: "sandbox-not-pgdump", // a container sandbox for a restic backup
			want: []string{
				"testdata/invalid/sandbox-not-pgdump/catalog.yaml:22:18: applications[parkeren].backups[parkeren-db].sandbox: a container sandbox is only for pgdump backups",
			},
		},
		{
			dir: "exit-target-self", // an exit plan that moves to the supplier being exited
			want: []string{
				`testdata/invalid/exit-target-self/catalog.yaml:30:15: applications[parkeren].exitPlan.target: value "microsoft": the exit target is the supplier being exited (allowed: another supplier id)`,
			},
		},
		{
			dir: "bad-jurisdiction", // a jurisdiction that is not ISO 3166-1 alpha-2
			want: []string{
				`testdata/invalid/bad-jurisdiction/catalog.yaml:7:19: suppliers[microsoft].jurisdiction: value "USA": not an ISO 3166-1 alpha-2 country code (allowed: two capital letters, for example NL, DE, US)`,
			},
		},
		{
			dir: "duplicate-key", // the same key twice in one mapping
			want: []string{
				`testdata/invalid/duplicate-key/catalog.yaml:10:5: suppliers[own].name: value "name": duplicate key (allowed: each key once per mapping)`,
			},
		},
		{
			dir: "syntax-error", // an unclosed flow list; the line is reported, and the other file still read
			want: []string{
				"testdata/invalid/syntax-error/catalog.yaml:32: YAML syntax error: did not find expected ',' or ']'",
				`testdata/invalid/syntax-error/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-db": unknown target (allowed: backup.fresh needs a backup id, but no backup is defined)`,
				`testdata/invalid/syntax-error/runbooks.yaml:10:13: runbook[parkeren-recovery].steps[alt-up].target: value "parkeren-alt": unknown target (allowed: hosting.healthy needs an alternative id, but no alternative is defined)`,
			},
		},
		{
			dir: "unsupported-api-version", // an apiVersion this release does not read
			want: []string{
				`testdata/invalid/unsupported-api-version/catalog.yaml:1:13: apiVersion: value "exitdrill/v2": unsupported apiVersion (allowed: exitdrill/v1)`,
				`testdata/invalid/unsupported-api-version/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-db": unknown target (allowed: backup.fresh needs a backup id, but no backup is defined)`,
				`testdata/invalid/unsupported-api-version/runbooks.yaml:10:13: runbook[parkeren-recovery].steps[alt-up].target: value "parkeren-alt": unknown target (allowed: hosting.healthy needs an alternative id, but no alternative is defined)`,
			},
		},
		{
			dir: "unknown-kind", // a document kind that does not exist
			want: []string{
				`testdata/invalid/unknown-kind/runbooks.yaml:2:7: kind: value "Runboek": unknown document kind (allowed: Catalog, Runbook, Scenario)`,
			},
		},
		{
			dir: "missing-header", // a document without apiVersion and kind
			want: []string{
				"testdata/invalid/missing-header/catalog.yaml:1:1: apiVersion: missing required key (allowed: exitdrill/v1)",
				"testdata/invalid/missing-header/catalog.yaml:1:1: kind: missing required key (allowed: Catalog, Runbook, Scenario)",
				`testdata/invalid/missing-header/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-db": unknown target (allowed: backup.fresh needs a backup id, but no backup is defined)`,
				`testdata/invalid/missing-header/runbooks.yaml:10:13: runbook[parkeren-recovery].steps[alt-up].target: value "parkeren-alt": unknown target (allowed: hosting.healthy needs an alternative id, but no alternative is defined)`,
			},
		},
		{
			dir: "not-a-mapping", // a document that is a list
			want: []string{
				"testdata/invalid/not-a-mapping/list.yaml:1:1: document is not a mapping (allowed: a mapping starting with apiVersion: exitdrill/v1 and kind)",
			},
		},
		{
			dir: "merge-key", // a YAML merge key
			want: []string{
				"testdata/invalid/merge-key/catalog.yaml:27:9: applications[parkeren].alternatives[parkeren-alt2].<<: YAML merge keys are not supported (allowed: write the keys out, or repeat a whole value with an alias (*name))",
				"testdata/invalid/merge-key/catalog.yaml:27:9: applications[parkeren].alternatives[parkeren-alt2].supplier: missing required key",
			},
		},
		{
			dir: "bad-date", // a date not written YYYY-MM-DD
			want: []string{
				`testdata/invalid/bad-date/catalog.yaml:29:17: applications[parkeren].exitPlan.reviewed: value "01-06-2026": malformed date (allowed: a date written YYYY-MM-DD, for example 2026-06-01)`,
			},
		},
		{
			dir: "bad-number", // text where a number belongs
			want: []string{
				`testdata/invalid/bad-number/catalog.yaml:25:70: applications[parkeren].alternatives[parkeren-alt].health.expectStatus: value "OK": expected a whole number (allowed: a whole number such as 1000)`,
			},
		},
		{
			dir: "empty-applications", // a process without applications
			want: []string{
				"testdata/invalid/empty-applications/catalog.yaml:32:19: processes[vergunningen].applications: a process needs at least one application (allowed: application ids)",
			},
		},
		{
			dir: "organisation-mismatch", // two files naming different organisations
			want: []string{
				`testdata/invalid/organisation-mismatch/more.yaml:3:15: organisation: value "Gemeente Anderdorp": catalog documents name different organisations; first was Gemeente Testdorp at testdata/invalid/organisation-mismatch/catalog.yaml:3:15 (allowed: one organisation per catalog)`,
			},
		},
		{
			dir: "duplicate-runbook", // the same runbook id in two files
			want: []string{
				`testdata/invalid/duplicate-runbook/runbooks.yaml:3:5: runbook[parkeren-recovery].id: value "parkeren-recovery": duplicate runbook id, first defined at testdata/invalid/duplicate-runbook/more-runbooks.yaml:3:5 (allowed: each runbook id once)`,
			},
		},
		{
			dir: "exitplan-without-plan", // an exit plan check on an application without exit plan
			want: []string{
				`testdata/invalid/exitplan-without-plan/runbooks.yaml:13:13: runbook[parkeren-recovery].steps[plan].target: value "parkeren": application has no exitPlan to check (allowed: an application with an exitPlan)`,
			},
		},
		{
			dir: "tls-not-https", // hosting.tls on an alternative served over plain http
			want: []string{
				`testdata/invalid/tls-not-https/runbooks.yaml:13:13: runbook[parkeren-recovery].steps[tls].target: value "parkeren-alt": hosting.tls needs an https:// health URL (allowed: an alternative whose health.url starts with https://)`,
			},
		},
		{
			dir: "alternative-without-health", // a health check on an alternative without health URL
			want: []string{
				`testdata/invalid/alternative-without-health/runbooks.yaml:10:13: runbook[parkeren-recovery].steps[alt-up].target: value "parkeren-alt": alternative has no health URL to check (allowed: an alternative with health.url)`,
			},
		},
		{
			dir: "several-faults", // faults in three files, all reported, sorted by file then line
			want: []string{
				`testdata/invalid/several-faults/apps.yaml:6:15: applications[zaken].supplier: value "centric": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
				`testdata/invalid/several-faults/apps.yaml:7:5: applications[zaken].colour: value "colour": unknown key (allowed: keys: id, name, model, supplier, dependsOn, backups, alternatives, exitPlan)`,
				`testdata/invalid/several-faults/catalog.yaml:7:19: suppliers[microsoft].jurisdiction: value "usa": not an ISO 3166-1 alpha-2 country code (allowed: two capital letters, for example NL, DE, US)`,
				`testdata/invalid/several-faults/catalog.yaml:30:10: processes[vergunningen].rto: value "8d": rto is longer than mtpd 7d (allowed: rto <= mtpd: the process must be recovered before the disruption becomes intolerable)`,
				`testdata/invalid/several-faults/runbooks.yaml:7:13: runbook[parkeren-recovery].steps[fresh].target: value "parkeren-alt": target is an alternative, but backup.fresh needs a backup (allowed: a defined backup id: parkeren-db)`,
			},
		},
		{
			dir: "no-yaml", // a directory without YAML files
			want: []string{
				"testdata/invalid/no-yaml: directory holds no *.yaml or *.yml files",
			},
		},
		{
			dir: "does-not-exist", // a catalog path that does not exist
			want: []string{
				"testdata/invalid/does-not-exist: cannot read: no such file or directory (allowed: an existing file or directory)",
			},
		},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.dir] = true
		t.Run(tt.dir, func(t *testing.T) {
			dir := "testdata/invalid/" + tt.dir
			c, err := catalog.Load(yamldoc.OSFS{}, dir)
			if err == nil {
				t.Fatalf("Load(%s) = nil error, want %d problems", dir, len(tt.want))
			}
			if c != nil {
				t.Errorf("Load(%s) returned a catalog with an error", dir)
			}
			if diff := cmp.Diff(tt.want, problems(t, err)); diff != "" {
				t.Errorf("Load(%s) problems (-want +got):\n%s", dir, diff)
			}
		})
	}
	// Every fault directory has a case, so none is forgotten.
	dirs, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !seen[d.Name()] {
			t.Errorf("testdata/invalid/%s has no case in TestLoadInvalid", d.Name())
		}
	}
}

// TestLoadFileTooLarge checks that a file over 16 MiB is refused by its size,
// before it is read: the file is sparse, so reading it would be fast, but
// parsing 16 MiB of NUL bytes would report a syntax error instead.
func TestLoadFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(yamldoc.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = catalog.Load(yamldoc.OSFS{}, dir)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Load took %v, want it to refuse the file without reading it", d)
	}
	want := []string{name + ": file is 16777217 bytes, larger than the limit of 16777216 bytes (16 MiB)"}
	if diff := cmp.Diff(want, problems(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestLoadSeveralPaths checks that Load merges files named one by one the same
// way as a directory, and that a path given twice is read once.
func TestLoadSeveralPaths(t *testing.T) {
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/valid/base/catalog.yaml", "testdata/valid/base/runbooks.yaml", "testdata/valid/base/runbooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.Runbooks); got != 1 {
		t.Errorf("len(Runbooks) = %d, want 1", got)
	}
	if p := c.Process("vergunningen"); p == nil || p.Runbook != "parkeren-recovery" {
		t.Errorf("Process(vergunningen) = %+v, want its runbook parkeren-recovery", p)
	}
}

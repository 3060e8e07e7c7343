package drillops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

var at = time.Date(2026, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))

// definitionPaths are the paths of the definition files packed in an input.
func definitionPaths(t *testing.T, in drill.DrillInput) []string {
	t.Helper()
	defs, err := evidence.Unpack(in.Definitions)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, d := range defs {
		paths = append(paths, d.Path)
	}
	return paths
}

func TestPrepareFromDirectories(t *testing.T) {
	reports := t.TempDir()
	p, err := Prepare(context.Background(), Request{
		Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", At: at, Suffix: "abcdef",
		StartedBy: " anna ", Note: "quarterly\r\nfor the audit", Reports: reports, MaxParallel: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	const id = "portal-tabletop-20260102T030405Z-abcdef"
	if p.Plan.DrillID != id || p.Catalog.Organisation != "Preparetest" || p.Scenario.ID != "portal-tabletop" || len(p.Plan.Processes) != 1 {
		t.Errorf("prepared: id %q, organisation %q, scenario %q, %d processes; want %s, Preparetest, portal-tabletop, 1",
			p.Plan.DrillID, p.Catalog.Organisation, p.Scenario.ID, len(p.Plan.Processes), id)
	}
	in := p.Input
	if in.Plan != p.Plan || in.StartedBy != "anna" || in.Note != "quarterly\nfor the audit" || in.Options.MaxParallel != 3 || !in.Started.IsZero() {
		t.Errorf("input: plan %p (want %p), started by %q, note %q, options %+v, started %s", in.Plan, p.Plan, in.StartedBy, in.Note, in.Options, in.Started)
	}
	if in.Evidence != (drill.EvidenceOptions{Root: reports}) {
		t.Errorf("evidence options %+v, want the reports %s", in.Evidence, reports)
	}
	wantSources := []drill.Source{{Role: "catalog", Spec: "testdata/catalog"}, {Role: "scenario", Spec: "testdata/portal-tabletop.yaml"}}
	if diff := cmp.Diff(wantSources, in.Sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"catalog/catalog.yaml", "catalog/runbooks.yaml", "scenario/portal-tabletop.yaml"}, definitionPaths(t, in)); diff != "" {
		t.Errorf("definitions (-want +got):\n%s", diff)
	}
	if p.Options.ID != id || p.Options.TaskQueue != engine.TaskQueue {
		t.Errorf("options: id %q, task queue %q", p.Options.ID, p.Options.TaskQueue)
	}
	if sc, ok := p.Options.TypedSearchAttributes.GetKeyword(searchattr.Scenario); !ok || sc != "portal-tabletop" {
		t.Errorf("scenario search attribute %q, %v", sc, ok)
	}
}

func TestPrepareMakesIDs(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		r    Request
		want string
	}{
		{"given", Request{ID: "by-hand"}, "by-hand"},
		{"scenario and time", Request{At: at}, "portal-tabletop-20260102T030405Z"},
		{"with a suffix", Request{At: at, Suffix: "x7"}, "portal-tabletop-20260102T030405Z-x7"},
		{"schedule", Request{Schedule: true, At: at}, "drill-portal-tabletop"},
		{"schedule given", Request{Schedule: true, ID: "quarterly"}, "quarterly"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.r.Catalogs, tt.r.Scenario = []string{"testdata/catalog"}, "testdata/portal-tabletop.yaml"
			p, err := Prepare(ctx, tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if p.Plan.DrillID != tt.want || p.Options.ID != tt.want {
				t.Errorf("id %q, workflow id %q; want %q", p.Plan.DrillID, p.Options.ID, tt.want)
			}
		})
	}
	// Without a time, the id has the time it was asked for.
	before := time.Now().UTC().Truncate(time.Second)
	p, err := Prepare(ctx, Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	stamp, err := time.Parse(IDStamp, strings.TrimPrefix(p.Plan.DrillID, "portal-tabletop-"))
	if err != nil || stamp.Before(before) || stamp.After(time.Now()) {
		t.Errorf("id %q: want portal-tabletop-NOW (%v)", p.Plan.DrillID, err)
	}
}

// A schedule's drills are started by the schedule and its creator, who is
// in the schedule's note too.
func TestPrepareSchedule(t *testing.T) {
	p, err := Prepare(context.Background(), Request{Schedule: true, Catalogs: []string{"testdata/catalog"},
		Scenario: "testdata/portal-tabletop.yaml", StartedBy: " carla ", Note: "every quarter", Reports: "reports"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Input.StartedBy != "schedule drill-portal-tabletop (created by carla)" || p.Input.Note != "every quarter" {
		t.Errorf("started by %q, note %q", p.Input.StartedBy, p.Input.Note)
	}
	if got, want := p.scheduleNote(), "every quarter (created by carla)"; got != want {
		t.Errorf("schedule note %q, want %q", got, want)
	}
	if abs, _ := filepath.Abs("reports"); p.Input.Evidence.Root != abs {
		t.Errorf("reports %q, want %q", p.Input.Evidence.Root, abs)
	}
	drillID, err := Prepare(context.Background(), Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if err := CreateSchedule(context.Background(), nil, drillID, "0 9 1 */3 *", "UTC"); err == nil || !strings.Contains(err.Error(), "not prepared as a schedule") {
		t.Errorf("CreateSchedule of a drill prepared to start now: %v", err)
	}
}

func TestPrepareRefuses(t *testing.T) {
	long := strings.Repeat("é", MaxNote+1)
	for _, tt := range []struct {
		name    string
		r       Request
		wantErr string
		// definitions: a *yamldoc.Invalid, not an *InvalidError
		definitions bool
	}{
		{name: "path in the id", r: Request{ID: "../../etc"},
			wantErr: `drill id "../../etc": only letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit`},
		{name: "slash in the id", r: Request{ID: "a/b"}, wantErr: `drill id "a/b": only letters`},
		{name: "id starting with a dash", r: Request{ID: "-rf"}, wantErr: `drill id "-rf": only letters`},
		{name: "id too long", r: Request{ID: strings.Repeat("a", MaxID+1)}, wantErr: "drill id of 129 characters: at most 128 are allowed"},
		{name: "schedule id", r: Request{Schedule: true, ID: ".."}, wantErr: `schedule id "..": only letters`},
		// The note and the id are checked before anything is read: the
		// catalog does not exist.
		{name: "note too long", r: Request{Note: long, Catalogs: []string{"testdata/nothing-here"}},
			wantErr: "the note is 1001 characters long; at most 1000 are allowed"},
		{name: "control character in the actor", r: Request{StartedBy: "anna\x1b[2J"},
			wantErr: "the actor has a control character (U+001B) at character 5; none are allowed"},
		{name: "schedule's creator", r: Request{Schedule: true, ID: "quarterly", StartedBy: "anna\nroot", Catalogs: []string{"testdata/nothing-here"}},
			wantErr: "schedule quarterly: the actor has a control character (U+000A) at character 5; none are allowed"},
		{name: "schedule's note, named by its made id", r: Request{Schedule: true, Note: "ring\a"},
			wantErr: "schedule drill-portal-tabletop: the note has a control character (U+0007) at character 5; only newline and tab are allowed"},
		{name: "scenario not fitting the catalog", r: Request{Scenario: "aws-1-day"}, definitions: true,
			wantErr: `lose.suppliers: value "aws": unknown supplier in catalog Preparetest`},
		{name: "no such catalog", r: Request{Catalogs: []string{"testdata/nothing-here"}}, definitions: true,
			wantErr: "testdata/nothing-here"},
		{name: "malformed repository source", r: Request{Catalogs: []string{"github:acme"}},
			wantErr: `catalog source "github:acme": want github:OWNER/REPO/PATH@REF`},
		{name: "repository source without GitHub", r: Request{Scenario: "github:acme/defs/s.yaml@main"},
			wantErr: `scenario source "github:acme/defs/s.yaml@main": repository sources cannot be read here; give a directory or file`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.r.Catalogs == nil {
				tt.r.Catalogs = []string{"testdata/catalog"}
			}
			if tt.r.Scenario == "" {
				tt.r.Scenario = "testdata/portal-tabletop.yaml"
			}
			_, err := Prepare(context.Background(), tt.r)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			var inv *InvalidError
			var defs *yamldoc.Invalid
			if !IsInvalid(err) || errors.As(err, &inv) == tt.definitions || errors.As(err, &defs) != tt.definitions {
				t.Errorf("err %T: IsInvalid %v, *InvalidError %v, *yamldoc.Invalid %v", err, IsInvalid(err), errors.As(err, &inv), errors.As(err, &defs))
			}
		})
	}
}

func TestValidID(t *testing.T) {
	for _, tt := range []struct {
		id string
		ok bool
	}{
		{"quarterly", true}, {"v2.1_test", true}, {"portal-tabletop-20260102T030405Z-abcdef", true}, {"7", true},
		{strings.Repeat("a", MaxID), true},
		{"", false}, {".", false}, {"..", false}, {".hidden", false}, {"-rf", false}, {"_x", false}, {"a/b", false},
		{`a\b`, false}, {"a b", false}, {"a\nb", false}, {"café", false}, {strings.Repeat("a", MaxID+1), false},
	} {
		if err := ValidID(tt.id); (err == nil) != tt.ok {
			t.Errorf("ValidID(%q) = %v, want ok %v", tt.id, err, tt.ok)
		}
	}
	// Made ids are valid, whatever the scenario id.
	for _, sc := range []string{"microsoft-1-month", "(draft) acme 1/week", "..", "é", strings.Repeat("x", 500)} {
		if id := DrillID(sc, at); ValidID(id) != nil {
			t.Errorf("DrillID(%q) = %q: %v", sc, id, ValidID(id))
		}
	}
}

// githubRepo serves testdata (catalog/ and the scenario) as the repository
// voorbeeldstad/defs on a fake GitHub, and returns the commit.
func githubRepo(t *testing.T, srv *fakegithub.Server) string {
	t.Helper()
	files := map[string]string{}
	for _, name := range []string{"catalog/catalog.yaml", "catalog/runbooks.yaml", "catalog/exitplan.md", "portal-tabletop.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		files["continuity/"+name] = string(data)
	}
	repo := filepath.Join(t.TempDir(), "defs")
	fakegithub.InitRepo(t, repo)
	sha := fakegithub.Commit(t, repo, time.Now(), "definitions", files)
	srv.AddRepo("voorbeeldstad", "defs", repo, true)
	return sha
}

func TestPrepareFromGitHub(t *testing.T) {
	srv := fakegithub.New()
	t.Cleanup(srv.Close)
	srv.Token = "ghp_test-token"
	sha := githubRepo(t, srv)
	cache := t.TempDir()
	gh := &GitHub{Config: forge.Config{APIURL: srv.APIURL(), Token: srv.Token}, Cache: cache}
	const catalogSpec, scenarioSpec = "github:voorbeeldstad/defs/continuity/catalog@main", "github:voorbeeldstad/defs/continuity/portal-tabletop.yaml@main"
	p, err := Prepare(context.Background(), Request{Catalogs: []string{catalogSpec}, Scenario: scenarioSpec, At: at, Repos: gh})
	if err != nil {
		t.Fatal(err)
	}
	want := []drill.Source{{Role: "catalog", Spec: catalogSpec, Commit: sha}, {Role: "scenario", Spec: scenarioSpec, Commit: sha}}
	if diff := cmp.Diff(want, p.Input.Sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"catalog/catalog.yaml", "catalog/runbooks.yaml", "scenario/portal-tabletop.yaml"}, definitionPaths(t, p.Input)); diff != "" {
		t.Errorf("definitions (-want +got):\n%s", diff)
	}
	if p.Catalog.Organisation != "Preparetest" || p.Plan.DrillID != "portal-tabletop-20260102T030405Z" {
		t.Errorf("organisation %q, id %q", p.Catalog.Organisation, p.Plan.DrillID)
	}
	for _, f := range p.Catalog.Files {
		if !strings.HasPrefix(f, filepath.Join(cache, "voorbeeldstad", "defs", sha)) {
			t.Errorf("catalog file %s is not in the cache at the commit", f)
		}
	}
	// One commit is downloaded once, for both sources.
	if n := srv.Count("GET", "/repos/voorbeeldstad/defs/tarball/"); n != 1 {
		t.Errorf("%d downloads of the repository, want 1", n)
	}

	t.Run("GitHub fails", func(t *testing.T) {
		_, err := Prepare(context.Background(), Request{Catalogs: []string{"github:voorbeeldstad/nothing/catalog@main"},
			Scenario: "testdata/portal-tabletop.yaml", Repos: gh})
		if err == nil || IsInvalid(err) || !strings.HasPrefix(err.Error(), "load catalog from github:voorbeeldstad/nothing/catalog@main: ") {
			t.Errorf("err = %v; want a failure to load, not invalid input", err)
		}
	})
	t.Run("bad API URL", func(t *testing.T) {
		bad := &GitHub{Config: forge.Config{APIURL: "ftp://example.com"}}
		_, err := Prepare(context.Background(), Request{Catalogs: []string{catalogSpec}, Scenario: "testdata/portal-tabletop.yaml", Repos: bad})
		if err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), `GitHub API URL "ftp://example.com"`) {
			t.Errorf("err = %v; want invalid input naming the URL", err)
		}
	})
}

// TestPrepareAnchorsPaths: a drill prepared from a relative catalog path
// carries absolute directories, so a worker running elsewhere (exitdrill
// server in another directory) reads the catalog's own files, not files at
// the same relative path where it runs.
func TestPrepareAnchorsPaths(t *testing.T) {
	p, err := Prepare(context.Background(), Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml",
		At: at, Suffix: "abcdef", StartedBy: "anna"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := filepath.Abs("testdata/catalog")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, pp := range p.Plan.Processes {
		for _, s := range append(pp.Steps, pp.Rollback...) {
			for _, d := range []string{s.BaseDir, s.Dir} {
				if d != "" {
					dirs = append(dirs, d)
				}
			}
		}
	}
	if len(dirs) == 0 {
		t.Fatal("the plan has no step directory to check")
	}
	t.Chdir(t.TempDir()) // the worker's directory: another one
	for _, d := range dirs {
		if d != want {
			t.Errorf("step directory %q, want the catalog's %q", d, want)
		}
		if _, err := os.Stat(filepath.Join(d, "runbooks.yaml")); err != nil {
			t.Errorf("from another directory: %v", err)
		}
	}
}

// A drill whose bundle directory exists is refused before it starts: evidence
// is never overwritten.
func TestPrepareRefusesAnExistingBundle(t *testing.T) {
	reports := t.TempDir()
	req := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", At: at, ID: "quarterly-1", Reports: reports}
	if _, err := Prepare(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(reports, "quarterly-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Prepare(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "already exists: a bundle is never overwritten") || !IsInvalid(err) {
		t.Errorf("prepare with the bundle directory there: %v, want a refusal as invalid input", err)
	}
}

// A drill is refused before it starts when the evidence's disk is (nearly)
// full, and prepared again once space is free: the real free space of the
// test's file system, against a need set above and below it.
func TestPrepareRefusesAFullDisk(t *testing.T) {
	reports := t.TempDir()
	req := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", At: at, Reports: reports, MinFree: 1 << 62}
	_, err := Prepare(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "not enough space for the drill's evidence: "+reports+" has ") ||
		!strings.Contains(err.Error(), "free some space and start it again") {
		t.Fatalf("prepare on a disk without room: %v", err)
	}
	req.MinFree = 1
	if _, err := Prepare(context.Background(), req); err != nil {
		t.Errorf("prepare with room: %v", err)
	}
}

// A drill is refused before it starts when the disk of the state directory
// that would record it is full (the server could not record its steps), and
// prepared again once space is back; a schedule, which records nothing now,
// is not refused.
func TestPrepareRefusesAFullStateDisk(t *testing.T) {
	state := t.TempDir()
	room := int64(10 << 20)
	old := stateFree
	stateFree = func(dir string) (int64, string, error) { return room, dir, nil }
	t.Cleanup(func() { stateFree = old })
	req := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", At: at, Reports: t.TempDir(), StateDir: state}
	_, err := Prepare(context.Background(), req)
	if want := "the state directory's disk is full: " + state + " has 10 MB free, the server needs 64 MB to record a drill; free some space and start it again"; err == nil || err.Error() != want {
		t.Fatalf("prepare on a full state disk: %v, want %q", err, want)
	}
	sched := req
	sched.Schedule = true
	if _, err := Prepare(context.Background(), sched); err != nil {
		t.Errorf("a schedule on a full state disk: %v, want it prepared", err)
	}
	room = 1 << 30
	if _, err := Prepare(context.Background(), req); err != nil {
		t.Errorf("prepare with room again: %v", err)
	}
}

// TestPrepareOverridesMode runs a tabletop scenario compressed and faster:
// the plan (and so the evidence) records the mode and time scale used and
// that they were set for the drill, while the definitions keep the scenario
// as written.
func TestPrepareOverridesMode(t *testing.T) {
	ctx := context.Background()
	base := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", At: at, StartedBy: "anna", Reports: t.TempDir()}
	for _, tt := range []struct {
		name, mode   string
		scale        float64
		wantMode     string
		wantScale    float64
		wantOverride string
	}{
		{"as written", "", 0, "tabletop", 86400, ""},
		{"compressed", "compressed", 0, "compressed", 86400, "set for this drill: mode compressed (scenario: tabletop)"},
		{"compressed and scaled", "compressed", 720, "compressed", 720, "set for this drill: mode compressed (scenario: tabletop), time scale 720 (scenario: 86400)"},
		{"scaled", "", 3600, "tabletop", 3600, "set for this drill: time scale 3600 (scenario: 86400)"},
		{"live", "live", 0, "live", 1, "set for this drill: mode live (scenario: tabletop)"},
		{"same mode", "tabletop", 0, "tabletop", 86400, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			r.Mode, r.TimeScale = tt.mode, tt.scale
			p, err := Prepare(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Plan.Scenario
			if got.Mode != tt.wantMode || got.TimeScale != tt.wantScale || got.Override != tt.wantOverride {
				t.Errorf("plan scenario: mode %q, time scale %v, override %q; want %q, %v, %q", got.Mode, got.TimeScale, got.Override, tt.wantMode, tt.wantScale, tt.wantOverride)
			}
			if p.Input.Plan.Scenario.Mode != tt.wantMode || p.Scenario.EffectiveMode() != tt.wantMode {
				t.Errorf("input plan mode %q, prepared scenario mode %q; want %q", p.Input.Plan.Scenario.Mode, p.Scenario.EffectiveMode(), tt.wantMode)
			}
			defs, err := evidence.Unpack(p.Input.Definitions)
			if err != nil {
				t.Fatal(err)
			}
			if last := defs[len(defs)-1]; !strings.Contains(string(last.Data), "mode: tabletop") {
				t.Errorf("definition %s = %q, want the scenario as written (mode: tabletop)", last.Path, last.Data)
			}
		})
	}
	for _, tt := range []struct {
		name, mode string
		scale      float64
		want       string
	}{
		{"unknown mode", "fast", 0, `scenario portal-tabletop: mode "fast" is not a drill mode; allowed: live, tabletop, compressed`},
		{"negative scale", "", -2, "scenario portal-tabletop: time scale -2 is not positive"},
		{"scale in live mode", "live", 720, "scenario portal-tabletop: a time scale is not for live mode"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			r.Mode, r.TimeScale = tt.mode, tt.scale
			_, err := Prepare(ctx, r)
			if err == nil || !IsInvalid(err) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Prepare(mode %q, time scale %v) = %v (invalid: %v), want an invalid request starting %q", tt.mode, tt.scale, err, IsInvalid(err), tt.want)
			}
		})
	}
}

// TestPrepareSupplierScenario prepares SUPPLIER-1-week for a supplier only
// the catalog knows: the evidence packs the scenario made for it as YAML.
func TestPrepareSupplierScenario(t *testing.T) {
	p, err := Prepare(context.Background(), Request{Catalogs: []string{"testdata/catalog"}, Scenario: "hoster-1-week", At: at, StartedBy: "anna", Reports: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if sc := p.Plan.Scenario; sc.ID != "hoster-1-week" || sc.Duration.String() != "7d" || strings.Join(sc.Lost, ",") != "hoster" || len(p.Plan.Processes) != 1 {
		t.Errorf("plan scenario %+v with %d processes, want hoster lost for 7d and 1 process", sc, len(p.Plan.Processes))
	}
	if diff := cmp.Diff([]string{"catalog/catalog.yaml", "catalog/runbooks.yaml", "scenario/hoster-1-week.yaml"}, definitionPaths(t, p.Input)); diff != "" {
		t.Errorf("definitions (-want +got):\n%s", diff)
	}
}

package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
	"github.com/exitdrill/exitdrill/scenarios"
)

const ghSecret = "ghp_secretCLItoken0123456789abcdef"

// findingsBundle writes an evidence bundle of a drill in which the processes'
// steps failed or passed as given, and returns its directory.
func findingsBundle(t *testing.T, drillID string, failed map[string]bool) string {
	t.Helper()
	info := drill.Info{ID: "microsoft-1-month", Title: "Microsoft gone", Duration: drill.Duration(30 * 24 * time.Hour), Mode: scenarios.Compressed}
	plan := &drill.Plan{DrillID: drillID, Organisation: "Gemeente Voorbeeldstad", Scenario: info}
	res := &drill.DrillResult{DrillID: drillID, Scenario: info, Started: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}
	res.Finished = res.Started.Add(time.Minute)
	for _, id := range []string{"restore", "alt-up"} {
		p := &drill.ProcessResult{Process: "p-" + id, Owner: "Directie Parkeren", Critical: true,
			RTO: drill.Duration(48 * time.Hour), MTPD: drill.Duration(7 * 24 * time.Hour), Verdict: drill.Recovered, Recovered: true}
		st := &drill.StepResult{Process: p.Process, Step: id, Kind: "backup.restore", Target: "db-" + id, Status: drill.StepPassed, Measure: drill.Measured}
		if failed[id] {
			st.Status, st.Reason = drill.StepFailed, "restic: pack damaged"
			p.Verdict, p.Recovered, p.Why = drill.Breached, false, "not recovered within the MTPD"
		}
		p.Steps = append(p.Steps, st)
		plan.Processes = append(plan.Processes, &drill.ProcessPlan{ID: p.Process, Owner: p.Owner})
		res.Processes = append(res.Processes, p)
	}
	_, files, err := evidence.Build(evidence.Input{Plan: plan, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), drillID)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func publishServer(t *testing.T) *fakegithub.Server {
	t.Helper()
	saved := githubRetry
	githubRetry = forge.Retry{Attempts: 3, Backoff: 10 * time.Millisecond, MaxBackoff: 20 * time.Millisecond, MaxWait: 5 * time.Second}
	t.Cleanup(func() { githubRetry = saved })
	srv := fakegithub.New()
	srv.Token = ghSecret
	srv.AddRepo("voorbeeldstad", "continuity", "", false)
	t.Cleanup(srv.Close)
	t.Setenv("GITHUB_TOKEN", ghSecret)
	t.Setenv("GITHUB_API_URL", srv.APIURL())
	return srv
}

// openIssues counts the open issues of each finding fingerprint.
func openIssues(srv *fakegithub.Server) map[string]int {
	out := map[string]int{}
	for _, is := range srv.Issues("voorbeeldstad", "continuity") {
		if _, rest, ok := strings.Cut(is.Body, "fingerprint="); ok && is.State == "open" {
			fp, _, _ := strings.Cut(rest, " ")
			out[fp]++
		}
	}
	return out
}

func noSecret(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, ghSecret) || strings.Contains(s, "ghp_secret") {
			t.Errorf("a token appears in the output:\n%s", s)
		}
	}
}

func TestPublishTwiceThenFixedThenCrash(t *testing.T) {
	srv := publishServer(t)
	owners := filepath.Join(t.TempDir(), "owners.yaml")
	if err := os.WriteFile(owners, []byte("Directie Parkeren: jdevries\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d1 := findingsBundle(t, "d1", map[string]bool{"restore": true, "alt-up": true})
	for range 2 {
		code, out, errs := run(t, "publish", d1, "--github", "voorbeeldstad/continuity", "--owners", owners, "--tracking-issue")
		if code != 0 {
			t.Fatalf("publish: exit %d\n%s", code, errs)
		}
		noSecret(t, out, errs)
	}
	open := openIssues(srv)
	if len(open) != 4 {
		t.Fatalf("open issues by fingerprint = %v, want 4 findings (a breach and a failed step, twice)", open)
	}
	for fp, n := range open {
		if n != 1 {
			t.Errorf("finding %s has %d open issues, want 1", fp, n)
		}
	}
	all := srv.Issues("voorbeeldstad", "continuity")
	if len(all) != 5 || len(all[4].Comments) != 1 || !strings.Contains(all[4].Comments[0], "d1") {
		t.Errorf("want 4 finding issues and a tracking issue with d1's report once; got %d issues, last %+v", len(all), all[len(all)-1])
	}

	// The restore is repaired: its two findings' issues are closed with a comment naming the drill.
	d2 := findingsBundle(t, "d2", map[string]bool{"alt-up": true})
	code, out, errs := run(t, "publish", d2, "--github", "voorbeeldstad/continuity", "--format", "json")
	if code != 0 {
		t.Fatalf("publish d2: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, `"action": "closed"`) {
		t.Errorf("json output lacks the closed issues:\n%s", out)
	}
	if n := len(openIssues(srv)); n != 2 {
		t.Errorf("%d findings with open issues after the fix, want 2", n)
	}
	closed := 0
	for _, is := range srv.Issues("voorbeeldstad", "continuity") {
		if is.State == "closed" {
			closed++
			if len(is.Comments) == 0 || !strings.Contains(is.Comments[len(is.Comments)-1], "No longer found in drill `d2`") {
				t.Errorf("closed issue #%d comments %q, want one naming d2", is.Number, is.Comments)
			}
		}
	}
	if closed != 2 {
		t.Errorf("%d closed issues, want 2", closed)
	}

	// A publish that dies half-way, in another scope: GitHub accepts two
	// creates, then fails; run again, it opens the rest and no duplicate.
	d3 := findingsBundle(t, "d3", map[string]bool{"restore": true, "alt-up": true})
	srv.Inject(&fakegithub.Fault{Method: "POST", Prefix: "/repos/voorbeeldstad/continuity/issues", Kind: "status", Status: 502, Skip: 2, Times: 100})
	code, out, errs = run(t, "publish", d3, "--github", "voorbeeldstad/continuity", "--scope", "kpn-1-week")
	if code != ExitError || !strings.Contains(errs, "run the command again") || !strings.Contains(errs, "GitHub answered 502") {
		t.Errorf("crashing publish: exit %d, stderr:\n%s", code, errs)
	}
	noSecret(t, out, errs)
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 7 {
		t.Fatalf("%d issues after the crash, want 5 + 2", n)
	}
	srv.ClearFaults()
	code, _, errs = run(t, "publish", d3, "--github", "voorbeeldstad/continuity", "--scope", "kpn-1-week")
	if code != 0 {
		t.Fatalf("publish again: exit %d\n%s", code, errs)
	}
	if n := len(srv.Issues("voorbeeldstad", "continuity")); n != 9 {
		t.Errorf("%d issues after the rerun, want 5 + 4", n)
	}
	perScope := map[string]int{}
	for _, is := range srv.Issues("voorbeeldstad", "continuity") {
		if _, rest, ok := strings.Cut(is.Body, "fingerprint="); ok && is.State == "open" {
			perScope[strings.Fields(rest)[0]+" "+strings.Fields(rest)[1]]++
		}
	}
	if len(perScope) != 6 {
		t.Errorf("open (fingerprint, scope) pairs = %v, want 2 in microsoft-1-month and 4 in kpn-1-week", perScope)
	}
	for k, n := range perScope {
		if n != 1 {
			t.Errorf("%s: %d open issues, want 1", k, n)
		}
	}
}

func TestPublishErrorsNeverShowTheToken(t *testing.T) {
	publishServer(t)
	d1 := findingsBundle(t, "d1", map[string]bool{"restore": true})
	t.Setenv("MY_TOKEN", "ghp_secretWRONGtoken")
	code, out, errs := run(t, "publish", d1, "--github", "voorbeeldstad/continuity", "--token-env", "MY_TOKEN")
	if code != ExitError || !strings.Contains(errs, "GitHub answered 401 Bad credentials: the token in MY_TOKEN is invalid or expired") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	noSecret(t, out, errs)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"publish", d1, "--github", "no-slash"}, `--github "no-slash": want OWNER/REPO`},
		{[]string{"publish", "nope", "--github", "o/r"}, "no evidence bundle nope"},
		{[]string{"publish", d1}, `required flag(s) "github" not set`},
	} {
		code, _, errs := run(t, tt.args...)
		if code != ExitInvalid || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d stderr %q, want 2 and %q", tt.args, code, errs, tt.want)
		}
	}
}

func TestDefinitionsFromGitHubRecordTheCommit(t *testing.T) {
	srv := publishServer(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	repo := filepath.Join(t.TempDir(), "defs")
	fakegithub.InitRepo(t, repo)
	files := map[string]string{}
	for _, name := range []string{"catalog.yaml", "exitplans/p.md"} {
		b, err := os.ReadFile(filepath.Join("testdata/valid", name))
		if err != nil {
			t.Fatal(err)
		}
		files["continuity/"+name] = string(b)
	}
	files["drills/own.yaml"] = "apiVersion: exitdrill/v1\nkind: Scenario\nid: own-week\nlose: {suppliers: [own]}\nduration: 7d\n"
	sha := fakegithub.Commit(t, repo, time.Now(), "definitions", files)
	srv.AddRepo("voorbeeldstad", "defs", repo, true)

	paths, sources, err := resolveSources(context.Background(), "catalog",
		[]string{"github:voorbeeldstad/defs/continuity@main", "testdata/valid"}, githubFlags{})
	if err != nil {
		t.Fatal(err)
	}
	want := []drill.Source{{Role: "catalog", Spec: "github:voorbeeldstad/defs/continuity@main", Commit: sha}, {Role: "catalog", Spec: "testdata/valid"}}
	if len(sources) != 2 || sources[0] != want[0] || sources[1] != want[1] {
		t.Errorf("sources = %+v, want %+v", sources, want)
	}
	if paths[1] != "testdata/valid" || !strings.Contains(paths[0], sha) {
		t.Errorf("paths = %v, want the cached commit and the local path unchanged", paths)
	}
	if _, err := loadCatalog(paths[0]); err != nil {
		t.Errorf("the catalog from the repository does not load: %v", err)
	}
	code, out, errs := run(t, "validate", "github:voorbeeldstad/defs/continuity@"+sha[:12])
	if code != 0 || !strings.Contains(out, "valid: 4 suppliers, 3 applications, 3 processes") {
		t.Errorf("validate from GitHub: exit %d\n%s%s", code, out, errs)
	}
	// The commands that read a catalog without running a drill take the
	// same sources (issue 17, 7d).
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"impact", "--catalog", "github:voorbeeldstad/defs/continuity@main", "--scenario", "github:voorbeeldstad/defs/drills/own.yaml@main"}, "Test — own-week"},
		{[]string{"impact", "--catalog", "github:voorbeeldstad/defs/continuity@main", "--scenario", "microsoft-1-day"}, "Test — Microsoft"},
		{[]string{"suppliers", "--catalog", "github:voorbeeldstad/defs/continuity@main"}, "Test — supplier concentration (4 suppliers, 3 applications, 3 processes)"},
		{[]string{"matrix", "--catalog", "github:voorbeeldstad/defs/continuity@" + sha[:12]}, "microsoft"},
	} {
		code, out, errs := run(t, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, want 0 and %q\n%s%s", tt.args, code, tt.want, out, errs)
		}
	}
	for _, cmd := range [][]string{{"impact", "--scenario", "own-1-day"}, {"suppliers"}, {"matrix"}} {
		code, _, errs := run(t, append(cmd, "--catalog", "github:voorbeeldstad")...)
		if code != ExitInvalid || !strings.Contains(errs, "want github:OWNER/REPO/PATH@REF") {
			t.Errorf("%s with a bad spec: exit %d, want 2\n%s", cmd[0], code, errs)
		}
	}
	t.Setenv("GITHUB_TOKEN", "")
	code, _, errs = run(t, "validate", "github:voorbeeldstad/defs/continuity@main")
	if code != ExitError || !strings.Contains(errs, "for a private repository set GITHUB_TOKEN") {
		t.Errorf("private repository without a token: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "validate", "github:voorbeeldstad")
	if code != ExitInvalid || !strings.Contains(errs, "want github:OWNER/REPO/PATH@REF") {
		t.Errorf("bad spec: exit %d\n%s", code, errs)
	}
}

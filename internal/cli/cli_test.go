package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// run executes the command line and returns exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Execute(context.Background(), args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

func TestValidateExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string   // substring of stdout
		wantErr  []string // substrings of stderr
	}{
		{"valid", []string{"validate", "testdata/valid"}, 0, "valid: 4 suppliers, 3 applications, 3 processes, 1 runbooks", []string{
			"warning: 2 process needs are not covered by a runbook step, so a drill that loses them judges their processes unproven, never recovered: idp (1), crm (1); details:"}},
		// half-service needs front and, through it, back; its runbook covers
		// front only (run judges it unproven: failon_test.go).
		{"a runbook that covers one of two applications", []string{"validate", "testdata/failon/catalog"}, 0, "valid: 5 suppliers, 6 applications, 5 processes, 4 runbooks", []string{
			"warning: 1 process need is not covered by a runbook step, so a drill that loses it judges the process unproven, never recovered: back (1); details:"}},
		{"faulty names every fault", []string{"validate", "testdata/faulty"}, 2, "", []string{
			"invalid definitions, 11 problems:",
			`testdata/faulty/catalog.yaml:18:26: applications[parkeren].exitPlan.document: value "exitplans/p.md": referenced file does not exist`,
			`testdata/faulty/catalog.yaml:23:43: processes[klant].rto: value "40d": rto is longer than mtpd 30d`,
			`testdata/faulty/catalog.yaml:24:73: processes[other].bogus: value "bogus": unknown key`,
			`testdata/faulty/catalog.yaml:31:20: runbook[rb].steps[b].check: value "backup.frsh": unknown step kind`,
		}},
		{"missing path", []string{"validate", "testdata/nope"}, 2, "", []string{"testdata/nope: cannot read: no such file or directory"}},
		{"no args", []string{"validate"}, 2, "", []string{"requires at least 1 arg"}},
		{"bad output", []string{"validate", "-o", "xml", "testdata/valid"}, 2, "", []string{`--output "xml": allowed are text and json`}},
		{"bad format", []string{"validate", "--format", "xml", "testdata/valid"}, 2, "", []string{`--format "xml": allowed are text and json`}},
		{"unknown command", []string{"frobnicate"}, 2, "", []string{`unknown command "frobnicate"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.wantCode, errs)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", out, tt.wantOut)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr = %q\nwant it to contain %q", errs, w)
				}
			}
		})
	}
}

func TestValidateJSON(t *testing.T) {
	code, out, _ := run(t, "validate", "--format", "json", "testdata/faulty")
	if code != ExitInvalid {
		t.Fatalf("exit code = %d, want %d", code, ExitInvalid)
	}
	var got struct {
		Valid    bool
		Problems []struct {
			Pos struct {
				File      string
				Line, Col int
			}
			Key     string
			Value   string
			Problem string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not one JSON document: %v\n%s", err, out)
	}
	if got.Valid || len(got.Problems) != 11 {
		t.Fatalf("valid=%v problems=%d, want false and 11", got.Valid, len(got.Problems))
	}
	p := got.Problems[0]
	if p.Pos.File != "testdata/faulty/catalog.yaml" || p.Pos.Line != 18 || p.Pos.Col != 26 || p.Key != "applications[parkeren].exitPlan.document" {
		t.Errorf("first problem = %+v", p)
	}
}

// TestValidateCoverageJSON: the JSON document lists every application a
// process needs that its runbook does not cover.
func TestValidateCoverageJSON(t *testing.T) {
	code, out, errs := run(t, "validate", "--format", "json", "testdata/valid")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	var got struct{ Coverage []map[string]string }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{{"process": "vergunningen", "runbook": "rb", "application": "idp"}, {"process": "klant", "runbook": "rb", "application": "crm"}}
	if diff := cmp.Diff(want, got.Coverage); diff != "" {
		t.Errorf("coverage (-want +got):\n%s", diff)
	}
}

func TestImpactJSON(t *testing.T) {
	code, out, errs := run(t, "impact", "--catalog", "testdata/valid", "--scenario", "aws-1-month", "--format", "json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	var got struct {
		Lost, Down []string
		Processes  []struct {
			Process    struct{ ID string }
			Paths      [][]struct{ Kind, ID string }
			Assessment struct{ Level string }
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"aws", "salesforce"}, got.Down); diff != "" {
		t.Errorf("down (-want +got):\n%s", diff)
	}
	if len(got.Processes) != 1 || got.Processes[0].Process.ID != "klant" {
		t.Fatalf("processes = %+v, want only klant", got.Processes)
	}
	wantPath := []struct{ Kind, ID string }{{"process", "klant"}, {"application", "crm"}, {"supplier", "salesforce"}, {"subprocessor", "aws"}}
	if diff := cmp.Diff(wantPath, got.Processes[0].Paths[0]); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}

// TestImpactUncovered: impact lists, under its own heading (never wrapped
// inside a word), each lost application a process needs that no step of its
// runbook covers, with the process and runbook, and how to cover it; a
// scenario whose lost applications are all covered shows no such table.
func TestImpactUncovered(t *testing.T) {
	const heading = "Not covered: no runbook step shows these come back"
	const hint = "cover an application with a step that targets its backup, alternative or exit plan, or with covers: [APP] on a command, container or manual step"
	row := regexp.MustCompile(`(?m)^\|\s*klant\s*\|\s*rb\s*\|\s*crm\s*\|$`)
	code, out, errs := run(t, "impact", "--catalog", "testdata/valid", "--scenario", "aws-1-month")
	if code != ExitOK {
		t.Fatalf("impact aws-1-month: exit %d: %s", code, errs)
	}
	at := strings.Index(out, heading)
	if at < 0 {
		t.Fatalf("impact aws-1-month does not say %q:\n%s", heading, out)
	}
	table := out[at:]
	if !row.MatchString(table) || !strings.Contains(table, "LOST APPLICATION") || !strings.Contains(table, hint) {
		t.Errorf("impact aws-1-month: want klant | rb | crm under %q, and the hint:\n%s", heading, out)
	}
	// vergunningen needs parkeren, which its runbook's backup steps cover.
	code, out, errs = run(t, "impact", "--catalog", "testdata/valid", "--scenario", "own-1-week")
	if code != ExitOK || !strings.Contains(out, "vergunningen") {
		t.Fatalf("impact own-1-week: exit %d, stdout:\n%s\nstderr: %s", code, out, errs)
	}
	if strings.Contains(out, "Not covered") || strings.Contains(out, hint) {
		t.Errorf("impact own-1-week lists applications as not covered:\n%s", out)
	}
}

func TestImpactRejectsUnknownSupplierScenario(t *testing.T) {
	code, _, errs := run(t, "impact", "--catalog", "testdata/valid", "--scenario", "sap-1-week")
	if code != ExitInvalid {
		t.Fatalf("exit code = %d, want 2", code)
	}
	want := `lose.suppliers: value "sap": unknown supplier in catalog Test (allowed: a supplier id of the catalog: aws, microsoft, own, salesforce)`
	if !strings.Contains(errs, want) {
		t.Errorf("stderr = %q, want %q", errs, want)
	}
}

func TestMatrixJSON(t *testing.T) {
	code, out, errs := run(t, "matrix", "--catalog", "testdata/valid", "--format", "json")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, errs)
	}
	var got matrixResult
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	exceeded := map[string][]int{}
	for _, r := range got.Rows {
		exceeded[r.Supplier] = r.Exceeded
	}
	// other (MTPD 1d) needs idp (microsoft); vergunningen (MTPD 7d) needs parkeren,
	// which depends on idp; klant (MTPD 30d) is never exceeded by a 30-day loss.
	want := map[string][]int{"microsoft": {0, 1, 2}, "aws": {0, 0, 0}, "salesforce": {0, 0, 0}, "own": {0, 0, 1}}
	if diff := cmp.Diff(want, exceeded); diff != "" {
		t.Errorf("matrix (-want +got):\n%s", diff)
	}
}

func TestScenarios(t *testing.T) {
	code, out, _ := run(t, "scenarios", "list")
	if code != 0 || !strings.Contains(out, "us-jurisdiction-1-month") || !strings.Contains(out, "microsoft-1-week") {
		t.Errorf("scenarios list: code %d, output:\n%s", code, out)
	}
	code, out, _ = run(t, "scenarios", "show", "kpn-1-day")
	if code != 0 || !strings.Contains(out, "id: kpn-1-day\n") || !strings.Contains(out, "duration: 1d\n") {
		t.Errorf("scenarios show: code %d, output:\n%s", code, out)
	}
	code, _, errs := run(t, "scenarios", "show", "nope")
	if code != ExitInvalid || !strings.Contains(errs, `no library scenario "nope"`) {
		t.Errorf("scenarios show nope: code %d, stderr %q", code, errs)
	}
}

// TestSchemaFilesUpToDate keeps schema/*.json, which editors point at, equal to
// what the validator enforces. Refresh with: make schema.
func TestSchemaFilesUpToDate(t *testing.T) {
	for name := range schemaKinds {
		want, err := schemaJSON(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "schema", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("schema/%s.json is stale; run make schema (-want +got):\n%s", name, diff)
		}
	}
	if code, _, errs := run(t, "schema", "policy"); code != ExitInvalid || !strings.Contains(errs, "allowed: catalog, runbook, scenario") {
		t.Errorf("schema policy: code %d, stderr %q", code, errs)
	}
}

package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/scenarios"
)

// TestExportROI imports the example register, gives Acme's SaaS an exit plan
// and an alternative, drills it, and exports B_07.01: the verified drill
// fills the row; a tampered bundle and one signed by another key count for
// nothing, and say why.
func TestExportROI(t *testing.T) {
	dir := t.TempDir()
	roi := filepath.Join(dir, "roi.zip")
	testkit.ZipDir(t, "../../examples/import/roi", roi)
	bank := filepath.Join(dir, "bank")
	if code, _, errs := run(t, "import", roi, "--preset", "dora-roi", "-o", bank); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	replaceIn(t, filepath.Join(bank, "processes.yaml"), `owner: ""`, "owner: Operations")
	replaceIn(t, filepath.Join(bank, "processes.yaml"), "mtpd: TODO", "mtpd: 7d")
	replaceIn(t, filepath.Join(bank, "applications.yaml"), "    supplier: acme-cloud-ltd\n", "    supplier: acme-cloud-ltd\n"+
		"    alternatives: [{id: acme-alt, supplier: nl-hosting-b-v, health: {url: 'https://alt.example/health'}}]\n"+
		"    exitPlan: {document: exitplans/acme.md, owner: Operations, reviewed: 2026-01-15, target: nl-hosting-b-v}\n")
	if err := os.MkdirAll(filepath.Join(bank, "exitplans"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bank, "exitplans", "acme.md"), []byte("# Exit plan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "validate", bank); code != ExitOK {
		t.Fatalf("validate: exit %d: %s %s", code, out, errs)
	}

	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, ed25519.SeedSize))
	pubFile := filepath.Join(dir, "drill.pub")
	der, _ := x509.MarshalPKIXPublicKey(key.Public())
	if err := os.WriteFile(pubFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	drills := filepath.Join(dir, "drills")
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	acme := []*drill.StepResult{
		{Step: "plan", Kind: drill.ExitPlanCurrent, Target: "acme-cloud-ltd-saas", Status: drill.StepPassed},
		{Step: "export", Kind: drill.ExitPlanExport, Target: "acme-cloud-ltd-saas", Status: drill.StepPassed},
		{Step: "alt", Kind: drill.HostingHealthy, Target: "acme-alt", Status: drill.StepPassed},
	}
	writeStepsBundle(t, bank, filepath.Join(drills, "d1"), "d1", at, acme, key)
	host := []*drill.StepResult{{Step: "plan", Kind: drill.ExitPlanCurrent, Target: "nl-hosting-b-v-iaas", Status: drill.StepPassed}}
	writeStepsBundle(t, bank, filepath.Join(drills, "d2"), "d2", at.Add(24*time.Hour), host, key)
	res := filepath.Join(drills, "d2", evidence.ResultFile)
	data, _ := os.ReadFile(res)
	if err := os.WriteFile(res, bytes.Replace(data, []byte(`"drillId"`), []byte(` "drillId"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	writeStepsBundle(t, bank, filepath.Join(drills, "d3"), "d3", at.Add(48*time.Hour), host, other)

	code, out, errs := run(t, "export", "roi", "--catalog", bank, "--bundles", drills, "--pub", pubFile, "-o", "-")
	want := "c0010,c0020,c0030,c0040,c0080,c0110,c0120,exitdrill_application,exitdrill_exit_plan_tested,exitdrill_alternative_tested,exitdrill_last_test,exitdrill_evidence\n" +
		"CTR-001,5493001KJTIIGC8Y1R12,eba_qCO:qx2000,eba_TA:S19,eba_BT:x28,eba_BT:x28,NL Hosting B.V.,acme-cloud-ltd-saas,2026-03-01,2026-03-01,2026-03-01," + filepath.Join(drills, "d1") + "\n" +
		"CTR-002,724500VKKSH9QOLTFR81,eba_qCO:qx2000,eba_TA:S17,,,,nl-hosting-b-v-iaas,,,,\n"
	if code != ExitOK || out != want {
		t.Errorf("export roi: exit %d, stdout\n%s\nwant\n%s\nstderr %s", code, out, want, errs)
	}
	for _, s := range []string{"wrote 2 rows of B_07.01 to stdout: 1 with an exit plan and 1 with an alternative a verified drill proved; 1 of 3 bundles counted",
		"not counted: " + filepath.Join(drills, "d2") + ": verification failed", "not counted: " + filepath.Join(drills, "d3") + ": "} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}

	xlsx := filepath.Join(dir, "roi-b07.xlsx")
	if code, _, errs := run(t, "export", "roi", "--catalog", bank, "--bundles", drills, "--pub", pubFile, "-o", xlsx); code != ExitOK {
		t.Errorf("export roi -o %s: exit %d: %s", xlsx, code, errs)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("no workbook written: %v", err)
	}
	for _, args := range [][]string{
		{"export", "roi", "--catalog", bank, "--bundles", drills, "--pub", pubFile, "-o", filepath.Join(dir, "b07.ods")},
		{"export", "roi", "--catalog", filepath.Join(dir, "nothing"), "--bundles", drills, "--pub", pubFile, "-o", "-"},
	} {
		if code, out, _ := run(t, args...); code != ExitInvalid || out != "" {
			t.Errorf("exitdrill %s: exit %d, stdout %q; want 2 and nothing", strings.Join(args, " "), code, out)
		}
	}
}

// writeStepsBundle writes a sealed bundle of a month without Acme on the
// catalog in catDir, in which the first process ran steps.
func writeStepsBundle(t *testing.T, catDir, out, id string, at time.Time, steps []*drill.StepResult, key ed25519.PrivateKey) {
	t.Helper()
	c, err := loadCatalog(catDir)
	if err != nil {
		t.Fatal(err)
	}
	sc := &scenarios.Scenario{ID: "acme-cloud-ltd-1-month", Lose: scenarios.Lose{Suppliers: []string{"acme-cloud-ltd"}}, Duration: drill.Duration(30 * 24 * time.Hour)}
	plan := scenarios.NewPlan(id, c, sc)
	result := &drill.DrillResult{DrillID: id, Scenario: plan.Scenario, Started: at.Add(-time.Hour), Finished: at}
	for i, p := range plan.Processes {
		pr := &drill.ProcessResult{Process: p.ID, Owner: p.Owner, Critical: p.Critical, RTO: p.RTO, MTPD: p.MTPD, RPO: p.RPO, Steps: []*drill.StepResult{}}
		if i == 0 {
			for _, s := range steps {
				s.Process = p.ID
			}
			pr.Steps = steps
		}
		pr.Verdict, pr.Why = drill.Judge(false, 0, p.RTO, p.MTPD, sc.Duration)
		result.Processes = append(result.Processes, pr)
	}
	sealBundle(t, out, plan, result, key)
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s lacks %q (%v)", path, old, err)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(data, []byte(old), []byte(new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// importedBank imports the sample register into a directory, fills in what
// it lacks and gives Acme's SaaS an alternative at NL Hosting.
func importedBank(t *testing.T) string {
	t.Helper()
	forms := registerForms(t, sampleRegister())
	res, err := DORAROI(context.Background(), []string{forms["xbrl-csv"]}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "bank")
	importInto(t, res, out)
	replaceAll(t, filepath.Join(out, "processes.yaml"), `owner: ""`, "owner: Operations")
	replaceAll(t, filepath.Join(out, "processes.yaml"), "mtpd: TODO", "mtpd: 7d")
	edit(t, filepath.Join(out, "applications.yaml"), "    supplier: acme-cloud-ltd\n", "    supplier: acme-cloud-ltd\n    alternatives: [{id: acme-alt, supplier: nl-hosting-b-v}]\n")
	return out
}

// bundle is a verified drill's bundle as B0701 sees it.
func bundle(org string, at time.Time, aborted bool, steps ...*drill.StepResult) *evidence.Bundle {
	res := &drill.DrillResult{Started: at.Add(-time.Hour), Finished: at, Processes: []*drill.ProcessResult{{Process: "betalingsverkeer", Steps: steps}}}
	if aborted {
		res.Abort = &drill.Abort{}
	}
	return &evidence.Bundle{Plan: &drill.Plan{Organisation: org}, Result: res}
}

func step(kind drill.StepKind, target string, status drill.StepStatus) *drill.StepResult {
	return &drill.StepResult{Kind: kind, Target: target, Status: status}
}

// TestB0701 fills B_07.01 from drills: a passed exitplan.current says an exit
// plan exists, a passed exitplan.export that it was tested, a passed hosting
// check of an alternative that one is identified and tested; failed checks,
// rollback steps, aborted drills and drills of another organisation prove
// nothing, and a row nothing proved stays empty for the register to keep.
func TestB0701(t *testing.T) {
	dir := importedBank(t)
	c, err := loadCatalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	services, err := RegisterServices(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	march, april := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	const org = "Voorbeeld Bank N.V."
	b1 := bundle(org, march, false,
		step(drill.ExitPlanCurrent, "acme-cloud-ltd-saas", drill.StepPassed),
		step(drill.ExitPlanExport, "acme-cloud-ltd-saas", drill.StepPassed),
		step(drill.HostingHealthy, "acme-alt", drill.StepPassed))
	b2 := bundle(org, april, true, step(drill.ExitPlanCurrent, "nl-hosting-b-v-iaas", drill.StepPassed))
	b3 := bundle("Andere Bank", april, false, step(drill.ExitPlanCurrent, "nl-hosting-b-v-iaas", drill.StepPassed))
	rollback := step(drill.ExitPlanExport, "nl-hosting-b-v-iaas", drill.StepPassed)
	rollback.Rollback = true
	b4 := bundle(org, april, false, step(drill.HostingHealthy, "acme-alt", drill.StepFailed), rollback,
		step(drill.ExitPlanCurrent, "nl-hosting-b-v-iaas", drill.StepFailed))
	names := map[*evidence.Bundle]string{b1: "drills/d1", b2: "drills/d2", b3: "drills/d3", b4: "drills/d4"}
	rows, skipped := B0701(c, services, []*evidence.Bundle{b1, b2, b3, b4}, names)

	data, err := B0701CSV(rows)
	if err != nil {
		t.Fatal(err)
	}
	want := "c0010,c0020,c0030,c0040,c0080,c0110,c0120,exitdrill_application,exitdrill_exit_plan_tested,exitdrill_alternative_tested,exitdrill_last_test,exitdrill_evidence\n" +
		"CTR-001," + leiAcme + ",eba_qCO:qx2000,eba_TA:S19,eba_BT:x28,eba_BT:x28,NL Hosting B.V.,acme-cloud-ltd-saas,2026-03-01,2026-03-01,2026-03-01,drills/d1\n" +
		"CTR-002," + leiHost + ",eba_qCO:qx2000,eba_TA:S17,,,,nl-hosting-b-v-iaas,,,,\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("B_07.01 (-want +got):\n%s", diff)
	}
	wantSkipped := map[string]string{"drills/d2": "the drill was aborted: it proves nothing", "drills/d3": `a drill of "Andere Bank", not of "Voorbeeld Bank N.V."`}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped bundles (-want +got):\n%s", diff)
	}

	xlsx := filepath.Join(t.TempDir(), "roi-b07.xlsx")
	if err := WriteB0701(xlsx, rows); err != nil {
		t.Fatal(err)
	}
	// The workbook reads back as a register's sheet would: the import's own
	// reader finds the row of codes (and misses the other templates).
	in := readInputs(context.Background(), []string{xlsx}, table.DefaultLimits, &Problems{})
	tables := readROIWorkbook(in[0], table.DefaultLimits, &Problems{})
	b07 := tables["B_07.01"]
	if b07 == nil || len(b07.Records) != 2 || b07.get(b07.Records[0], b0701ExitPlan) != roiYes || b07.get(b07.Records[1], b0701ExitPlan) != "" {
		t.Errorf("the workbook does not read back as B_07.01: %+v", b07)
	}
	if err := WriteB0701(strings.TrimSuffix(xlsx, ".xlsx")+".ods", rows); err == nil {
		t.Error("WriteB0701 wrote an .ods; want only .xlsx and .csv")
	}
}

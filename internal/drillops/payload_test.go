package drillops

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/gen"
)

// TestCheckPayloadSaysWhatIsTooLarge: a limit below the drill's size refuses
// it as invalid input, naming the drill, each part's size and what to do;
// the default limit lets the same small drill through.
func TestCheckPayloadSaysWhatIsTooLarge(t *testing.T) {
	r := Request{Catalogs: []string{"testdata/catalog"}, Scenario: "testdata/portal-tabletop.yaml", ID: "small", Reports: t.TempDir()}
	p, err := Prepare(context.Background(), r)
	if err != nil {
		t.Fatalf("the small drill within the default limit: %v", err)
	}
	err = CheckPayload(p.Input, 1024)
	if err == nil {
		t.Fatal("a drill over a 1 KiB limit was let through")
	}
	if !IsInvalid(err) {
		t.Errorf("err %T is not invalid input (exit 2)", err)
	}
	for _, want := range []string{"drill small is too large to run as one drill", "its input is ", "the summaries of its ",
		"over Temporal's payload limit of 1 KiB", "the server would end the drill when it writes its evidence",
		"lose fewer suppliers in one scenario, or split the catalog"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nlacks %q", err, want)
		}
	}
	r.PayloadLimit = 1024
	if _, err := Prepare(context.Background(), r); err == nil || !strings.Contains(err.Error(), "too large to run as one drill") {
		t.Errorf("Prepare with a 1 KiB limit: %v, want the payload refusal", err)
	}
}

// TestCheckPayloadAtScale: generated catalogs of trivial steps (the
// shape make bench-cluster drills). 2,500 processes (10,000 steps) fit:
// their drill's input is about 1.25 MiB compressed, and the drill keeps of
// each process only its summary (ProcessRoom). 4,000 processes do not: the
// input alone comes near the 2 MiB limit. The refusal comes from Prepare,
// before anything starts.
func TestCheckPayloadAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and prepares catalogs of thousands of processes")
	}
	for _, tt := range []struct {
		procs int
		fits  bool
	}{{2500, true}, {4000, false}} {
		t.Run(fmt.Sprint(tt.procs), func(t *testing.T) {
			catalog, scenario := trivialCatalog(t, tt.procs)
			p, err := Prepare(context.Background(), Request{Catalogs: []string{catalog}, Scenario: scenario, ID: "scale", Reports: t.TempDir()})
			switch {
			case tt.fits && err != nil:
				t.Fatalf("%d processes: %v", tt.procs, err)
			case tt.fits && len(p.Plan.Processes) != tt.procs:
				t.Fatalf("%d processes planned, want %d", len(p.Plan.Processes), tt.procs)
			case !tt.fits && (err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), fmt.Sprintf("the summaries of its %d processes", tt.procs))):
				t.Fatalf("%d processes: err = %v, want the payload refusal naming %d processes", tt.procs, err, tt.procs)
			case !tt.fits:
				t.Log(err)
			case tt.fits:
				checkProcessRoom(t, p.Plan)
			}
		})
	}
}

// checkProcessRoom: the summaries a drill of plan keeps, judged as the
// Process workflow judges these processes (every trivial step passed, their
// applications not covered: unproven, with the applications named), take
// at most ProcessRoom bytes a process as Temporal stores the drill's result.
func checkProcessRoom(t *testing.T, plan *drill.Plan) {
	t.Helper()
	res := &drill.DrillResult{DrillID: plan.DrillID, Scenario: plan.Scenario}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, pp := range plan.Processes {
		r := &drill.ProcessResult{Process: pp.ID, Name: pp.Name, Owner: pp.Owner, Critical: pp.Critical,
			RTO: pp.RTO, MTPD: pp.MTPD, RPO: pp.RPO, Runs: 1, DataLoss: drill.DataLossOf(nil, pp.RPO)}
		recovery := drill.Duration(4 * time.Hour)
		r.Verdict, r.Why = drill.Judge(true, recovery, pp.RTO, pp.MTPD, plan.Scenario.Duration)
		if apps := pp.Uncovered(); len(apps) > 0 {
			r.Verdict, r.Why = drill.Unproven, drill.UnprovenWhy(apps, recovery)
		}
		// Run ids are random (UUIDs): they compress least.
		ref := drill.RunRef{WorkflowID: plan.DrillID + "/" + pp.ID,
			RunID: fmt.Sprintf("%08x-%04x-7%03x-%04x-%012x", rng.Uint32(), rng.Uint32N(1<<16), rng.Uint32N(1<<12), rng.Uint32N(1<<16), rng.Uint64N(1<<48))}
		res.Processes = append(res.Processes, r.Summary(ref))
	}
	p, err := engine.DataConverter.ToPayloads(res)
	if err != nil {
		t.Fatal(err)
	}
	per := proto.Size(p) / len(plan.Processes)
	t.Logf("%d summaries: %d bytes as stored, %d a process", len(plan.Processes), proto.Size(p), per)
	if per > ProcessRoom {
		t.Errorf("a summary takes %d bytes as stored, over ProcessRoom (%d)", per, ProcessRoom)
	}
}

// trivialCatalog writes a generated catalog of procs processes with trivial
// steps and a scenario losing every supplier of it for a month, compressed.
func trivialCatalog(t *testing.T, procs int) (catalog, scenario string) {
	t.Helper()
	files, err := gen.Catalog(gen.Options{Apps: procs * 13, Processes: procs, Suppliers: 30, Seed: 1, TrivialSteps: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	catalog = filepath.Join(dir, "catalog")
	var ids []string
	for _, f := range files {
		path := filepath.Join(catalog, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(filepath.Base(f.Name), "supplier") {
			for _, m := range regexp.MustCompile(`(?m)^  - id: (\S+)$`).FindAllStringSubmatch(string(f.Data), -1) {
				ids = append(ids, m[1])
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("no suppliers in the generated catalog")
	}
	scenario = filepath.Join(dir, "all.yaml")
	sc := "apiVersion: exitdrill/v1\nkind: Scenario\nid: all\nlose: {suppliers: [" + strings.Join(ids, ", ") + "]}\nduration: 30d\nmode: compressed\ntimeScale: 3600000\n"
	if err := os.WriteFile(scenario, []byte(sc), 0o644); err != nil {
		t.Fatal(err)
	}
	return catalog, scenario
}

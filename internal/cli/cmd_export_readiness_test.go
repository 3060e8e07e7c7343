package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/exitdrill/exitdrill/internal/importer"
	"github.com/exitdrill/exitdrill/reports/judge"
)

// TestExportReadinessXLSX drills a week without microsoft (a recovers, b
// does not), exports readiness as a workbook and reads it back with
// excelize: the same scores and cells as readiness --format json, scores as
// numbers, the drill's date as a date, and the bundle signed by another key
// listed as not counted.
func TestExportReadinessXLSX(t *testing.T) {
	dir := t.TempDir()
	catDir := filepath.Join(dir, "catalog")
	if err := os.MkdirAll(catDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(catDir, "catalog.yaml"), []byte(reportsCatalog), 0o644); err != nil {
		t.Fatal(err)
	}
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{5}, ed25519.SeedSize))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{6}, ed25519.SeedSize))
	der, _ := x509.MarshalPKIXPublicKey(key.Public())
	pubFile := filepath.Join(dir, "drill.pub")
	if err := os.WriteFile(pubFile, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	drills := filepath.Join(dir, "drills")
	at := time.Now().UTC().Add(-24 * time.Hour).Truncate(time.Second)
	writeDrillBundle(t, catDir, filepath.Join(drills, "d1"), "d1", at, 6*time.Hour, key)
	foreign := filepath.Join(drills, "d2")
	writeDrillBundle(t, catDir, foreign, "d2", at, time.Hour, other)

	code, out, errs := run(t, "readiness", "--catalog", catDir, "--reports", drills, "--pub", pubFile, "--format", "json")
	if code != ExitOK {
		t.Fatalf("readiness: exit %d: %s", code, errs)
	}
	var want judge.Readiness
	if err := json.Unmarshal([]byte(out), &want); err != nil {
		t.Fatal(err)
	}

	file := filepath.Join(dir, "readiness.xlsx")
	code, out, errs = run(t, "export", "readiness", "--catalog", catDir, "--reports", drills, "--pub", pubFile, "--format", "xlsx", "-o", file)
	if code != ExitOK || out != "" {
		t.Fatalf("export readiness: exit %d, stdout %q, stderr %s", code, out, errs)
	}
	if !strings.Contains(errs, "wrote readiness of 2 suppliers and 2 processes to "+file+" (1 drills counted, 1 bundles not counted)") {
		t.Errorf("stderr: %s", errs)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]string{importer.SheetMatrix, importer.SheetProcesses, importer.SheetEvidence, importer.SheetNotCounted, importer.SheetRules}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	matrix, _ := f.GetRows(importer.SheetMatrix)
	ms := want.Suppliers[0]
	if len(matrix) != 3 || matrix[1][0] != "microsoft" || matrix[1][3] != strconv.Itoa(*ms.Score) {
		t.Fatalf("Matrix rows %q, want microsoft with score %d", matrix, *ms.Score)
	}
	week := map[string]string{}
	for i, h := range matrix[0] {
		if strings.HasPrefix(h, "7d: ") && i < len(matrix[1]) {
			week[strings.TrimPrefix(h, "7d: ")] = matrix[1][i]
		}
	}
	if diff := cmp.Diff(map[string]string{"state": "failed", "at stake": "2", "proven": "a", "failed": "b", "re-test": "", "paper": ""}, week); diff != "" {
		t.Errorf("Matrix 7d cells (-want +got):\n%s\nheader %q", diff, matrix[0])
	}
	if typ, _ := f.GetCellType(importer.SheetMatrix, "D2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("the score cell D2 has type %v, want a number", typ)
	}
	procs, _ := f.GetRows(importer.SheetProcesses)
	if len(procs) != 3 {
		t.Fatalf("Processes rows %q, want a header and 2 processes", procs)
	}
	for i, p := range want.Processes {
		row := procs[i+1]
		if row[0] != p.Process || row[4] != strconv.Itoa(p.Score) || row[5] != p.LastDrilled.Format(time.DateOnly) {
			t.Errorf("Processes row %q, want %s with score %d, last drilled %s", row, p.Process, p.Score, p.LastDrilled.Format(time.DateOnly))
		}
	}
	ev, _ := f.GetRows(importer.SheetEvidence)
	n := 0
	for _, p := range want.Processes {
		for _, s := range p.Suppliers {
			n += len(s.Durations)
		}
	}
	if len(ev) != n+1 {
		t.Errorf("Evidence has %d rows, want %d and a header", len(ev)-1, n)
	}
	nc, _ := f.GetRows(importer.SheetNotCounted)
	if len(nc) != 2 || nc[1][0] != foreign || nc[1][1] != want.NotCounted[0].Reason {
		t.Errorf("Not counted rows %q, want %s with %q", nc, foreign, want.NotCounted[0].Reason)
	}

	// In Dutch: the sheets, headers, states, yes and no, and the line on
	// stderr; ids, scores and dates as in English.
	nlFile := filepath.Join(dir, "gereedheid.xlsx")
	code, _, errs = run(t, "export", "readiness", "--lang", "nl", "--catalog", catDir, "--reports", drills, "--pub", pubFile, "--format", "xlsx", "-o", nlFile)
	if code != ExitOK || !strings.Contains(errs, "gereedheid van 2 leveranciers en 2 processen geschreven naar "+nlFile+" (1 oefeningen meegeteld, 1 bundels niet meegeteld)") {
		t.Fatalf("export readiness --lang nl: exit %d, stderr %s", code, errs)
	}
	nf, err := excelize.OpenFile(nlFile)
	if err != nil {
		t.Fatal(err)
	}
	defer nf.Close()
	if diff := cmp.Diff([]string{"Matrix", "Processen", "Bewijs", "Niet meegeteld", "Regels"}, nf.GetSheetList()); diff != "" {
		t.Errorf("Dutch sheets (-want +got):\n%s", diff)
	}
	nlMatrix, _ := nf.GetRows("Matrix")
	nlWeek := map[string]string{}
	for i, h := range nlMatrix[0] {
		if strings.HasPrefix(h, "7d: ") && i < len(nlMatrix[1]) {
			nlWeek[strings.TrimPrefix(h, "7d: ")] = nlMatrix[1][i]
		}
	}
	if diff := cmp.Diff(map[string]string{"stand": "mislukt", "op het spel": "2", "aangetoond": "a", "mislukt": "b", "opnieuw testen": "", "alleen op papier": ""}, nlWeek); diff != "" {
		t.Errorf("Dutch Matrix 7d cells (-want +got):\n%s\nheader %q", diff, nlMatrix[0])
	}
	if nlMatrix[0][0] != "Leverancier" || nlMatrix[1][3] != matrix[1][3] {
		t.Errorf("Dutch Matrix header %q, row %q; want Leverancier and the same score as in English", nlMatrix[0], nlMatrix[1])
	}
	nlProcs, _ := nf.GetRows("Processen")
	if len(nlProcs) != 3 || nlProcs[1][3] != "ja" || nlProcs[1][5] != procs[1][5] {
		t.Errorf("Dutch Processes rows %q, want critical 'ja' and the same date as in English", nlProcs)
	}

	for _, args := range [][]string{
		{"--format", "csv", "-o", filepath.Join(dir, "r.xlsx")},
		{"-o", filepath.Join(dir, "r.csv")},
		{"-o", "-"},
		{},
	} {
		args = append([]string{"export", "readiness", "--catalog", catDir, "--reports", drills, "--pub", pubFile}, args...)
		if code, out, _ := run(t, args...); code != ExitInvalid || out != "" {
			t.Errorf("exitdrill %s: exit %d, stdout %q; want 2 and nothing", strings.Join(args, " "), code, out)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "r.*")); len(left) != 0 {
		t.Errorf("refused exports wrote %q", left)
	}
}

package evidence

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/drill"
)

// oldStartedLine is the drill.started line of sample() as bundles were written
// before they recorded who started a drill: a drill without StartedBy and
// Note must still give exactly these bytes, so that `exitdrill report`
// rebuilds the bundles of old drills as they were.
const oldStartedLine = `{"seq":1,"prev":"","at":"2026-11-02T09:00:00Z","type":"drill.started","data":{"drillId":"ms-1m","organisation":"Gemeente Proefdorp","scenario":{"id":"microsoft-1-month","title":"","duration":"30d","mode":"compressed","timeScale":0,"lost":["microsoft"],"down":null},"processes":2,"unaffected":0,"sources":[{"role":"catalog","spec":"examples/proefdorp"},{"role":"scenario","spec":"microsoft-1-month"}],"definitions":[{"path":"definitions/catalog/catalog.yaml","sha256":"56df783a4075432ac4304660a238ef12e5e774c1a7767d06f6380eae1e35cbc5","size":39},{"path":"definitions/scenario.yaml","sha256":"f257ddd4a0f6bbb5e7edfc74767f671272f5e767f28f505e76fd370cd2f8eca3","size":22}]},"artifacts":[{"name":"plan","path":"plan.json","sha256":"e30b9223e461418eba5c941b39e8bccbb6a29a675863c1cfce38e901724e415c","size":1321}]}`

func firstLine(files Files) string {
	line, _, _ := bytes.Cut(files[JournalFile], []byte("\n"))
	return string(line)
}

func TestStartedWithoutStarterIsUnchanged(t *testing.T) {
	b, files, err := Build(sample())
	if err != nil {
		t.Fatal(err)
	}
	if got := firstLine(files); got != oldStartedLine {
		t.Errorf("drill.started of a drill without StartedBy and Note:\n got %s\nwant %s", got, oldStartedLine)
	}
	if b.StartedBy != "" || b.Note != "" {
		t.Errorf("bundle StartedBy %q, Note %q; want both empty", b.StartedBy, b.Note)
	}
}

func TestStartedByAndNoteRecorded(t *testing.T) {
	in := sample()
	in.StartedBy, in.Note = "anna (console continuity-manager)", "quarterly test\nasked by the auditor\t(ISO 22301 8.5)"
	b, files, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if b.StartedBy != in.StartedBy || b.Note != in.Note {
		t.Errorf("built bundle: StartedBy %q, Note %q", b.StartedBy, b.Note)
	}
	var ev struct {
		Type string                     `json:"type"`
		Data map[string]json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal([]byte(firstLine(files)), &ev); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{"type": ev.Type, "startedBy": string(ev.Data["startedBy"]), "note": string(ev.Data["note"])}
	want := map[string]string{"type": EventDrillStarted, "startedBy": `"anna (console continuity-manager)"`,
		"note": `"quarterly test\nasked by the auditor\t(ISO 22301 8.5)"`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("drill.started (-want +got):\n%s", diff)
	}

	key := testKey(3)
	if err := Seal(b, files, key); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(files.FS(), key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatalf("verify: %v", err)
	}
	loaded, err := Load(files.FS())
	if err != nil {
		t.Fatal(err)
	}
	if loaded.StartedBy != in.StartedBy || loaded.Note != in.Note {
		t.Errorf("loaded bundle: StartedBy %q, Note %q; want %q, %q", loaded.StartedBy, loaded.Note, in.StartedBy, in.Note)
	}
	// Who started the drill is covered by the hash chain like the rest.
	changed := Files{}
	for p, d := range files {
		changed[p] = d
	}
	changed[JournalFile] = bytes.Replace(files[JournalFile], []byte(`"startedBy":"anna`), []byte(`"startedBy":"omar`), 1)
	if _, err := Verify(changed.FS(), key.Public().(ed25519.PublicKey)); !isProblem(err, JournalFile+" line 2", "line 1 was changed") {
		t.Errorf("verify with another starter: %v, want line 1 named as changed", err)
	}
}

// TestStartedRecordsTools: the tools the preflight found on the worker, with
// their versions, are in the drill.started event and the plan, so that an
// auditor sees which tool versions the drill ran with.
func TestStartedRecordsTools(t *testing.T) {
	in := sample()
	plan := *in.Plan
	plan.Tools = []drill.Tool{{Name: "restic", Path: "/usr/bin/restic", Version: "restic 0.16.4 compiled with go1.21.6 on linux/amd64"},
		{Name: "git", Path: "/usr/bin/git"}}
	in.Plan = &plan
	_, files, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Data struct {
			Tools []drill.Tool `json:"tools"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(firstLine(files)), &ev); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plan.Tools, ev.Data.Tools); diff != "" {
		t.Errorf("drill.started tools (-want +got):\n%s", diff)
	}
	var planned drill.Plan
	if err := json.Unmarshal(files[PlanFile], &planned); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(plan.Tools, planned.Tools); diff != "" {
		t.Errorf("plan.json tools (-want +got):\n%s", diff)
	}
}

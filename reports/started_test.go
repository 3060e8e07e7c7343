package reports

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/evidence"
)

// A drill started before bundles recorded who started it has no starter:
// its reports have no "Started by" or note lines and no such fields.
func TestReportsWithoutStarter(t *testing.T) {
	in := fixture()
	in.StartedBy, in.Note = "", ""
	b, _, err := evidence.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	all, err := All(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		for _, absent := range []string{"Started by", "startedBy", "Note:", `name="note"`, "drill-note"} {
			if strings.Contains(string(all[f.File]), absent) {
				t.Errorf("%s of a drill without a starter contains %q", f.File, absent)
			}
		}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(all["report.json"], &top); err != nil {
		t.Fatal(err)
	}
	if _, ok := top["note"]; ok {
		t.Errorf("report.json of a drill without a starter has a note: %s", top["note"])
	}
}

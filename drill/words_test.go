package drill

import (
	"os"
	"strings"
	"testing"
	"time"
)

// documents are the project's statements of the verdicts, which quote the
// words the reports use.
var documents = []string{"../README.md", "../docs/semantics.md"}

// TestWordsInDocuments keeps the README and docs/semantics.md in the words
// the code gives verdicts and steps: inconclusive, waited-out, unproven and coverage, and a
// file the worker does not see as planned. Each is made by the code here and
// must stand in the document as it is, whitespace aside (the text wraps).
func TestWordsInDocuments(t *testing.T) {
	sha := func(prefix string) string { return prefix + strings.Repeat("0", 64-len(prefix)) }
	recovered, recoveredWhy := Judge(true, Duration(2*Day), Duration(4*time.Hour), Duration(7*Day), Duration(Day))
	notRecovered, notRecoveredWhy := Judge(false, 0, Duration(4*time.Hour), Duration(7*Day), Duration(Day))
	if recovered != WaitedOut || notRecovered != WaitedOut {
		t.Fatalf("verdicts %s, %s; want both %s", recovered, notRecovered, WaitedOut)
	}
	planned := FileStamp{Path: "/srv/catalog/exitplans/parkeren.md", Kind: FileRegular, SHA256: sha("ab12cd34"), Size: 10}
	words := map[string]string{
		"inconclusive": InconclusiveWhy("restore", BackupRestore,
			"restic is not installed on this worker: run scripts/setup (or apt-get install restic)"),
		"waited out, recovered late":  recoveredWhy,
		"waited out, never recovered": notRecoveredWhy,
		"unproven":                    UnprovenWhy([]string{"idp"}, Duration(2*time.Hour)),
		"not shown":                   NotShown([]string{"idp"}),
		"coverage result not covered": "`" + CoverNone + "`",
		"coverage result proven":      "`" + CoverProven + "`",
		"stale file":                  StaleFile + ": " + planned.Path + ": " + planned.Diff(FileStamp{Path: planned.Path, Kind: FileRegular, SHA256: sha("9f8e7d6c"), Size: 10}),
		"stale file, missing":         "`" + planned.Diff(FileStamp{Path: planned.Path, Kind: FileMissing}) + "`",
		"stale file, size":            "`" + planned.Diff(FileStamp{Path: planned.Path, Kind: FileRegular, SHA256: sha("9f8e7d6c"), Size: 12}) + "`",
		"unreadable where prepared":   FileStamp{Path: planned.Path, Kind: FileUnreadable, Error: "permission denied"}.Unreadable(),
		"verdict name inconclusive":   "`" + string(Inconclusive) + "`",
		"verdict name waited-out":     "`" + string(WaitedOut) + "`",
		"verdict name unproven":       "`" + string(Unproven) + "`",
	}
	for _, doc := range documents {
		data, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(data)), " ")
		for what, w := range words {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%s does not quote the %s words:\n%s", doc, what, w)
			}
		}
	}
}

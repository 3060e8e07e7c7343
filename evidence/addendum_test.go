package evidence

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/exitdrill/exitdrill/drill"
)

func sampleReview(rev int) *Review {
	due := drill.Date{Time: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}
	return &Review{DrillID: "ms-1m", Revision: rev, RecordedAt: t0.Add(48 * time.Hour), RecordedBy: "anna",
		WentWell: []string{"the restore ran unattended"}, NotWell: []string{"the CRM export was malformed"},
		Lessons: []string{"test exports monthly"},
		Actions: []Action{{ID: "A1", Title: "fix the CRM export", Owner: "KCC", Due: due, Process: "klantcontact", Step: "export"}}}
}

// reviewTree seals the sample drill and n review revisions of it, each
// chained to the one before; the result has the drill under d/ and the
// revisions under r/.
func reviewTree(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	key := testKey(1)
	drillFiles := sealed(t, key)
	tree := fstest.MapFS{}
	for p, data := range drillFiles {
		tree["d/"+p] = &fstest.MapFile{Data: data}
	}
	var prev *Link
	for rev := 1; rev <= n; rev++ {
		files, err := BuildAddendum(sampleReview(rev), mapFS(drillFiles), prev, key)
		if err != nil {
			t.Fatal(err)
		}
		l, err := LinkTo(files.FS(), AddendumManifestFile, AddendumSignFile)
		if err != nil {
			t.Fatal(err)
		}
		prev = &l
		for p, data := range files {
			tree[strings.TrimPrefix(AddendumDir("x", rev), "x.")+"/"+p] = &fstest.MapFile{Data: data}
		}
	}
	return tree
}

func sub(t *testing.T, fsys fstest.MapFS, dir string) fstest.MapFS {
	out := fstest.MapFS{}
	for p, f := range fsys {
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
			out[rest] = f
		}
	}
	return out
}

// TestReviewAddendumVerifies: a review of two revisions, chained to the
// drill's signed bundle, verifies and gives the latest revision.
func TestReviewAddendumVerifies(t *testing.T) {
	tree := reviewTree(t, 2)
	v, err := VerifyReview(sub(t, tree, "review"), sub(t, tree, "d"))
	if err != nil {
		t.Fatalf("VerifyReview: %v", err)
	}
	if v.DrillID != "ms-1m" || v.Revisions != 2 || v.Review.Revision != 2 || len(v.Signers) != 2 || v.Signers[1] != SignerID(testKey(1).Public().(ed25519.PublicKey)) {
		t.Errorf("verification = %+v", v)
	}
}

// TestReviewAddendumTampering: every way of changing a review or its link
// to the drill is found and named.
func TestReviewAddendumTampering(t *testing.T) {
	other := sample()
	other.Result.Processes[0].Why = "another drill"
	ob, ofiles, err := Build(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := Seal(ob, ofiles, testKey(1)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(tree fstest.MapFS)
		where  string
		what   string
	}{
		{"review text changed", func(tree fstest.MapFS) {
			f := tree["review/002/review.json"]
			f.Data = []byte(strings.Replace(string(f.Data), "fix the CRM export", "nothing to do", 1))
		}, "002/review.json", "changed"},
		{"signature of the manifest broken", func(tree fstest.MapFS) {
			f := tree["review/001/addendum.json"]
			f.Data = []byte(strings.Replace(string(f.Data), `"revision": 1`, `"revision": 1 `, 1))
		}, "001/addendum.json", "changed"},
		{"drill bundle replaced by another drill's", func(tree fstest.MapFS) {
			for p := range tree {
				if strings.HasPrefix(p, "d/") {
					delete(tree, p)
				}
			}
			for p, data := range ofiles {
				tree["d/"+p] = &fstest.MapFile{Data: data}
			}
		}, "001/addendum.json", "broken link"},
		{"first revision removed", func(tree fstest.MapFS) {
			for p := range tree {
				if strings.HasPrefix(p, "review/001/") {
					delete(tree, p)
				}
			}
		}, "002", "where revision 001 belongs"},
		{"file added", func(tree fstest.MapFS) {
			tree["review/001/extra.txt"] = &fstest.MapFile{Data: []byte("x")}
		}, "001/extra.txt", "added"},
		{"unsigned copy of a revision", func(tree fstest.MapFS) {
			delete(tree, "review/002/addendum.sig")
		}, "002/addendum.sig", "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := reviewTree(t, 2)
			tt.change(tree)
			_, err := VerifyReview(sub(t, tree, "review"), sub(t, tree, "d"))
			if err == nil {
				t.Fatal("VerifyReview accepted a changed review")
			}
			if !strings.Contains(err.Error(), tt.where) || !strings.Contains(err.Error(), tt.what) {
				t.Errorf("error %q, want it to name %q and say %q", err, tt.where, tt.what)
			}
		})
	}
}

// TestReviewResignedRevisionBreaksTheChain: a revision rewritten and signed
// again with the same key still breaks the link the next revision holds.
func TestReviewResignedRevisionBreaksTheChain(t *testing.T) {
	tree := reviewTree(t, 2)
	r := sampleReview(1)
	r.Lessons = []string{"rewritten history"}
	files, err := BuildAddendum(r, sub(t, tree, "d"), nil, testKey(1))
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		tree["review/001/"+p] = &fstest.MapFile{Data: data}
	}
	_, err = VerifyReview(sub(t, tree, "review"), sub(t, tree, "d"))
	if err == nil || !strings.Contains(err.Error(), "002/addendum.json: broken link") {
		t.Errorf("VerifyReview = %v, want revision 002's broken link", err)
	}
}

// TestReviewNotChainedToAChangedBundle: a review is never built on a drill
// bundle that does not verify.
func TestReviewNotChainedToAChangedBundle(t *testing.T) {
	files := sealed(t, testKey(1))
	files[ResultFile] = append(files[ResultFile], ' ')
	if _, err := BuildAddendum(sampleReview(1), mapFS(files), nil, testKey(1)); err == nil || !strings.Contains(err.Error(), "does not verify") {
		t.Errorf("BuildAddendum on a changed bundle = %v", err)
	}
}

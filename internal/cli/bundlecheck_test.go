package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/testkit"
	"github.com/exitdrill/exitdrill/reports"
)

// checkedBundles are sealed bundles of the reports catalog, process a named
// with a script tag: d1 and d2 signed, tampered (d3, signed, its result.json
// changed after sealing) and unsigned (d4).
type checkedBundles struct {
	d1, d2, tampered, unsigned string
	pub, otherPub              string
	key                        ed25519.PrivateKey
	// tamperedWant is what verify says about the tampered bundle.
	tamperedWant string
}

func writePub(t *testing.T, path string, key ed25519.PrivateKey) {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newCheckedBundles(t *testing.T) *checkedBundles {
	t.Helper()
	dir := t.TempDir()
	catDir := filepath.Join(dir, "catalog")
	if err := os.MkdirAll(catDir, 0o755); err != nil {
		t.Fatal(err)
	}
	cat := strings.Replace(reportsCatalog, "{id: a, owner: A,", `{id: a, name: "<script>alert(1)</script>", owner: A,`, 1)
	if err := os.WriteFile(filepath.Join(catDir, "catalog.yaml"), []byte(cat), 0o644); err != nil {
		t.Fatal(err)
	}
	b := &checkedBundles{key: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize)),
		pub: filepath.Join(dir, "drill.pub"), otherPub: filepath.Join(dir, "other.pub")}
	writePub(t, b.pub, b.key)
	writePub(t, b.otherPub, ed25519.NewKeyFromSeed(bytes.Repeat([]byte{4}, ed25519.SeedSize)))
	now := time.Now().UTC()
	b.d1, b.d2, b.tampered, b.unsigned = filepath.Join(dir, "d1"), filepath.Join(dir, "d2"), filepath.Join(dir, "d3"), filepath.Join(dir, "d4")
	writeDrillBundle(t, catDir, b.d1, "d1", now.Add(-48*time.Hour), 2*24*time.Hour, b.key)
	writeDrillBundle(t, catDir, b.d2, "d2", now.Add(-24*time.Hour), 6*time.Hour, b.key)
	writeDrillBundle(t, catDir, b.tampered, "d3", now, 6*time.Hour, b.key)
	writeDrillBundle(t, catDir, b.unsigned, "d4", now, 6*time.Hour, nil)

	res := filepath.Join(b.tampered, evidence.ResultFile)
	data := mustRead(t, res)
	changed := bytes.Replace(data, []byte(`"breached"`), []byte(`"recovered"`), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("the fixture's result.json has no breached verdict to change")
	}
	if err := os.WriteFile(res, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	hash := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	b.tamperedWant = fmt.Sprintf("result.json: changed: SHA-256 %.12s, %d bytes; the manifest records %.12s, %d bytes",
		hash(changed), len(changed), hash(data), len(data))
	return b
}

func TestRenderAndDiffVerify(t *testing.T) {
	b := newCheckedBundles(t)
	refused := "exitdrill: " + b.tampered + ": NOT VERIFIED: " + b.tamperedWant + "\n"
	signer := evidence.SignerID(b.key.Public().(ed25519.PublicKey))
	tests := []struct {
		name    string
		args    []string
		wantErr string // the whole of stderr
	}{
		{"render tampered", []string{"render", b.tampered}, refused},
		{"render tampered html", []string{"render", b.tampered, "--format", "html", "-o", filepath.Join(t.TempDir(), "r.html")}, refused},
		{"render tampered with its key", []string{"render", b.tampered, "--pub", b.pub}, refused},
		{"diff tampered new", []string{"diff", b.d1, b.tampered}, refused},
		{"diff tampered old", []string{"diff", b.tampered, b.d2, "--format", "html"}, refused},
		{"render another key", []string{"render", b.d2, "--pub", b.otherPub},
			"exitdrill: " + b.d2 + ": NOT VERIFIED: manifest.sig: signed by " + signer + ", not by the public key given\n"},
		{"diff another key", []string{"diff", b.d1, b.d2, "--pub", b.otherPub},
			"exitdrill: " + b.d1 + ": NOT VERIFIED: manifest.sig: signed by " + signer + ", not by the public key given\n"},
		{"render unsigned with a key", []string{"render", b.unsigned, "--pub", b.pub},
			"exitdrill: " + b.unsigned + ": NOT VERIFIED: manifest.json: the bundle is unsigned, but a public key was given to check it against\n"},
		{"diff unsigned with a key", []string{"diff", b.d2, b.unsigned, "--pub", b.pub},
			"exitdrill: " + b.unsigned + ": NOT VERIFIED: manifest.json: the bundle is unsigned, but a public key was given to check it against\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.args...)
			if code != ExitError || out != "" || errs != tt.wantErr {
				t.Errorf("exit %d, %d bytes out, stderr:\n%s\nwant exit 1, nothing out, stderr:\n%s", code, len(out), errs, tt.wantErr)
			}
		})
	}
	t.Run("verify prints the same", func(t *testing.T) {
		if code, _, errs := run(t, "verify", b.tampered); code != ExitError || errs != refused {
			t.Errorf("verify: exit %d, %q, want %q", code, errs, refused)
		}
	})
	t.Run("sound bundles pass", func(t *testing.T) {
		code, out, errs := run(t, "render", b.d2, "--format", "html", "--pub", b.pub)
		if code != ExitOK || out != string(mustRead(t, filepath.Join(b.d2, "reports", "report.html"))) || errs != "" {
			t.Errorf("render --pub: exit %d, stderr %q; want the sealed report.html", code, errs)
		}
		if code, out, errs := run(t, "render", b.unsigned, "--format", "csv"); code != ExitOK || out != string(mustRead(t, filepath.Join(b.unsigned, "reports", "verdicts.csv"))) {
			t.Errorf("render of an unsigned bundle without --pub: exit %d, %s", code, errs)
		}
		if code, out, errs := run(t, "diff", b.d1, b.d2, "--pub", b.pub, "--format", "md"); code != ExitOK || strings.Contains(out, "NOT VERIFIED") || !strings.Contains(out, "verdict late → recovered") {
			t.Errorf("diff --pub: exit %d\n%s%s", code, out, errs)
		}
	})
	t.Run("bad --pub", func(t *testing.T) {
		if code, _, errs := run(t, "diff", b.d1, b.d2, "--pub", filepath.Join(t.TempDir(), "nope.pub")); code != ExitInvalid || !strings.Contains(errs, "--pub: open ") {
			t.Errorf("diff --pub missing file: exit %d, %s", code, errs)
		}
	})
}

func TestRenderUnverified(t *testing.T) {
	b := newCheckedBundles(t)
	banner := "NOT VERIFIED: " + b.tamperedWant + ". This was rendered from a bundle that failed verification: it may have been changed since the drill; do not rely on it."
	warning := "exitdrill: " + b.tampered + ": NOT VERIFIED: " + b.tamperedWant + " (shown anyway: --unverified)\n"

	code, out, errs := run(t, "render", b.tampered, "--unverified")
	if first, _, _ := strings.Cut(out, "\n"); code != ExitOK || first != banner || errs != warning {
		t.Errorf("render --unverified: exit %d, first line\n%q, stderr %q\nwant exit 0,\n%q, %q", code, first, errs, banner, warning)
	}
	code, out, _ = run(t, "render", b.tampered, "--unverified", "--format", "md")
	if first, _, _ := strings.Cut(out, "\n"); code != ExitOK || !strings.HasPrefix(first, "> **NOT VERIFIED: result.json: changed: SHA-256 ") {
		t.Errorf("render --unverified --format md: exit %d, first line %q", code, first)
	}
	code, out, _ = run(t, "render", b.tampered, "--unverified", "--format", "json")
	var r reports.Report
	if err := json.Unmarshal([]byte(out), &r); code != ExitOK || err != nil || r.NotVerified != b.tamperedWant {
		t.Errorf("render --unverified --format json: exit %d, notVerified %q (%v)", code, r.NotVerified, err)
	}
	file := filepath.Join(t.TempDir(), "report.html")
	if code, _, errs := run(t, "render", b.tampered, "--unverified", "--format", "html", "-o", file); code != ExitOK || !strings.HasSuffix(errs, "wrote "+file+"\n") {
		t.Fatalf("render --unverified --format html -o: exit %d, %s", code, errs)
	}
	doc := testkit.ParseHTML(t, mustRead(t, file))
	body := testkit.Element(doc, "body")
	first := body.FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	if first == nil || testkit.Attr(first, "role") != "alert" || testkit.Text(first) != banner {
		t.Errorf("the page does not open with the NOT VERIFIED banner")
	}

	// A sound bundle with --unverified: no banner, the sealed report.
	if code, out, errs := run(t, "render", b.d2, "--unverified", "--format", "html"); code != ExitOK || errs != "" || out != string(mustRead(t, filepath.Join(b.d2, "reports", "report.html"))) {
		t.Errorf("render --unverified of a sound bundle: exit %d, stderr %q, or it differs from the sealed report", code, errs)
	}
}

func TestDiffHTMLCommand(t *testing.T) {
	b := newCheckedBundles(t)
	file := filepath.Join(t.TempDir(), "diff.html")
	code, out, errs := run(t, "diff", b.d1, b.d2, "--pub", b.pub, "--format", "html", "-o", file)
	if code != ExitOK || out != "" || errs != "wrote "+file+"\n" {
		t.Fatalf("diff --format html -o: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	page := mustRead(t, file)
	if bytes.Contains(page, []byte("<script>")) {
		t.Error("process a's name reached the page as a script tag")
	}
	doc := testkit.ParseHTML(t, page)
	var rows []string
	testkit.Walk(testkit.Element(doc, "tbody"), func(n *html.Node) {
		if n.Data == "tr" {
			rows = append(rows, testkit.Text(n))
		}
	})
	want := []string{
		"a <script>alert(1)</script> verdict late → recovered better late → recovered better 2d → 6h better - 70 → 100 better",
		"b breached same breached - - 0",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("process rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}

	code, out, errs = run(t, "diff", b.d1, b.tampered, "--unverified")
	wantFirst := "NOT VERIFIED: new drill d3: " + b.tamperedWant + ". This was rendered from a bundle that failed verification: it may have been changed since the drill; do not rely on it."
	if first, _, _ := strings.Cut(out, "\n"); code != ExitOK || first != wantFirst || !strings.Contains(errs, "(shown anyway: --unverified)") {
		t.Errorf("diff --unverified: exit %d, first line %q, stderr %q", code, first, errs)
	}
	if code, _, errs := run(t, "diff", b.d1, b.d2, "--format", "xml"); code != ExitInvalid || !strings.Contains(errs, `--format "xml": allowed are text, html, md, json`) {
		t.Errorf("diff --format xml: exit %d, %s", code, errs)
	}
}

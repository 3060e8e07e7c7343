package recorder

import (
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/exitdrill/exitdrill/evidence"
)

func TestStateKeyMadeOnceAndTrusted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if k, err := StateKey(dir, false); err != nil || k != nil {
		t.Fatalf("without create: %v, %v; want no key and no error", k, err)
	}
	// Several processes making it at once end with one key.
	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := StateKey(dir, true)
			if err != nil {
				t.Error(err)
				return
			}
			keys[i] = string(k)
		})
	}
	wg.Wait()
	for _, k := range keys {
		if k != keys[0] {
			t.Fatal("concurrent first uses made different keys")
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, StateKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v, want mode 0600", fi, err)
	}
	tr, err := LoadTrustedKeys("", dir, func(string) (string, bool) { return "", false })
	if err != nil || len(tr.Keys) != 1 {
		t.Fatalf("trusted by default: %+v, %v", tr, err)
	}
	k, _ := StateKey(dir, false)
	signer := evidence.SignerID(k.Public().(ed25519.PublicKey))
	if tr.Judge(signer) != "" || !strings.HasPrefix(tr.Judge("ed25519:AAAA"), "untrusted: signed by ed25519:AAAA") || tr.Judge("") == "" {
		t.Errorf("judge: own %q, other %q, unsigned %q", tr.Judge(signer), tr.Judge("ed25519:AAAA"), tr.Judge(""))
	}
}

func TestParseKeyList(t *testing.T) {
	_, pemA, _ := GenerateKey()
	_, pemB, _ := GenerateKey()
	b, _ := ParsePublicKey(pemB)
	list := "# our workers\n" + evidence.SignerID(b) + "\n\n" + string(pemA) + string(pemB)
	keys, _, err := parseKeyList([]byte(list))
	if err != nil || len(keys) != 3 {
		t.Fatalf("mixed list: %d keys, %v; want 3", len(keys), err)
	}
	if _, _, err := parseKeyList([]byte("# x\nnot-a-key\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad line: %v, want it named", err)
	}
	if _, _, err := parseKeyList(pemA[:len(pemA)-30]); err == nil || !strings.Contains(err.Error(), "without its END line") {
		t.Errorf("cut PEM block: %v", err)
	}
}

func TestTrustedKeyNames(t *testing.T) {
	_, pemA, _ := GenerateKey()
	_, pemB, _ := GenerateKey()
	_, pemC, _ := GenerateKey()
	a, _ := ParsePublicKey(pemA)
	b, _ := ParsePublicKey(pemB)
	c, _ := ParsePublicKey(pemC)
	list := "# our workers\n" + evidence.SignerID(a) + "\tContinuity office \n# name: Worker 2\n" + string(pemB) + evidence.SignerID(c) + "\n"
	keys, names, err := parseKeyList([]byte(list))
	if err != nil || len(keys) != 3 {
		t.Fatalf("named list: %d keys, %v; want 3", len(keys), err)
	}
	tr := &Trusted{Keys: keys, Names: names}
	for _, tt := range []struct{ signer, want string }{
		{evidence.SignerID(a), "Continuity office"},
		{evidence.SignerID(b), "Worker 2"},
		{evidence.SignerID(c), ""}, // no name: the comment before it named b
		{"ed25519:AAAA", ""},       // not trusted
	} {
		if got := tr.Name(tt.signer); got != tt.want {
			t.Errorf("Name(%s) = %q, want %q", tt.signer, got, tt.want)
		}
	}
}

package recorder

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/atomicfile"
)

// StateKeyFile is the signing key a state directory makes on first use; its
// public key is StateKeyFile + ".pub", trusted by default.
const StateKeyFile = "signing.key"

// EnvTrustedKeys names a file of trusted public keys (see LoadTrustedKeys).
const EnvTrustedKeys = "EXITDRILL_TRUSTED_KEYS"

// maxKeyFile bounds a key file read.
const maxKeyFile = 1 << 20

// StateKey returns the signing key of the state directory dir, making it
// (0600, and its public key beside it) when it does not exist and create is
// true; nil when it does not exist and create is false. Two processes making
// it at once end with one key: the second reads the first's.
func StateKey(dir string, create bool) (ed25519.PrivateKey, error) {
	path := filepath.Join(dir, StateKeyFile)
	k, err := readPrivate(path)
	if err == nil || !errors.Is(err, os.ErrNotExist) || !create {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return k, err
	}
	priv, pub, err := GenerateKey()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if err := atomicfile.WriteNew(path, priv, 0o600); errors.Is(err, os.ErrExist) {
		return readPrivate(path) // another process made it first: theirs counts
	} else if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if err := atomicfile.WriteFile(path+".pub", pub, 0o644); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	return ParsePrivateKey(priv)
}

func readPrivate(path string) (ed25519.PrivateKey, error) {
	data, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	k, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", path, err)
	}
	return k, nil
}

func readBounded(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxKeyFile {
		return nil, fmt.Errorf("%s is not a key file (a regular file of at most 1 MiB)", path)
	}
	return os.ReadFile(path)
}

// Trusted is the set of public keys whose bundles count: readiness, the
// console and verify accept a signed bundle only when its signer is one of
// them.
type Trusted struct {
	Keys []ed25519.PublicKey
	From string // where they came from, for messages
	// Names are the names the trusted keys file gives its keys, by signer
	// id ("ed25519:BASE64"): see LoadTrustedKeys.
	Names map[string]string
}

// Name is the name of a trusted signer ("ed25519:BASE64"), "" when it is not
// trusted or has no name.
func (t *Trusted) Name(signer string) string {
	if t == nil || !t.Has(signer) {
		return ""
	}
	return t.Names[signer]
}

// Has reports whether the bundle signer id ("ed25519:BASE64") is trusted.
func (t *Trusted) Has(signer string) bool {
	for _, k := range t.Keys {
		if evidence.SignerID(k) == signer {
			return true
		}
	}
	return false
}

// Judge says why a bundle signed by signer ("" for unsigned) does not count,
// or "" when it does.
func (t *Trusted) Judge(signer string) string {
	switch {
	case signer == "":
		return "unsigned: anyone could have written it"
	case !t.Has(signer):
		return "untrusted: signed by " + signer + ", which is not a trusted key (" + t.From + ")"
	}
	return ""
}

// LoadTrustedKeys reads the trusted keys: the file named (flag, else
// $EXITDRILL_TRUSTED_KEYS) holding public keys as PEM blocks and/or
// "ed25519:BASE64" lines (# comments allowed); a key line may end with the
// key's name ("ed25519:BASE64 Continuity office"), and a "# name: NAME"
// line names the key that follows it; else the public key of the
// state directory's own signing key, when it exists. An empty set trusts
// nothing.
func LoadTrustedKeys(file, stateDir string, env func(string) (string, bool)) (*Trusted, error) {
	if file == "" {
		file, _ = env(EnvTrustedKeys)
	}
	if file == "" {
		path := filepath.Join(stateDir, StateKeyFile+".pub")
		t := &Trusted{From: "the state directory's own key " + path}
		data, err := readBounded(path)
		if errors.Is(err, os.ErrNotExist) || stateDir == "" {
			t.From = "no trusted keys: the state directory has no signing key yet (" + path + ")"
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		k, err := ParsePublicKey(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.Keys = append(t.Keys, k)
		return t, nil
	}
	data, err := readBounded(file)
	if err != nil {
		return nil, fmt.Errorf("trusted keys: %w", err)
	}
	keys, names, err := parseKeyList(data)
	if err != nil {
		return nil, fmt.Errorf("trusted keys %s: %w", file, err)
	}
	return &Trusted{Keys: keys, From: "trusted keys " + file, Names: names}, nil
}

// parseKeyList reads PEM public keys and ed25519:BASE64 lines, in any order,
// and the names given to them (by signer id).
func parseKeyList(data []byte) ([]ed25519.PublicKey, map[string]string, error) {
	var keys []ed25519.PublicKey
	names := map[string]string{}
	var block []string // lines of the PEM block being read
	start, name := 0, ""
	add := func(k ed25519.PublicKey, n string) {
		keys = append(keys, k)
		if n = strings.TrimSpace(n); n != "" {
			names[evidence.SignerID(k)] = n
		}
		name = ""
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case block != nil:
			block = append(block, line)
			if strings.HasPrefix(line, "-----END") {
				k, err := ParsePublicKey([]byte(strings.Join(block, "\n") + "\n"))
				if err != nil {
					return nil, nil, fmt.Errorf("line %d: %w", start, err)
				}
				block = nil
				add(k, name)
			}
		case strings.HasPrefix(line, "-----BEGIN"):
			block, start = []string{line}, n+1
		case strings.HasPrefix(line, "#"):
			if v, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "#")), "name:"); ok {
				name = v
			}
		case line == "":
		default:
			key, keyName := line, ""
			if i := strings.IndexAny(line, " \t"); i > 0 {
				key, keyName = line[:i], line[i+1:]
			}
			k, err := ParsePublicKey([]byte(key))
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			if keyName == "" {
				keyName = name
			}
			add(k, keyName)
		}
	}
	if block != nil {
		return nil, nil, fmt.Errorf("line %d: a PEM block without its END line", start)
	}
	return keys, names, nil
}

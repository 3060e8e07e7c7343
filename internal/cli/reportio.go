package cli

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// loadBundle reads the evidence bundle in dir (without verifying it).
func loadBundle(dir string) (*evidence.Bundle, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("bundle %s: %w", dir, err))
	}
	if !st.IsDir() {
		return nil, withCode(ExitInvalid, fmt.Errorf("bundle %s: not a directory", dir))
	}
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("bundle %s: %w", dir, err))
	}
	return b, nil
}

// trustedKey reads the ed25519 public key bundles must be signed by; nil when
// path is empty.
func trustedKey(path string) (ed25519.PublicKey, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--pub: %w", err))
	}
	k, err := recorder.ParsePublicKey(data)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--pub %s: %w", path, err))
	}
	return k, nil
}

// bundleDirs finds the evidence bundles under root (see evidence.FindBundles).
func bundleDirs(root string) ([]string, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--reports: %w", err))
	}
	found, err := evidence.FindBundles(os.DirFS(root))
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("--reports %s: %w", root, err))
	}
	dirs := make([]string, len(found))
	for i, p := range found {
		dirs[i] = filepath.Join(root, filepath.FromSlash(p))
	}
	return dirs, nil
}

// oneOf checks a flag value against the allowed ones.
func oneOf(flag, v string, allowed ...string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return withCode(ExitInvalid, fmt.Errorf("%s %q: allowed are %s", flag, v, strings.Join(allowed, ", ")))
}

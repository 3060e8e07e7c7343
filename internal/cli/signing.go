package cli

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"os"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/checks"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// signingFlag names the key that signs evidence bundles.
type signingFlag struct{ file string }

func (f *signingFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.file, "signing-key", "",
		"ed25519 private key (PEM, from exitdrill keygen) that signs evidence bundles (env "+recorder.EnvSigningKeyFile+
			", or the PEM itself in "+recorder.EnvSigningKey+"); default: the state directory's own key, "+recorder.StateKeyFile+", made on first use")
}

// key loads the signing key: the flag's or the environment's, else the state
// directory's own (made when missing). nil only without a state directory
// (a worker of an external cluster given no key).
func (f *signingFlag) key(stateDir string) (ed25519.PrivateKey, error) {
	k, err := recorder.LoadSigningKey(f.file, os.LookupEnv)
	if err == nil && k == nil && stateDir != "" {
		k, err = recorder.StateKey(stateDir, true)
	}
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return k, nil
}

// registrar returns the worker registration of an engine with bundles signed
// by the key (see key), fetching the files of github: sources it does not
// see through repos (nil: none).
func (f *signingFlag) registrar(eng *engine.Engine, repos checks.Repos) (func(worker.Registry), error) {
	k, err := f.key(eng.StateDir)
	if err != nil {
		return nil, err
	}
	return func(w worker.Registry) { registerWith(w, k, repos) }, nil
}

// trustFlags choose the keys whose bundles count (readiness, verify).
type trustFlags struct {
	file     string
	stateDir string
}

func (f *trustFlags) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.file, "trusted-keys", "",
		"file of trusted public keys (PEM blocks or ed25519:BASE64 lines; env "+recorder.EnvTrustedKeys+"); default: the state directory's own key")
	cmd.Flags().StringVar(&f.stateDir, "state-dir", "", "state directory whose own signing key is trusted by default (default $EXITDRILL_STATE_DIR, else the user's data directory)")
}

// load reads the trusted keys.
func (f *trustFlags) load() (*recorder.Trusted, error) {
	dir := f.stateDir
	if dir == "" {
		dir = engine.DefaultStateDir()
	}
	t, err := recorder.LoadTrustedKeys(f.file, dir, os.LookupEnv)
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return t, nil
}

// fingerprint is a signer's short name, as ssh writes one: SHA256:BASE64 of
// the public key.
func fingerprint(signer string) string {
	pub, ok := (&evidence.Manifest{Signer: signer}).SignerKey()
	if !ok {
		return "unknown key"
	}
	sum := sha256.Sum256(pub)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

package cli

import (
	"crypto/ed25519"
	"os"

	"github.com/spf13/cobra"
	"go.temporal.io/sdk/worker"

	"github.com/exitdrill/exitdrill/internal/recorder"
)

// signingFlag names the key that signs evidence bundles.
type signingFlag struct{ file string }

func (f *signingFlag) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.file, "signing-key", "",
		"ed25519 private key (PEM, from exitdrill keygen) that signs evidence bundles (env "+recorder.EnvSigningKeyFile+
			", or the PEM itself in "+recorder.EnvSigningKey+"); without one, bundles are unsigned and say so")
}

// key loads the signing key; nil when none is configured.
func (f *signingFlag) key() (ed25519.PrivateKey, error) {
	k, err := recorder.LoadSigningKey(f.file, os.LookupEnv)
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	return k, nil
}

// registrar returns the worker registration with bundles signed by the key.
func (f *signingFlag) registrar() (func(worker.Registry), error) {
	k, err := f.key()
	if err != nil {
		return nil, err
	}
	return func(w worker.Registry) { registerWith(w, k) }, nil
}

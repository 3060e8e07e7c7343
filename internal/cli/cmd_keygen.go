package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

func newKeygenCmd(s *Streams) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "keygen [--out FILE]",
		Short: "Make an ed25519 key pair that signs evidence bundles",
		Long: `Keygen writes a new ed25519 private key to FILE (mode 0600, PEM) and its public key
to FILE.pub. Give the private key to whoever runs drills (--signing-key FILE, or
EXITDRILL_SIGNING_KEY_FILE for workers) and the public key to whoever checks the
evidence (exitdrill verify BUNDLE --pub FILE.pub). An existing file is never
overwritten.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return runKeygen(s, out) },
	}
	cmd.Flags().StringVar(&out, "out", "exitdrill-signing.key", "file of the private key; the public key goes to FILE.pub")
	return cmd
}

func runKeygen(s *Streams, out string) error {
	priv, pub, err := recorder.GenerateKey()
	if err != nil {
		return err
	}
	for _, f := range []string{out, out + ".pub"} {
		if _, err := os.Stat(f); err == nil {
			return withCode(ExitInvalid, fmt.Errorf("%s exists: keygen never overwrites a key; choose another --out", f))
		}
	}
	if err := writeNew(out, priv, 0o600); err != nil {
		return err
	}
	if err := writeNew(out+".pub", pub, 0o644); err != nil {
		_ = os.Remove(out)
		return err
	}
	key, err := recorder.ParsePublicKey(pub)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.Out, "private key: %s (keep it secret)\npublic key:  %s.pub\n             %s\n", out, out, evidence.SignerID(key))
	return nil
}

// writeNew creates name with data, failing when it exists.
func writeNew(name string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return withCode(ExitInvalid, fmt.Errorf("%s exists: keygen never overwrites a key", name))
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

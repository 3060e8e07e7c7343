package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// defaultKeyFile is where keygen writes the private key without -o.
const defaultKeyFile = "exitdrill-signing.key"

func newKeygenCmd(s *Streams) *cobra.Command {
	var out outputPath // -o/--output FILE (--out FILE before)
	cmd := &cobra.Command{
		Use:   "keygen [-o FILE]",
		Short: "Make an ed25519 key pair that signs evidence bundles",
		Long: `Keygen writes a new ed25519 private key to FILE (mode 0600, PEM; default
` + defaultKeyFile + `) and its public key to FILE.pub. Give the private key to
whoever runs drills (--signing-key FILE, or EXITDRILL_SIGNING_KEY_FILE for
workers) and the public key to whoever checks the evidence (exitdrill verify
BUNDLE --pub FILE.pub). An existing file is never overwritten, and each file is
written whole or not at all.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := out.resolve(s); err != nil {
				return err
			}
			if err := out.notStdout("keygen writes two files, FILE and FILE.pub: name FILE"); err != nil {
				return err
			}
			if out.Path == "" {
				out.Path = defaultKeyFile
			}
			return runKeygen(s, out.Path)
		},
	}
	out.AddFlags(cmd, "FILE", "file `FILE` of the private key; the public key goes to FILE.pub (default "+defaultKeyFile+")", "out")
	return cmd
}

func runKeygen(s *Streams, out string) error {
	priv, pub, err := recorder.GenerateKey()
	if err != nil {
		return err
	}
	// Both are looked at first, so that a lone FILE.pub does not leave a
	// new FILE behind; writeKey refuses what appears in between.
	for _, f := range []string{out, out + ".pub"} {
		if _, err := os.Lstat(f); err == nil {
			return keyExists(f)
		}
	}
	if err := writeKey(out, priv, 0o600); err != nil {
		return err
	}
	if err := writeKey(out+".pub", pub, 0o644); err != nil {
		_ = os.Remove(out)
		return err
	}
	key, err := recorder.ParsePublicKey(pub)
	if err != nil {
		return err
	}
	fmt.Fprint(s.Out, s.printer().F("private key: %s (keep it secret)\npublic key:  %s.pub\n             %s\n", out, out, evidence.SignerID(key)))
	return nil
}

// writeKey makes name with data, whole or not at all, never over an existing
// file.
func writeKey(name string, data []byte, mode os.FileMode) error {
	err := atomicfile.WriteNew(name, data, mode)
	if errors.Is(err, os.ErrExist) {
		return keyExists(name)
	}
	return err
}

func keyExists(name string) error {
	return withCode(ExitInvalid, fmt.Errorf("%s exists: keygen never overwrites a key; choose another -o/--output", name))
}

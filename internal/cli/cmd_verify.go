package cli

import (
	"crypto/ed25519"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/recorder"
)

func newVerifyCmd(s *Streams) *cobra.Command {
	var pubFile string
	cmd := &cobra.Command{
		Use:   "verify BUNDLE [--pub KEY.pub]",
		Short: "Check that an evidence bundle is whole and unchanged, and who signed it",
		Long: `Verify checks an evidence bundle directory: every file is listed in the manifest
with its SHA-256, nothing was added or removed, the journal's hash chain is whole
(no event changed, removed, reordered or added), and the signature matches the
manifest. With --pub it also checks that the bundle was signed with that key,
and refuses an unsigned bundle.

Exit codes: 0 sound; 1 the bundle was changed (the first bad event or file is
named); 2 usage error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runVerify(s, args[0], pubFile) },
	}
	cmd.Flags().StringVar(&pubFile, "pub", "", "public key file (PEM from exitdrill keygen, or ed25519:BASE64) the bundle must be signed with")
	return cmd
}

func runVerify(s *Streams, dir, pubFile string) error {
	var pub ed25519.PublicKey
	if pubFile != "" {
		data, err := os.ReadFile(pubFile)
		if err != nil {
			return withCode(ExitInvalid, err)
		}
		if pub, err = recorder.ParsePublicKey(data); err != nil {
			return withCode(ExitInvalid, fmt.Errorf("%s: %w", pubFile, err))
		}
	}
	v, err := verifyDir(dir, pub)
	if err != nil {
		return err
	}
	signed := "UNSIGNED (no signature: anyone could have written it)"
	if v.Signer != "" {
		signed = "signed by " + v.Signer
		if pub != nil {
			signed += " (the key given)"
		}
	}
	fmt.Fprintf(s.Out, "verified: drill %s, %d journal events, %d files, %s\n", v.DrillID, v.Events, v.Files, signed)
	return nil
}

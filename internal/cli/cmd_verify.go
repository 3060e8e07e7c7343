package cli

import (
	"crypto/ed25519"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/internal/recorder"
)

type verifyOptions struct {
	pub           string
	trust         trustFlags
	anyKey        bool
	allowUnsigned bool
}

func newVerifyCmd(s *Streams) *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verify BUNDLE [--pub KEY.pub]",
		Short: "Check that an evidence bundle is whole and unchanged, and signed by a trusted key",
		Long: `Verify checks an evidence bundle directory: every file is listed in the manifest
with its SHA-256, nothing was added or removed, the journal's hash chain is whole
(no event changed, removed, reordered or added), and the signature matches the
manifest. It always prints the signer and its fingerprint. The signer must be
trusted: the key given with --pub, else one of --trusted-keys, else the state
directory's own signing key (the key drills on this machine sign with).

Exit codes: 0 sound and signed by a trusted key; 1 the bundle was changed (the
first bad event or file is named), is unsigned (unless --allow-unsigned) or is
signed by a key that is not trusted (unless --any-key); 2 usage error.

A bundle with an after-action review (BUNDLE.review, see exitdrill review) has
the review verified too, revision by revision: each is whole and signed, names
this bundle's manifest and signature, and the revision before. Giving the
review directory verifies it and the bundle it belongs to. A changed review or
a broken link exits 1.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return runVerify(s, args[0], &o) },
	}
	cmd.Flags().StringVar(&o.pub, "pub", "", "public key file (PEM from exitdrill keygen, or ed25519:BASE64) the bundle must be signed with")
	cmd.Flags().BoolVar(&o.anyKey, "any-key", false, "accept a bundle signed by any key (the signer is printed)")
	cmd.Flags().BoolVar(&o.allowUnsigned, "allow-unsigned", false, "accept an unsigned bundle")
	o.trust.AddFlags(cmd)
	return cmd
}

func runVerify(s *Streams, dir string, o *verifyOptions) error {
	var pub ed25519.PublicKey
	if o.pub != "" {
		data, err := os.ReadFile(o.pub)
		if err != nil {
			return withCode(ExitInvalid, err)
		}
		if pub, err = recorder.ParsePublicKey(data); err != nil {
			return withCode(ExitInvalid, fmt.Errorf("%s: %w", o.pub, err))
		}
	}
	dir, review := reviewTarget(dir)
	v, err := verifyDir(dir, pub)
	if err != nil {
		return err
	}
	trusted := &recorder.Trusted{From: "the key given with --pub " + o.pub}
	if pub != nil {
		trusted.Keys = []ed25519.PublicKey{pub}
	} else if trusted, err = o.trust.load(); err != nil {
		return err
	}
	p := s.printer()
	signed := p.T("UNSIGNED (no signature: anyone could have written it)")
	if v.Signer != "" {
		signed = p.F("signed by %s (fingerprint %s)", v.Signer, fingerprint(v.Signer))
	}
	fmt.Fprint(s.Out, p.F("verified: drill %s, %d journal events, %d files, %s\n", v.DrillID, v.Events, v.Files, signed))
	switch why := trusted.Judge(v.Signer); {
	case why == "":
		fmt.Fprint(s.Out, p.F("trusted: %s\n", p.Filled(trusted.From)))
	case v.Signer == "" && o.allowUnsigned:
		fmt.Fprintln(s.Out, p.T("not signed: accepted (--allow-unsigned)"))
	case v.Signer != "" && o.anyKey:
		fmt.Fprint(s.Out, p.F("not a trusted key: accepted (--any-key); trusted are: %s\n", p.Filled(trusted.From)))
	case v.Signer == "":
		return withCode(ExitError, fmt.Errorf("%s: NOT TRUSTED: %s; --allow-unsigned accepts it", dir, why))
	default:
		return withCode(ExitError, fmt.Errorf("%s: NOT TRUSTED: %s; --pub KEY.pub names the key to check against, --any-key accepts any", dir, why))
	}
	return verifyReviewOf(s, dir, review, trusted, o)
}

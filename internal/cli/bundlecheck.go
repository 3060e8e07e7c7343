package cli

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
)

// verifyError is a bundle that failed verification. Its text is what
// exitdrill verify prints: "DIR: NOT VERIFIED: WHERE: WHAT".
type verifyError struct {
	dir string
	err error // from evidence.Verify, a *evidence.Problem as a rule
}

func (e *verifyError) Error() string { return e.dir + ": NOT VERIFIED: " + e.Problem() }
func (e *verifyError) Unwrap() error { return e.err }

// Problem is the place and the kind of the failure, "WHERE: WHAT".
func (e *verifyError) Problem() string {
	var p *evidence.Problem
	if errors.As(e.err, &p) {
		return p.Where + ": " + p.What
	}
	return e.err.Error()
}

// verifyDir verifies the bundle in dir (hash chain, manifest, signature; with
// pub, signed by that key). A dir that is not a directory is a usage error; a
// bundle that fails is an ExitError wrapping a *verifyError.
func verifyDir(dir string, pub ed25519.PublicKey) (*evidence.Verification, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, withCode(ExitInvalid, fmt.Errorf("%s: not a bundle directory", dir))
	}
	v, err := evidence.Verify(os.DirFS(dir), pub)
	if err != nil {
		return nil, withCode(ExitError, &verifyError{dir: dir, err: err})
	}
	return v, nil
}

// verifiedBundle verifies and loads the bundle in dir; reason says why it
// does not count.
func verifiedBundle(dir string, pub ed25519.PublicKey) (*evidence.Bundle, string) {
	if _, err := verifyDir(dir, pub); err != nil {
		var ve *verifyError
		if errors.As(err, &ve) {
			return nil, "verification failed: " + ve.Problem()
		}
		return nil, err.Error()
	}
	b, err := evidence.Load(os.DirFS(dir))
	if err != nil {
		return nil, "unreadable: " + err.Error()
	}
	if b.Result == nil || b.Plan == nil {
		return nil, "no drill result in the bundle"
	}
	return b, ""
}

// checkOptions are the verification flags of the commands that show bundles
// to people (render, diff): every bundle is verified first.
type checkOptions struct {
	Pub        string
	Unverified bool
}

func (o *checkOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Pub, "pub", "", "public key file (PEM from exitdrill keygen, or ed25519:BASE64) the bundles must be signed with; an unsigned bundle is refused")
	cmd.Flags().BoolVar(&o.Unverified, "unverified", false, "show a bundle that fails verification anyway, marked NOT VERIFIED")
}

// bundleChecker verifies and loads the bundles of one command.
type bundleChecker struct {
	pub        ed25519.PublicKey
	unverified bool
	s          *Streams
}

func (o *checkOptions) checker(s *Streams) (*bundleChecker, error) {
	pub, err := trustedKey(o.Pub)
	if err != nil {
		return nil, err
	}
	return &bundleChecker{pub: pub, unverified: o.Unverified, s: s}, nil
}

// load verifies the bundle in dir and loads it. A bundle that fails
// verification is refused with the error exitdrill verify prints, unless
// --unverified was given: then it is loaded anyway, stderr says so, and
// problem ("WHERE: WHAT") is for the output's NOT VERIFIED banner.
func (c *bundleChecker) load(dir string) (b *evidence.Bundle, problem string, err error) {
	_, verr := verifyDir(dir, c.pub)
	var ve *verifyError
	if verr != nil {
		if !c.unverified || !errors.As(verr, &ve) {
			return nil, "", verr
		}
		problem = ve.Problem()
		fmt.Fprintln(c.s.Err, "exitdrill: "+c.s.printer().Filled(ve.Error()+" (shown anyway: --unverified)"))
	}
	b, err = loadBundle(dir)
	if err != nil {
		if ve != nil {
			return nil, "", withCode(ExitError, fmt.Errorf("%w; and it cannot be read: %v", ve, err))
		}
		return nil, "", err
	}
	return b, problem, nil
}

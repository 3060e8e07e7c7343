package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// reviewTarget is the bundle directory a verify argument names, and the
// directory of its review: BUNDLE gives BUNDLE and BUNDLE.review (which may
// not exist), BUNDLE.review gives both too.
func reviewTarget(arg string) (bundle, review string) {
	clean := filepath.Clean(arg)
	if b, ok := strings.CutSuffix(clean, evidence.ReviewDirSuffix); ok {
		return b, clean
	}
	return arg, clean + evidence.ReviewDirSuffix
}

// verifyReviewOf verifies the review of the bundle in dir, when it has one:
// every revision whole, signed by a trusted key (by the rules of the
// bundle's own check) and chained to this bundle and the revision before.
func verifyReviewOf(s *Streams, dir, review string, trusted *recorder.Trusted, o *verifyOptions) error {
	if _, err := os.Stat(review); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	v, err := evidence.VerifyReview(os.DirFS(review), os.DirFS(dir))
	if err != nil {
		return withCode(ExitError, fmt.Errorf("%s: NOT VERIFIED: %w", review, err))
	}
	for i, signer := range v.Signers {
		why := trusted.Judge(signer)
		switch {
		case why == "":
		case signer == "" && o.allowUnsigned:
		case signer != "" && o.anyKey:
		default:
			return withCode(ExitError, fmt.Errorf("%s revision %03d: NOT TRUSTED: %s", review, i+1, why))
		}
	}
	open := 0
	for _, a := range v.Review.Actions {
		if a.Open() {
			open++
		}
	}
	p := s.printer()
	fmt.Fprint(s.Out, p.F("verified: review of drill %s, %d revisions chained to this bundle, %s (%d open)\n",
		v.DrillID, v.Revisions, pluralIn(p, len(v.Review.Actions), "action item", "action items"), open))
	return nil
}

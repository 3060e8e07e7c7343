package recorder

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/exitdrill/exitdrill/evidence"
)

// ErrReviewRace is returned by WriteReview when the revision it would write
// exists: another review was recorded meanwhile.
var ErrReviewRace = errors.New("another review revision was recorded meanwhile; record it again")

// ErrWrite wraps a failure to write a review's files (the disk, not the
// review).
var ErrWrite = errors.New("cannot be written")

// CurrentReview is the latest revision of the review of the bundle in dir,
// verified against the bundle, and the link the next revision names; a new
// review (revision 0) of drillID and nil when there is none yet.
func CurrentReview(dir, drillID string) (*evidence.Review, *evidence.Link, error) {
	rdir := dir + evidence.ReviewDirSuffix
	if _, err := os.Stat(rdir); errors.Is(err, fs.ErrNotExist) {
		return &evidence.Review{DrillID: drillID}, nil, nil
	}
	v, err := evidence.VerifyReview(os.DirFS(rdir), os.DirFS(dir))
	if err != nil {
		return nil, nil, fmt.Errorf("the review of %s does not verify, nothing is added to it: %w", dir, err)
	}
	l, err := evidence.LinkTo(os.DirFS(evidence.AddendumDir(dir, v.Revisions)), evidence.AddendumManifestFile, evidence.AddendumSignFile)
	if err != nil {
		return nil, nil, err
	}
	return v.Review, &l, nil
}

// WriteReview writes revision r.Revision of the review of the bundle in
// dir, chained to it and to prev, signed by key, all or nothing; it returns
// the revision's directory. Building refuses a bundle that does not verify
// (an *evidence.Problem in the chain of errors).
func WriteReview(dir string, r *evidence.Review, prev *evidence.Link, key ed25519.PrivateKey) (string, error) {
	files, err := evidence.BuildAddendum(r, os.DirFS(dir), prev, key)
	if err != nil {
		return "", err
	}
	out := evidence.AddendumDir(dir, r.Revision)
	if _, err := os.Lstat(out); err == nil {
		return "", fmt.Errorf("review revision %s: %w", out, ErrReviewRace)
	}
	if err := WriteDir(out, files); err != nil {
		return "", fmt.Errorf("review revision %s %w: %w", out, ErrWrite, err)
	}
	return out, nil
}

// LoadReviews reads the reviews of the bundles (named by their paths under
// root) that have one: verified against their bundle and signed, every
// revision, by a key of trusted. A review that fails either is left out,
// and its problem returned ("NAME.review: why").
func LoadReviews(root string, names map[*evidence.Bundle]string, trusted *Trusted) (map[*evidence.Bundle]*evidence.Review, []string) {
	out := map[*evidence.Bundle]*evidence.Review{}
	var problems []string
	for b, name := range names {
		dir := filepath.Join(root, filepath.FromSlash(name))
		if _, err := os.Stat(dir + evidence.ReviewDirSuffix); err != nil {
			continue
		}
		v, err := evidence.VerifyReview(os.DirFS(dir+evidence.ReviewDirSuffix), os.DirFS(dir))
		if err == nil {
			for i, s := range v.Signers {
				if why := trusted.Judge(s); why != "" && err == nil {
					err = fmt.Errorf("revision %03d: %s", i+1, why)
				}
			}
		}
		if err != nil {
			problems = append(problems, name+evidence.ReviewDirSuffix+": "+err.Error())
			continue
		}
		out[b] = v.Review
	}
	sort.Strings(problems)
	return out, problems
}

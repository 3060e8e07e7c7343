package cli

import (
	"crypto/ed25519"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/recorder"
	"github.com/exitdrill/exitdrill/reports"
	"github.com/exitdrill/exitdrill/reports/judge"
)

type readinessOptions struct {
	Catalog []string
	Reports string
	Pub     string
	trust   trustFlags
	documentFlags
}

func (o *readinessOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, "catalog directory or file (repeatable)")
	cmd.Flags().StringVar(&o.Reports, "reports", "", "directory holding evidence bundles (searched recursively)")
	o.documentFlags.AddFlags(cmd, reports.KindReadiness, false)
	cmd.Flags().StringVar(&o.Pub, "pub", "", "ed25519 public key (PEM) every counted bundle must be signed by (instead of the trusted keys)")
	o.trust.AddFlags(cmd)
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("reports")
}

func newReadinessCmd(s *Streams) *cobra.Command {
	var o readinessOptions
	cmd := &cobra.Command{
		Use:   "readiness --catalog DIR --reports DIR [--format text|html|md|json] [-o FILE]",
		Short: "Show exit readiness: what drills proved vs what is only on paper, with scores",
		Long: `Readiness prints the exit-readiness matrix (suppliers x 1 day / 1 week / 1 month)
with each cell split into the critical processes a verified drill proved
recovered within their MTPD, those a drill showed failing, those needing a
re-test because their catalog entry or runbook changed since, and those only on
paper; and a readiness score (0-100) per supplier and process, which decays
when a process has not been drilled for 90 days (formula in the README).

A drill proves a cell only for outages up to its own duration; live drills
prove in full, compressed drills the automated part only, tabletop drills the
plan only; aborted drills prove nothing and erase nothing. Per process,
supplier and duration the latest valid drill that took that supplier down for
at least that long counts, a compressed drill never overriding a live or
tabletop one. Every cell says why it is what it is and which bundle decides it.

Every bundle under --reports is verified (hash chain, manifest, signature) and
counts only when signed by a trusted key: the one given with --pub, else those
of --trusted-keys, else the state directory's own signing key. A bundle that
fails, is unsigned or is signed by another key is listed as not counted, with
the reason: a forged bundle cannot raise readiness.

--format html is a self-contained page with the cells in colour, for
management; -o FILE writes to a file (whole or not at all) instead of stdout.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReadiness(&o, s, time.Now()) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runReadiness(o *readinessOptions, s *Streams, now time.Time) error {
	if err := o.resolve(s); err != nil {
		return err
	}
	r, err := judgeReadiness(s, o.Catalog, o.Reports, o.Pub, &o.trust, now)
	if err != nil {
		return err
	}
	return o.write(s, r)
}

// judgeReadiness verifies the bundles under reports and judges the catalog's
// readiness from those signed by a trusted key (pub, else the trust flags').
func judgeReadiness(s *Streams, catalogs []string, reports, pubFile string, trust *trustFlags, now time.Time) (*judge.Readiness, error) {
	pub, err := trustedKey(pubFile)
	if err != nil {
		return nil, err
	}
	trusted := &recorder.Trusted{Keys: []ed25519.PublicKey{pub}, From: "the key given with --pub " + pubFile}
	if pub == nil {
		if trusted, err = trust.load(); err != nil {
			return nil, err
		}
	}
	c, err := loadCatalog(catalogs...)
	if err != nil {
		return nil, err
	}
	dirs, err := bundleDirs(reports)
	if err != nil {
		return nil, err
	}
	in := judge.ReadinessInput{Catalog: c, Now: now, Names: map[*evidence.Bundle]string{}}
	for _, dir := range dirs {
		b, reason := verifiedBundle(dir, pub)
		if reason == "" {
			reason = trusted.Judge(b.Signer)
		}
		if reason != "" {
			in.NotCounted = append(in.NotCounted, judge.NotCounted{Bundle: dir, Reason: reason})
			continue
		}
		in.Bundles = append(in.Bundles, b)
		in.Names[b] = dir
	}
	// The follow-up of the drills' reviews, when any has one (readiness
	// without reviews renders as before).
	reviews, problems := recorder.LoadReviews("", in.Names, trusted)
	for _, p := range problems {
		fmt.Fprint(s.Err, s.printer().F("exitdrill: review left out: %s\n", s.printer().Filled(p)))
	}
	if len(reviews) > 0 {
		in.Reviews = reviews
	}
	r, err := judge.NewReadiness(in)
	if err != nil {
		return nil, err
	}
	if len(in.NotCounted) > 0 {
		fmt.Fprint(s.Err, "exitdrill: "+s.printer().F("%d of %d bundles not counted (see the list in the output)\n", len(in.NotCounted), len(dirs)))
	}
	return r, nil
}

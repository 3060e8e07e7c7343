package cli

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/importer"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

func newExportCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write what verified drills proved back into the registers people keep",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newExportROICmd(s), newExportReadinessCmd(s))
	return cmd
}

type exportROIOptions struct {
	Catalog string
	Bundles string
	Pub     string
	trust   trustFlags
	output  outputPath
}

func (o *exportROIOptions) AddFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.Catalog, "catalog", "", "catalog directory `DIR` written by exitdrill import --preset dora-roi")
	f.StringVar(&o.Bundles, "bundles", "", "directory `DIR` holding evidence bundles (searched recursively)")
	f.StringVar(&o.Pub, "pub", "", "ed25519 public key (PEM) every counted bundle must be signed by (instead of the trusted keys)")
	o.trust.AddFlags(cmd)
	o.output.AddFlags(cmd, "FILE", "file `FILE` to write: .xlsx (a sheet B_07.01) or .csv (the register's column codes); - for CSV on stdout", "")
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("bundles")
}

func newExportROICmd(s *Streams) *cobra.Command {
	var o exportROIOptions
	cmd := &cobra.Command{
		Use:   "roi --catalog DIR --bundles DIR -o roi-b07.xlsx|roi-b07.csv",
		Short: "Fill the register of information's B_07.01 from verified drills",
		Long: `Export roi writes a row of B_07.01 (assessment of the ICT services) for every
arrangement and type of ICT service that exitdrill import --preset dora-roi
made an application of, with the columns a drill can answer:

  c0080  existence of an exit plan: yes (eba_BT:x28) when an exitplan.current
         check of the application passed
  c0110  alternative providers identified: yes when a hosting check of one of
         its alternatives passed; c0120 names their suppliers

and, beyond the register's columns, when the exit plan was tested (an
exitplan.export check passed: its data came out and was read), when an
alternative was tested, the date of the last test, and the drills that
proved it. A column no drill proved is left empty: the register keeps what it
says. Only bundles that verify (hash chain, manifest, signature) and are
signed by a trusted key count, as for readiness; aborted drills and drills of
another organisation prove nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExportROI(cmd.Context(), &o, s) },
	}
	o.AddFlags(cmd)
	return cmd
}

func runExportROI(ctx context.Context, o *exportROIOptions, s *Streams) error {
	path := o.output.Path
	switch ext := strings.ToLower(filepath.Ext(path)); {
	case path == "-":
	case path == "":
		return withCode(ExitInvalid, errors.New("-o/--output FILE is required: roi-b07.xlsx or roi-b07.csv"))
	case ext != ".xlsx" && ext != ".csv":
		return withCode(ExitInvalid, fmt.Errorf("-o/--output %s: allowed are a .xlsx or a .csv file, or - for CSV on stdout", path))
	}
	trusted, pub, err := o.trusted()
	if err != nil {
		return err
	}
	c, err := loadCatalog(o.Catalog)
	if err != nil {
		return err
	}
	services, err := importer.RegisterServices(ctx, o.Catalog)
	if err != nil {
		return withCode(ExitInvalid, err)
	}
	dirs, err := bundleDirs(o.Bundles)
	if err != nil {
		return err
	}
	var bundles []*evidence.Bundle
	names := map[*evidence.Bundle]string{}
	notCounted := map[string]string{}
	for _, dir := range dirs {
		b, reason := verifiedBundle(dir, pub)
		if reason == "" {
			reason = trusted.Judge(b.Signer)
		}
		if reason != "" {
			notCounted[dir] = reason
			continue
		}
		bundles = append(bundles, b)
		names[b] = dir
	}
	rows, skipped := importer.B0701(c, services, bundles, names)
	for dir, why := range skipped {
		notCounted[dir] = why
	}
	if err := writeB0701(s, path, rows); err != nil {
		return err
	}
	summarizeExport(s, path, rows, len(dirs), notCounted)
	return nil
}

// trusted returns the keys bundles must be signed by, as readiness takes them.
func (o *exportROIOptions) trusted() (*recorder.Trusted, ed25519.PublicKey, error) {
	pub, err := trustedKey(o.Pub)
	if err != nil {
		return nil, nil, err
	}
	if pub != nil {
		return &recorder.Trusted{Keys: []ed25519.PublicKey{pub}, From: "the key given with --pub " + o.Pub}, pub, nil
	}
	t, err := o.trust.load()
	return t, nil, err
}

func writeB0701(s *Streams, path string, rows []importer.B0701Row) error {
	if path != "-" {
		return importer.WriteB0701(path, rows)
	}
	data, err := importer.B0701CSV(rows)
	if err != nil {
		return err
	}
	_, err = s.Out.Write(data)
	return err
}

// summarizeExport says on stderr what the export holds and which bundles did
// not count, and why.
func summarizeExport(s *Streams, path string, rows []importer.B0701Row, bundles int, notCounted map[string]string) {
	plans, alts := 0, 0
	for _, r := range rows {
		if r.ExitPlan {
			plans++
		}
		if len(r.Alternatives) > 0 {
			alts++
		}
	}
	where := path
	if path == "-" {
		where = "stdout"
	}
	p := s.printer()
	fmt.Fprint(s.Err, "exitdrill: "+p.F("wrote %d rows of B_07.01 to %s: %d with an exit plan and %d with an alternative a verified drill proved; %d of %d bundles counted\n",
		len(rows), where, plans, alts, bundles-len(notCounted), bundles))
	dirs := make([]string, 0, len(notCounted))
	for d := range notCounted {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	for _, d := range dirs {
		fmt.Fprint(s.Err, "exitdrill: "+p.F("not counted: %s: %s\n", d, p.Filled(notCounted[d])))
	}
}

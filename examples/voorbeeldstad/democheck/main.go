// Command democheck checks the demo drill's result against what the README
// promises (examples/voorbeeldstad/expected.csv): the expected verdict per
// process and each deliberate weakness found for the right reason. It reads
// the report of a bundle that `exitdrill verify` has just checked, prints one
// line per process and exits 1 when any differs.
//
//	go run ./examples/voorbeeldstad/democheck -expected examples/voorbeeldstad/expected.csv drill-reports/ID
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/exitdrill/exitdrill/internal/boundedio"
	"github.com/exitdrill/exitdrill/reports"
)

func main() {
	expected := flag.String("expected", "examples/voorbeeldstad/expected.csv", "the expected verdicts")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: democheck [-expected FILE] BUNDLE")
		os.Exit(2)
	}
	os.Exit(run(os.Stdout, *expected, flag.Arg(0)))
}

// Bounds of what democheck reads: the demo's report is about 100 KB, its
// expected verdicts about 1 KB.
const (
	maxReport   = 64 << 20
	maxExpected = 1 << 20
)

func run(w io.Writer, expectedFile, bundle string) int {
	data, err := boundedio.ReadAllRegular(context.Background(), expectedFile, maxExpected, "the expected verdicts", "")
	if err != nil {
		fmt.Fprintln(w, "democheck:", err)
		return 2
	}
	want, err := parseExpected(data)
	if err != nil {
		fmt.Fprintf(w, "democheck: %s: %v\n", expectedFile, err)
		return 2
	}
	f, _, err := boundedio.OpenRegular(filepath.Join(bundle, "reports", "report.json"))
	if err != nil {
		fmt.Fprintln(w, "democheck:", err)
		return 2
	}
	defer f.Close()
	var res reports.Report
	if err := json.NewDecoder(io.LimitReader(f, maxReport)).Decode(&res); err != nil {
		fmt.Fprintf(w, "democheck: %s: %v\n", f.Name(), err)
		return 2
	}
	results, ok := check(&res, want)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROCESS\tEXPECTED\tGOT\tCHECK")
	bad := 0
	for _, r := range results {
		mark := "ok"
		if len(r.problems) > 0 {
			mark = "DIFFERENT"
			bad++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.process, r.expected, r.got, mark)
		for _, p := range r.problems {
			fmt.Fprintf(tw, "\t  %s\t\t\n", p)
		}
	}
	tw.Flush()
	if !ok {
		fmt.Fprintf(w, "demo check: %d of %d processes differ from %s\n", bad, len(results), expectedFile)
		return 1
	}
	fmt.Fprintf(w, "demo check: all %d processes as expected (%s)\n", len(results), expectedFile)
	return 0
}

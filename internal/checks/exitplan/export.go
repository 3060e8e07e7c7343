package exitplan

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// exportReaders read the open formats an export may have. Each parses the whole
// file and reports its records to a recordSet.
var exportReaders = map[string]func(src *source, rs *recordSet) error{
	"csv":   readCSV,
	"json":  readJSON,
	"jsonl": readJSONL,
	"xml":   readXML,
	"ods":   readODS,
}

// openFormats lists exportReaders' keys for messages.
const openFormats = "csv, json, jsonl, xml, ods"

// Export is exitplan.export: it checks the exports of the step's exit plan
// (checkExports).
func Export(ctx context.Context, _ *step.Config, in drill.StepInput) (drill.StepOutput, error) {
	ep, err := exitPlanOf(in.Step)
	if err != nil {
		return drill.StepOutput{}, err
	}
	return checkExports(ctx, in.Step.BaseDir, ep.Exports, limitsOf(ep))
}

// checkExports checks every export of an exit plan: it exists, is in an open
// format, parses completely, has enough records and the declared columns. Each
// export's SHA-256, size and record count go into Details under its path, so the
// evidence pins exactly which files were judged.
func checkExports(ctx context.Context, baseDir string, exports []*drill.Export, lim limits) (drill.StepOutput, error) {
	out := drill.StepOutput{Details: map[string]string{}}
	if len(exports) == 0 {
		out.Reason = "the exit plan lists no exports: add exitPlan.exports with the application's data in an open format"
		return out, nil
	}
	stop := step.Heartbeat(ctx, 2*time.Second) // a large export takes longer than the heartbeat timeout
	defer stop()
	var problems []string
	for _, ex := range exports {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		detail, p := checkExport(ctx, baseDir, ex, lim)
		if err := ctx.Err(); err != nil {
			return out, err // the step's timeout or an abort stopped the read
		}
		if detail != "" {
			out.Details[ex.Path] = detail
		}
		for _, s := range p {
			problems = append(problems, ex.Path+": "+s)
		}
	}
	out.Passed = len(problems) == 0
	out.Reason = strings.Join(problems, "; ")
	return out, nil
}

// checkExport judges one export. detail is "sha256=… records=… bytes=…" when
// the file could be read; an export that exceeds a read limit is judged on
// what was read, and its hash is not computed (it would mean reading all of
// a file that may be gigabytes of nothing).
func checkExport(ctx context.Context, baseDir string, ex *drill.Export, lim limits) (detail string, problems []string) {
	file := catalogPath(baseDir, ex.Path)
	src := &source{ctx: ctx, file: file, lim: lim}
	f, size, err := boundedio.OpenRegular(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", []string{fmt.Sprintf("not found (looked for %s): produce the export or correct its path", file)}
	case err != nil:
		return "", []string{fmt.Sprintf("cannot read: %v", err)}
	}
	f.Close()
	read, ok := exportReaders[strings.ToLower(ex.Format)]
	rs := newRecordSet(ex.Columns)
	var readErr error
	if ok && size > 0 {
		readErr = read(src, rs)
		var tooLarge *boundedio.TooLargeError
		if errors.As(readErr, &tooLarge) || ctx.Err() != nil {
			return fmt.Sprintf("bytes=%d", size), []string{readErr.Error()}
		}
	}
	sum, size, err := exportDigest(src)
	if err != nil {
		return "", []string{fmt.Sprintf("cannot read: %v", err)}
	}
	detail = fmt.Sprintf("sha256=%s bytes=%d", sum, size)
	switch {
	case !ok:
		return detail, []string{fmt.Sprintf("format %q is not an open format exitdrill reads (%s): export the data as one of those", ex.Format, openFormats)}
	case size == 0:
		return detail, []string{"the file is empty"}
	case readErr != nil:
		return detail, []string{readErr.Error()}
	}
	detail = fmt.Sprintf("sha256=%s records=%d bytes=%d", sum, rs.n, size)
	problems = rs.problems()
	if rs.n < ex.MinRecords {
		problems = append(problems, fmt.Sprintf("%d %s, want at least %d", rs.n, pluralOf(int(rs.n), "record", "records"), ex.MinRecords))
	}
	return detail, problems
}

// exportDigest returns an export's SHA-256 in hex and its size.
func exportDigest(src *source) (string, int64, error) {
	f, err := src.openWhole()
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// recordSet counts the records of an export and checks the declared columns,
// either once against a header (csv, ods) or in every record (json, jsonl, xml).
type recordSet struct {
	progress func() // called for each record, when the reader bounds records
	columns  []string
	n        int64
	header   []string // nil for formats without a header
	missing  []missingColumn
}

// missingColumn counts the records that lack one declared column.
type missingColumn struct {
	count int64
	first string // where the first such record is, e.g. "line 7" or "record 3"
}

func newRecordSet(columns []string) *recordSet {
	return &recordSet{columns: columns, missing: make([]missingColumn, len(columns))}
}

// setHeader records the header row of a tabular export.
func (rs *recordSet) setHeader(h []string) {
	rs.header = make([]string, len(h))
	for i, c := range h {
		rs.header[i] = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))
	}
}

// add counts one record; has reports whether it has a field, where locates it.
func (rs *recordSet) add(has func(string) bool, where func() string) {
	rs.n++
	if rs.progress != nil {
		rs.progress()
	}
	if rs.header != nil {
		return
	}
	for i, c := range rs.columns {
		if !has(c) {
			if rs.missing[i].count == 0 {
				rs.missing[i].first = where()
			}
			rs.missing[i].count++
		}
	}
}

// problems describes the declared columns the export lacks.
func (rs *recordSet) problems() []string {
	if rs.header != nil {
		var lacking []string
		for _, c := range rs.columns {
			if !slices.Contains(rs.header, c) {
				lacking = append(lacking, strconv.Quote(c))
			}
		}
		if len(lacking) == 0 {
			return nil
		}
		return []string{fmt.Sprintf("header lacks %s %s (header: %s)",
			pluralOf(len(lacking), "column", "columns"), strings.Join(lacking, ", "), strings.Join(rs.header, ", "))}
	}
	var out []string
	for i, c := range rs.columns {
		if m := rs.missing[i]; m.count > 0 {
			out = append(out, fmt.Sprintf("column %q missing in %d of %d records (first: %s)", c, m.count, rs.n, m.first))
		}
	}
	return out
}

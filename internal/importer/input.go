package importer

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/exitdrill/exitdrill/internal/importer/table"
)

// Options are what every import takes besides its files.
type Options struct {
	// Limits bound what is read; zero fields take table.DefaultLimits.
	Limits table.Limits
	// Organisation names the organisation when the source does not.
	Organisation string
}

// input is one file given to an import, read within the limits.
type input struct {
	path string
	name string // base name, as locations show it
	data []byte
}

// readInputs reads the files, recording a problem for each that cannot be
// read; two files with one base name would make locations ambiguous.
func readInputs(ctx context.Context, paths []string, lim table.Limits, probs *Problems) []input {
	var out []input
	seen := map[string]string{}
	for _, p := range paths {
		name := filepath.Base(p)
		if prev, dup := seen[name]; dup {
			probs.Add(table.Loc{File: name}, "files with different names", "given twice (also as %s): errors could not say which is meant", prev)
			continue
		}
		seen[name] = p
		data, err := table.ReadFile(ctx, p, lim)
		if err != nil {
			probs.AddErr(table.Loc{File: name}, err)
			continue
		}
		out = append(out, input{path: p, name: name, data: data})
	}
	return out
}

// ext is the file's extension, lower case, without the dot.
func (in input) ext() string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(in.name)), ".")
}

// grids reads a CSV file as one grid, or the sheets of an XLSX workbook that
// want accepts (all when want is nil).
func (in input) grids(lim table.Limits, want func(sheet string) bool) ([]*table.Grid, error) {
	switch in.ext() {
	case "csv", "txt":
		g, err := table.ReadCSV(in.name, "", in.data, lim)
		if err != nil {
			return nil, err
		}
		return []*table.Grid{g}, nil
	case "xlsx", "xlsm":
		wb, err := table.OpenXLSX(in.name, in.data, lim)
		if err != nil {
			return nil, err
		}
		defer wb.Close()
		var out []*table.Grid
		for _, s := range wb.Sheets() {
			if want != nil && !want(s) {
				continue
			}
			g, err := wb.Grid(s)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
		return out, nil
	}
	return nil, &table.Error{Loc: table.Loc{File: in.name}, Problem: "not a file this import reads", Allowed: "a .csv or .xlsx file"}
}

func baseName(p string) string { return filepath.Base(p) }

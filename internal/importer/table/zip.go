package table

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// Zip is a zip archive whose members were checked against the limits before
// any was decompressed.
type Zip struct {
	File string // the archive's base name
	r    *zip.Reader
	lim  Limits
	top  string // the one directory every member is in, "" when none
}

// OpenZip checks the archive in data: no more than lim.Entries members, none
// declaring more than lim.EntryBytes and all together no more than
// lim.TotalBytes decompressed, no encrypted member. A zip bomb declares its
// true size (and is refused here) or a false one (and archive/zip refuses to
// inflate a member past the size it declares).
func OpenZip(file string, data []byte, lim Limits) (*Zip, error) {
	lim = lim.withDefaults()
	where := Loc{File: file}
	if int64(len(data)) > lim.FileBytes {
		return nil, &Error{Loc: where, Problem: "file is larger than the limit of " + boundedio.Bytes(lim.FileBytes)}
	}
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Loc: where, Problem: "not a zip archive: " + err.Error()}
	}
	if len(r.File) > lim.Entries {
		return nil, &Error{Loc: where, Problem: fmt.Sprintf("the archive has %d members, more than the limit of %d", len(r.File), lim.Entries)}
	}
	var total uint64
	for _, f := range r.File {
		member := Loc{File: file, Sheet: f.Name}
		if f.Flags&0x1 != 0 {
			return nil, &Error{Loc: member, Problem: "the member is encrypted"}
		}
		if f.UncompressedSize64 > uint64(lim.EntryBytes) {
			return nil, &Error{Loc: member, Problem: fmt.Sprintf("the member decompresses to %s, more than the limit of %s (a zip bomb?)",
				boundedio.Bytes(int64(min(f.UncompressedSize64, 1<<62))), boundedio.Bytes(lim.EntryBytes))}
		}
		total += f.UncompressedSize64
		if total > uint64(lim.TotalBytes) {
			return nil, &Error{Loc: where, Problem: fmt.Sprintf("the members decompress to more than %s, the limit (a zip bomb?)", boundedio.Bytes(lim.TotalBytes))}
		}
	}
	return &Zip{File: file, r: r, lim: lim, top: topDir(r)}, nil
}

// topDir returns "DIR/" when every member is under the one directory DIR
// and there are directories below it, as in a report package
// (LEI_..._DORA_ROI/reports/...).
func topDir(r *zip.Reader) string {
	top, deeper := "", false
	for i, f := range r.File {
		dir, rest, ok := strings.Cut(f.Name, "/")
		switch {
		case !ok:
			return ""
		case i == 0:
			top = dir + "/"
		case dir+"/" != top:
			return ""
		}
		deeper = deeper || strings.Contains(rest, "/")
	}
	if !deeper {
		return ""
	}
	return top
}

// Shown is how locations name a member: without the top directory every
// member shares, which says nothing.
func (z *Zip) Shown(name string) string { return strings.TrimPrefix(name, z.top) }

// Names lists the members' names, in archive order.
func (z *Zip) Names() []string {
	names := make([]string, len(z.r.File))
	for i, f := range z.r.File {
		names[i] = f.Name
	}
	return names
}

// Find returns the member whose name ends with suffix (compared without
// case, at a '/' boundary), shortest name first; ok is false when none does.
func (z *Zip) Find(suffix string) (string, bool) {
	suffix = strings.ToLower(suffix)
	best := ""
	for _, f := range z.r.File {
		name := strings.ToLower(f.Name)
		if (name == suffix || strings.HasSuffix(name, "/"+suffix)) && (best == "" || len(f.Name) < len(best)) {
			best = f.Name
		}
	}
	return best, best != ""
}

// Read decompresses the member name, within the limits.
func (z *Zip) Read(name string) ([]byte, error) {
	where := Loc{File: z.File, Sheet: z.Shown(name)}
	for _, f := range z.r.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, &Error{Loc: where, Problem: "cannot read the member: " + err.Error()}
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, z.lim.EntryBytes+1))
		if err != nil {
			return nil, &Error{Loc: where, Problem: "cannot read the member: " + err.Error()}
		}
		if int64(len(data)) > z.lim.EntryBytes {
			return nil, &Error{Loc: where, Problem: "the member decompresses to more than the limit of " + boundedio.Bytes(z.lim.EntryBytes) + " (a zip bomb?)"}
		}
		return data, nil
	}
	return nil, &Error{Loc: where, Problem: "no such member in the archive"}
}

// ReadCSV reads the member name as CSV.
func (z *Zip) ReadCSV(name string) (*Grid, error) {
	data, err := z.Read(name)
	if err != nil {
		return nil, err
	}
	return ReadCSV(z.File, z.Shown(name), data, z.lim)
}

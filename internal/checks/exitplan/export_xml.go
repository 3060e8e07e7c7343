package exitplan

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"
	"strconv"
	"strings"
)

// readXML reads an XML export: a well-formed document whose records are the
// repeated child elements of the root (the most frequent child name wins, so a
// metadata element beside the records is allowed). A record's fields are its
// attributes and child elements.
func readXML(src *source, rs *recordSet) error {
	f, err := src.open()
	if err != nil {
		return err
	}
	defer f.Close()
	dec := xml.NewDecoder(bufio.NewReader(f))
	groups := map[string]*recordSet{}
	var order []string
	var depth int
	var rootSeen, rootDone bool
	var name string
	var fields map[string]bool
	var start int
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return xmlError(err)
		}
		src.progress()
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := dec.InputPos()
			switch depth {
			case 0:
				if rootDone {
					return fmt.Errorf("line %d: a second root element <%s>", line, t.Name.Local)
				}
				rootSeen = true
			case 1:
				name, start, fields = t.Name.Local, line, map[string]bool{}
				for _, a := range t.Attr {
					if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
						fields[a.Name.Local] = true
					}
				}
			case 2:
				fields[t.Name.Local] = true
			}
			depth++
		case xml.EndElement:
			depth--
			switch depth {
			case 0:
				rootDone = true
			case 1:
				g := groups[name]
				if g == nil {
					g = newRecordSet(rs.columns)
					groups[name] = g
					order = append(order, name)
				}
				f, at := fields, start
				g.add(func(c string) bool { return f[c] }, func() string { return "line " + strconv.Itoa(at) })
			}
		}
	}
	if !rootSeen {
		return errors.New("no root element")
	}
	for _, n := range order {
		if g := groups[n]; g.n > rs.n {
			rs.n, rs.missing = g.n, g.missing
		}
	}
	return nil
}

func xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("line %d: %s", se.Line, se.Msg)
	}
	return err
}

// OpenDocument namespaces.
const (
	odsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	odsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	odsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	odsMime   = "application/vnd.oasis.opendocument.spreadsheet"
	// odsMaxRepeat caps how often one non-empty cell is repeated, so that a
	// crafted file cannot make a row of billions of cells.
	odsMaxRepeat = 1 << 14
)

// readODS reads an OpenDocument spreadsheet: a zip with content.xml, whose
// first table is the export: a header row, then one record per non-empty row.
func readODS(src *source, rs *recordSet) error {
	f, size, err := boundedio.OpenRegular(src.file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return fmt.Errorf("not an ODS file (not a zip archive): %v", err)
	}
	var content *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "content.xml":
			content = f
		case "mimetype":
			if m, err := readZipFile(f, 256); err == nil && strings.TrimSpace(m) != odsMime {
				return fmt.Errorf("not an ODS file: its mimetype is %q, want %s", m, odsMime)
			}
		}
	}
	if content == nil {
		return errors.New("not an ODS file: the archive has no content.xml")
	}
	rc, err := content.Open()
	if err != nil {
		return fmt.Errorf("content.xml: %v", err)
	}
	defer rc.Close()
	if err := (&odsReader{rs: rs, progress: src.progress}).read(xml.NewDecoder(src.bound(rc))); err != nil {
		return fmt.Errorf("content.xml: %w", err)
	}
	return nil
}

func readZipFile(f *zip.File, max int64) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max))
	return string(b), err
}

// odsReader walks content.xml and turns the rows of the first table into a
// header and records.
type odsReader struct {
	rs        *recordSet
	progress  func() // a row was read: the bound on one record starts again
	depth     int    // nesting of table:table, 0 outside the first table
	done      bool
	row       int // spreadsheet row number of the current row
	rowRepeat int
	cells     []string
	empties   int // empty cells not yet appended (kept only if a value follows)
	inCell    bool
	cellRep   int
	value     string // the office value attribute of the current cell
	text      strings.Builder
	paras     int
	inPara    bool
	header    bool
}

func (o *odsReader) read(dec *xml.Decoder) error {
	for !o.done {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			o.start(t)
		case xml.CharData:
			if o.inPara {
				o.text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Space == odsText && t.Name.Local == "p" {
				o.inPara = false
			}
			if err := o.end(t); err != nil {
				return err
			}
		}
	}
	if !o.header {
		return errors.New("the first table is empty: no header row")
	}
	return nil
}

func (o *odsReader) start(t xml.StartElement) {
	if t.Name.Space == odsTable && t.Name.Local == "table" {
		o.depth++
		return
	}
	if o.depth == 0 {
		return
	}
	switch {
	case t.Name.Space == odsTable && t.Name.Local == "table-row":
		o.rowRepeat = repeatAttr(t, "number-rows-repeated")
		o.cells, o.empties = o.cells[:0], 0
	case t.Name.Space == odsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell"):
		o.inCell, o.cellRep, o.paras = true, repeatAttr(t, "number-columns-repeated"), 0
		o.text.Reset()
		o.value = ""
		for _, k := range []string{"value", "date-value", "time-value", "boolean-value", "string-value"} {
			if v := xmlAttr(t, odsOffice, k); v != "" {
				o.value = v
				break
			}
		}
	case o.inCell && t.Name.Space == odsText && t.Name.Local == "p":
		if o.paras > 0 {
			o.text.WriteByte('\n')
		}
		o.paras++
		o.inPara = true
	case o.inCell && t.Name.Space == odsText && t.Name.Local == "s":
		o.text.WriteString(strings.Repeat(" ", min(repeatAttrNS(t, odsText, "c"), 1024)))
	case o.inCell && t.Name.Space == odsText && t.Name.Local == "tab":
		o.text.WriteByte('\t')
	case o.inCell && t.Name.Space == odsText && t.Name.Local == "line-break":
		o.text.WriteByte('\n')
	}
}

func (o *odsReader) end(t xml.EndElement) error {
	if t.Name.Space != odsTable || o.depth == 0 {
		return nil
	}
	switch t.Name.Local {
	case "table":
		o.depth--
		o.done = o.depth == 0
	case "table-cell", "covered-table-cell":
		o.inCell = false
		v := o.text.String()
		if v == "" {
			v = o.value
		}
		if v == "" {
			o.empties += o.cellRep
			return nil
		}
		for ; o.empties > 0; o.empties-- {
			o.cells = append(o.cells, "")
		}
		for range min(o.cellRep, odsMaxRepeat) {
			o.cells = append(o.cells, v)
		}
	case "table-row":
		first := o.row + 1
		o.row += o.rowRepeat
		return o.endRow(first)
	}
	return nil
}

// endRow takes a finished row: the first non-empty row is the header, every
// later non-empty row a record (repeated rows count each time).
func (o *odsReader) endRow(row int) error {
	o.progress()
	if len(o.cells) == 0 {
		return nil
	}
	if !o.header {
		o.header = true
		o.rs.setHeader(o.cells)
		return nil
	}
	if len(o.cells) > len(o.rs.header) {
		return fmt.Errorf("row %d: %d cells, header has %d", row, len(o.cells), len(o.rs.header))
	}
	o.rs.n += int64(o.rowRepeat)
	return nil
}

func xmlAttr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func repeatAttr(t xml.StartElement, local string) int { return repeatAttrNS(t, odsTable, local) }

// repeatAttrNS reads a repetition count; absent or invalid means 1.
func repeatAttrNS(t xml.StartElement, space, local string) int {
	n, err := strconv.Atoi(xmlAttr(t, space, local))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

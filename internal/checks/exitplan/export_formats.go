package exitplan

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"
	"strconv"
	"unicode/utf8"
)

// readCSV reads a CSV export: a header row, then records with as many fields as
// the header. Comma is the delimiter unless the header has more semicolons (as
// spreadsheets in Dutch locales write).
func readCSV(src *source, rs *recordSet) error {
	f, err := src.open()
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	r := csv.NewReader(br)
	r.Comma = csvDelimiter(br)
	r.FieldsPerRecord = -1 // checked here, to say which line and how many
	r.ReuseRecord = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return errors.New("no header row")
	}
	if err != nil {
		return csvError(err)
	}
	if err := csvUTF8(r, header); err != nil {
		return err
	}
	rs.setHeader(header)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(err)
		}
		if len(rec) != len(rs.header) {
			line, _ := r.FieldPos(0)
			return fmt.Errorf("line %d: wrong number of fields (%d, header has %d)", line, len(rec), len(rs.header))
		}
		if err := csvUTF8(r, rec); err != nil {
			return err
		}
		src.progress()
		rs.add(nil, nil)
	}
}

// csvDelimiter picks ';' when the first line has more semicolons than commas.
func csvDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		return ';'
	}
	return ','
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
	}
	return err
}

// csvUTF8 rejects text that is not UTF-8: an export in a legacy code page is
// not portable without knowing which one.
func csvUTF8(r *csv.Reader, rec []string) error {
	for i, field := range rec {
		if !utf8.ValidString(field) {
			line, col := r.FieldPos(i)
			return fmt.Errorf("line %d, column %d: not UTF-8 text: export the data as UTF-8", line, col)
		}
	}
	return nil
}

// readJSON reads a JSON export: an array of objects, or an object that holds
// exactly one array of objects (other members, such as metadata, are allowed).
// It streams, so a large export is not held in memory.
func readJSON(src *source, rs *recordSet) error {
	f, err := src.open()
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	rs.progress = src.progress
	if err := walkJSON(dec, rs); err != nil {
		return jsonError(src, err)
	}
	return nil
}

func walkJSON(dec *json.Decoder, rs *recordSet) error {
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return errors.New("no JSON value")
	}
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		err = jsonRecords(dec, rs)
	case json.Delim('{'):
		err = jsonObject(dec, rs)
	default:
		return fmt.Errorf("the top level is %s, want an array of objects or an object holding one array", jsonKind(tok))
	}
	if err != nil {
		return err
	}
	switch _, err := dec.Token(); {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("offset %d: more data after the JSON value", dec.InputOffset())
}

// jsonRecords reads the elements of an array whose '[' was read, and its ']'.
func jsonRecords(dec *json.Decoder, rs *recordSet) error {
	for i := 1; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		var m map[string]json.RawMessage
		if raw[0] != '{' || json.Unmarshal(raw, &m) != nil {
			return fmt.Errorf("record %d is %s, not an object", i, rawKind(raw))
		}
		rs.add(func(c string) bool { _, ok := m[c]; return ok }, func() string { return "record " + strconv.Itoa(i) })
	}
	_, err := dec.Token()
	return err
}

// jsonObject reads the members of an object whose '{' was read: one array
// member holds the records, other members are skipped.
func jsonObject(dec *json.Decoder, rs *recordSet) error {
	var arrays []string
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		vt, err := dec.Token()
		if err != nil {
			return err
		}
		switch vt {
		case json.Delim('['):
			if arrays = append(arrays, kt.(string)); len(arrays) > 1 {
				return fmt.Errorf("the top-level object holds more than one array (%q, %q): want exactly one array of records", arrays[0], arrays[1])
			}
			if err := jsonRecords(dec, rs); err != nil {
				return err
			}
		case json.Delim('{'):
			if err := skipJSON(dec); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	if len(arrays) == 0 {
		return errors.New("the top-level object holds no array of records")
	}
	return nil
}

// skipJSON skips the rest of an object or array whose opening delimiter was read.
func skipJSON(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// jsonError places a syntax error on its line.
func jsonError(src *source, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("line %d: %v", lineOfOffset(src, se.Offset), se)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("unexpected end of file: the export is truncated")
	}
	return err
}

// lineOfOffset returns the 1-based line of a byte offset in a file.
func lineOfOffset(src *source, offset int64) int {
	f, err := src.open()
	if err != nil {
		return 0
	}
	defer f.Close()
	line := 1
	br := bufio.NewReader(io.LimitReader(f, offset))
	for {
		b, err := br.ReadByte()
		if err != nil {
			return line
		}
		if b == '\n' {
			line++
		}
	}
}

func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

func rawKind(raw []byte) string {
	switch raw[0] {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	}
	return "a number"
}

// readJSONL reads a JSON Lines export: one object per line; blank lines are
// skipped.
func readJSONL(src *source, rs *recordSet) error {
	f, err := src.open()
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), int(min(src.lim.record, 1<<30)))
	line := 0
	for sc.Scan() {
		line++
		src.progress()
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return fmt.Errorf("line %d: %s, not a JSON object", line, rawKind(b))
			}
			return fmt.Errorf("line %d: %v", line, err)
		}
		if m == nil {
			return fmt.Errorf("line %d: null, not a JSON object", line)
		}
		n := line
		rs.add(func(c string) bool { _, ok := m[c]; return ok }, func() string { return "line " + strconv.Itoa(n) })
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("line %d: %w", line+1, &boundedio.TooLargeError{What: "one record, line or token of the export", Limit: src.lim.record, Setting: "exitPlan.limits.recordBytes"})
	} else if err != nil {
		return fmt.Errorf("line %d: %v", line+1, err)
	}
	return nil
}

package gen

import (
	"bytes"
	"strconv"
	"strings"
)

// writer appends YAML text to a buffer. It writes the text directly rather than
// marshalling structs: the output is then fast to produce, stable byte for byte,
// and laid out the way a person would write a catalog.
type writer struct {
	buf  bytes.Buffer
	opts Options
}

func newWriter(o Options, size int) *writer {
	w := &writer{opts: o}
	w.buf.Grow(size)
	return w
}

func (w *writer) bytes() []byte { return w.buf.Bytes() }

func (w *writer) str(s string) *writer { w.buf.WriteString(s); return w }

func (w *writer) nl() *writer { w.buf.WriteByte('\n'); return w }

func (w *writer) line(s string) *writer { return w.str(s).nl() }

// header is the comment that starts every file.
func (w *writer) header() {
	w.str(Header).str(" Seed ").str(strconv.FormatInt(w.opts.Seed, 10)).str(": regenerate rather than edit.").nl()
}

// catalogHeader starts a file holding one Catalog document.
func (w *writer) catalogHeader() {
	w.header()
	w.line("apiVersion: exitdrill/v1")
	w.line("kind: Catalog")
	w.str("organisation: ").scalar(Organisation).nl()
}

// scalar writes s plain when that reads back as the same string in block and
// flow context, double-quoted otherwise.
func (w *writer) scalar(s string) *writer {
	if plain(s) {
		return w.str(s)
	}
	return w.str(strconv.Quote(s))
}

// list writes a flow sequence of scalars: [a, b].
func (w *writer) list(items []string) *writer {
	w.buf.WriteByte('[')
	for i, s := range items {
		if i > 0 {
			w.str(", ")
		}
		w.scalar(s)
	}
	w.buf.WriteByte(']')
	return w
}

func plain(s string) bool {
	if s == "" || s[len(s)-1] == ' ' {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off":
		return false
	}
	if c := s[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte(" ._/()-", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// slug turns a name into an id: lower case, words joined by hyphens.
func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}

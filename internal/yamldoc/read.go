package yamldoc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest definition file accepted. Real catalogs are far
// smaller; the limit keeps a wrong path (a disk image, a log) from being read.
const MaxFileSize = 16 << 20

// APIVersion is the only apiVersion this release reads.
const APIVersion = "exitdrill/v1"

// Header holds the two keys every document starts with. Model structs embed it
// with the tag `yaml:",inline"`.
type Header struct {
	APIVersion string `yaml:"apiVersion" json:"apiVersion" required:"true" enum:"exitdrill/v1" doc:"Format version; always exitdrill/v1."`
	Kind       string `yaml:"kind" json:"kind" required:"true" doc:"Document kind."`
}

// Document is one YAML document of a file, parsed but not yet decoded.
type Document struct {
	File  string
	Index int // 0-based position among the file's documents
	Kind  string
	Pos   Pos // where the document's mapping starts
	Root  *yaml.Node

	aliasBudget *atomic.Int64 // nodes still allowed through aliases, shared by a file's documents
}

// ReadFile reads every document of a YAML file from fsys. Files larger than
// [MaxFileSize] and syntax errors are reported in errs; the documents read before
// a syntax error are still returned. Documents that are empty are skipped,
// but a file without any document is a problem ("no documents in FILE").
func ReadFile(fsys fs.FS, name string, errs *List) []Document {
	data, err := readLimited(fsys, name)
	if err != nil {
		errs.Add(Pos{File: name}, "", "", err.Error(), "")
		return nil
	}
	return Parse(name, data, errs)
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a directory, expected a YAML file")
	} else if err == nil && !st.Mode().IsRegular() {
		// A named pipe would block the read, a device never end it.
		return nil, fmt.Errorf("cannot read file: it is a %s, not a regular file: only regular files are read", fileType(st.Mode()))
	} else if err == nil && st.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, larger than the limit of %d bytes (16 MiB)", st.Size(), MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is larger than the limit of %d bytes (16 MiB)", MaxFileSize)
	}
	return data, nil
}

// fileType names the type of a file that is neither regular nor a directory.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the problems yaml.v3 reports as parser (not scanner)
// errors. For those it prints the 0-based line of the mark, one too low: an
// unclosed [ on line 32 is reported on line 31. Scanner errors are 1-based.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var anchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// aliasPos finds where the alias *anchor is first used: yaml.v3 reports an
// unknown anchor without a position.
func aliasPos(name string, data []byte, anchor string) Pos {
	i := bytes.Index(data, []byte("*"+anchor))
	if i < 0 || anchor == "" {
		return Pos{File: name}
	}
	line := 1 + bytes.Count(data[:i], []byte("\n"))
	col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i])
	return Pos{File: name, Line: line, Col: col}
}

// Parse splits data into YAML documents. name is used in positions only.
// Empty documents (such as after a trailing ---) are skipped; data without
// any document (empty, comments only, only empty documents) is a problem.
func Parse(name string, data []byte, errs *List) []Document {
	if len(data) > MaxFileSize {
		errs.Add(Pos{File: name}, "", "", fmt.Sprintf("file is larger than the limit of %d bytes (16 MiB)", MaxFileSize), "")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	budget := new(atomic.Int64)
	budget.Store(MaxAliasNodes)
	var docs []Document
	notMapping := false
	for i := 0; ; i++ {
		var n yaml.Node
		err := decodeNode(dec, &n)
		if errors.Is(err, io.EOF) {
			if len(docs) == 0 && !notMapping {
				// Empty, comments only, or only empty documents: most
				// likely the wrong file, or one not saved yet.
				errs.Add(Pos{File: name}, "", "", "no documents in "+name, "at least one document, a mapping starting with apiVersion: exitdrill/v1 and kind")
			}
			return docs
		}
		if err != nil {
			pos, msg := Pos{File: name}, err.Error()
			if m := lineRE.FindStringSubmatch(msg); m != nil {
				pos.Line, _ = strconv.Atoi(m[1])
				msg = m[2]
				if parserProblems[msg] {
					pos.Line++
				}
			} else {
				msg = strings.TrimPrefix(msg, "yaml: ")
				if parserProblems[msg] {
					pos.Line = 1 // yaml.v3 leaves out "line 0"
				} else if m := anchorRE.FindStringSubmatch(msg); m != nil {
					pos = aliasPos(name, data, m[1])
				}
			}
			errs.Add(pos, "", "", "YAML syntax error: "+msg, "")
			return docs
		}
		root := &n
		if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
			root = root.Content[0]
		}
		if root.Kind == 0 || root.Tag == "!!null" {
			continue // an empty document, for example after a trailing ---
		}
		doc := Document{File: name, Index: i, Root: root, Pos: Pos{File: name, Line: root.Line, Col: root.Column}, aliasBudget: budget}
		if root.Kind != yaml.MappingNode {
			errs.Add(doc.Pos, "", "", "document is not a mapping", "a mapping starting with apiVersion: exitdrill/v1 and kind")
			notMapping = true
			continue
		}
		doc.Kind = scalarAt(root, "kind")
		docs = append(docs, doc)
	}
}

// decodeNode guards against panics inside the YAML library on hostile input:
// whatever it does, a bad file must become an error, never a crash.
func decodeNode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return dec.Decode(n)
}

func scalarAt(m *yaml.Node, key string) string {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			if v := m.Content[i+1]; v.Kind == yaml.ScalarNode {
				return v.Value
			}
		}
	}
	return ""
}

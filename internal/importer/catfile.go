package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/exitdrill/exitdrill/internal/boundedio"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// catFile is one catalog file of the directory, as a tree of YAML nodes.
type catFile struct {
	path    string
	existed bool
	orig    []byte
	docs    []*yaml.Node // document nodes
}

// maxYAMLFiles bounds how many YAML files of the directory are looked at.
const maxYAMLFiles = 10_000

// loadCatFile reads path; a missing file is an empty one.
func loadCatFile(ctx context.Context, path string) (*catFile, error) {
	f := &catFile{path: path}
	data, err := boundedio.ReadAllRegular(ctx, path, yamldoc.MaxFileSize, "a catalog file", "")
	if errors.Is(err, fs.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	f.existed, f.orig = true, data
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w (fix it or move it away; the import merges into it)", path, err)
		}
		f.docs = append(f.docs, &doc)
	}
}

// root is the mapping at the top of a document, nil when it is something else.
func root(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		return doc.Content[0]
	}
	return nil
}

// list returns the sequence under key in the first catalog document that has
// it. With create, a catalog document without it gets it (a new file gets a
// new document with header); otherwise nil.
func (f *catFile) list(key, header, organisation string, create bool) *yaml.Node {
	var first *yaml.Node
	for _, doc := range f.docs {
		m := root(doc)
		if m == nil || text(valueOf(m, "kind")) != "Catalog" {
			continue
		}
		if seq, _ := mapping(m, key); seq != nil && seq.Kind == yaml.SequenceNode {
			return seq
		}
		if first == nil {
			first = m
		}
	}
	if !create {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if first != nil {
		if old, _ := mapping(first, key); old != nil && old.Kind == yaml.ScalarNode && old.Tag == "!!null" {
			deleteKey(first, key)
		}
		setKey(first, key, seq)
		return seq
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", HeadComment: header}
	m.Content = append(m.Content, scalar("apiVersion"), scalar(yamldoc.APIVersion), scalar("kind"), scalar("Catalog"))
	if organisation != "" {
		m.Content = append(m.Content, scalar("organisation"), scalar(organisation))
	}
	m.Content = append(m.Content, scalar(key), seq)
	f.docs = append(f.docs, &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m}})
	return seq
}

// setOrganisation sets the organisation of the file's catalog documents.
func (f *catFile) setOrganisation(org string) {
	for _, doc := range f.docs {
		if m := root(doc); m != nil && text(valueOf(m, "kind")) == "Catalog" {
			if text(valueOf(m, "organisation")) != org {
				setKey(m, "organisation", scalar(org))
			}
		}
	}
}

func valueOf(m *yaml.Node, key string) *yaml.Node {
	v, _ := mapping(m, key)
	return v
}

// encode writes the file's documents back.
func (f *catFile) encode() ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	for _, doc := range f.docs {
		if err := enc.Encode(doc); err != nil {
			return nil, fmt.Errorf("encode %s: %w", f.path, err)
		}
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode %s: %w", f.path, err)
	}
	return b.Bytes(), nil
}

// dirIDs are the ids and the organisation found in the directory's other
// YAML files: an import gives none of those ids to a record of its own.
type dirIDs struct {
	ids          map[Kind]map[string]bool
	organisation string
}

// scanDir reads the YAML files under dir other than skip, bounded by the
// catalog reader's limits, and collects their record ids. Files that do not
// parse are left to validate.
func scanDir(ctx context.Context, dir string, skip map[string]bool) (*dirIDs, error) {
	out := &dirIDs{ids: map[Kind]map[string]bool{}}
	for _, k := range Kinds {
		out.ids[k] = map[string]bool{}
	}
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path == dir {
				return filepath.SkipAll
			}
			return err
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !yamldoc.IsYAML(path) || skip[filepath.Clean(path)] {
			return nil
		}
		if n++; n > maxYAMLFiles {
			return fmt.Errorf("%s holds more than %d YAML files", dir, maxYAMLFiles)
		}
		return out.scanFile(ctx, path)
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return out, nil
}

func (d *dirIDs) scanFile(ctx context.Context, path string) error {
	f, err := loadCatFile(ctx, path)
	if err != nil {
		return nil // validate reports a file that does not parse
	}
	for _, doc := range f.docs {
		m := root(doc)
		if m == nil {
			continue
		}
		if org := text(valueOf(m, "organisation")); org != "" && d.organisation == "" {
			d.organisation = org
		}
		for _, k := range Kinds {
			seq := valueOf(m, k.list())
			if seq == nil || seq.Kind != yaml.SequenceNode {
				continue
			}
			for _, it := range seq.Content {
				if id := text(valueOf(it, "id")); id != "" {
					d.ids[k][id] = true
				}
			}
		}
	}
	return nil
}

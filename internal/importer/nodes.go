package importer

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// The catalog files are edited as YAML node trees, so that what people wrote
// by hand — keys, comments, order — survives an import.

func scalar(text string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: text}
}

func boolNode(text string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: text}
}

// flowList is a list written on one line: [a, b].
func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, it := range items {
		n.Content = append(n.Content, scalar(it))
	}
	return n
}

// mapping returns the value of key in the mapping m and the index of its key
// node, or nil and -1.
func mapping(m *yaml.Node, key string) (*yaml.Node, int) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1], i
		}
	}
	return nil, -1
}

// setKey sets key to v in m, keeping the key's comments and the old value's
// line comment; a new key goes last.
func setKey(m *yaml.Node, key string, v *yaml.Node) {
	if old, i := mapping(m, key); old != nil {
		if v.LineComment == "" {
			v.LineComment = old.LineComment
		}
		m.Content[i+1] = v
		return
	}
	m.Content = append(m.Content, scalar(key), v)
}

// deleteKey removes key from m; it reports whether there was one.
func deleteKey(m *yaml.Node, key string) bool {
	if _, i := mapping(m, key); i >= 0 {
		m.Content = append(m.Content[:i], m.Content[i+2:]...)
		return true
	}
	return false
}

// text is a scalar's value, "" for other nodes.
func text(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// items returns the scalar values of a sequence.
func items(n *yaml.Node) []string {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// show writes a value for a change line: a scalar as is, a list as [a, b].
func show(n *yaml.Node) string {
	switch {
	case n == nil:
		return "(none)"
	case n.Kind == yaml.SequenceNode:
		return "[" + strings.Join(items(n), ", ") + "]"
	case n.Kind == yaml.ScalarNode && n.Value == "":
		return `""`
	case n.Kind == yaml.ScalarNode:
		return n.Value
	}
	return "(a " + kindName(n) + ")"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// importLine marks the comment lines an import writes, so that the next one
// replaces them and leaves the others alone.
const importLine = "# import: "

// todoLine starts the comment above a placeholder.
const todoLine = "# TODO (import): "

// withComments replaces the import's lines in a head comment with lines,
// keeping the lines people wrote.
func withComments(head string, prefix string, lines []string) string {
	var keep []string
	for _, l := range strings.Split(head, "\n") {
		if l != "" && !strings.HasPrefix(l, prefix) {
			keep = append(keep, l)
		}
	}
	for _, l := range lines {
		keep = append(keep, prefix+l)
	}
	return strings.Join(keep, "\n")
}

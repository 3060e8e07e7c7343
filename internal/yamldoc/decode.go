package yamldoc

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"gopkg.in/yaml.v3"
)

// MaxNodes bounds how many YAML nodes one document may expand to when aliases are
// followed. A billion-laughs document is rejected after this many nodes instead of
// exhausting memory; a 16 MiB file of real definitions stays well below it.
const MaxNodes = 4_000_000

// MaxDepth bounds how deeply values may nest. The definition formats nest a
// handful of levels; the bound keeps a type that nests without end (decoded from
// an alias that contains itself) from building ever longer key paths.
const MaxDepth = 100

// MaxAliasNodes bounds how many nodes may be decoded through aliases in one file
// (in all files of one [ReadPaths] call). Every decoded node becomes model
// structs of about a hundred bytes, so a few kilobytes of nested aliases shaped
// like the model would otherwise build hundreds of megabytes before MaxNodes
// stops them. Real definitions repeat a health check or a list now and then,
// far below this.
const MaxAliasNodes = 100_000

// Decode fills out (a pointer to a struct) from doc, recording every problem in
// errs with its position. Decoding goes on after a problem so that all of them
// are reported together. Key paths in messages start with root, which may be
// empty (a catalog) or name the document (runbook[parkeren-recovery]).
func Decode(doc Document, out any, root string, errs *List) {
	d := &decoder{file: doc.File, errs: errs, budget: MaxNodes, aliasBudget: doc.aliasBudget}
	if d.aliasBudget == nil {
		d.aliasBudget = new(atomic.Int64)
		d.aliasBudget.Store(MaxAliasNodes)
	}
	d.value(doc.Root, reflect.ValueOf(out).Elem(), root)
}

// RootPath names a document by its kind and id for key paths, for example
// runbook[parkeren-recovery]; documents without an id are named by kind alone.
func RootPath(doc Document) string {
	name := strings.ToLower(doc.Kind)
	if id := scalarAt(doc.Root, "id"); id != "" && len(id) <= 80 {
		return name + "[" + id + "]"
	}
	return name
}

type decoder struct {
	file        string
	errs        *List
	budget      int
	aliasBudget *atomic.Int64 // shared by the documents of a file or of all files read together, see [MaxAliasNodes]; atomic as files are decoded in parallel
	aliasDepth  int           // how many aliases lead to the node being decoded
	depth       int           // how deeply the node being decoded is nested
	overflow    bool
	tooDeep     bool
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Col: n.Column} }

func (d *decoder) fail(n *yaml.Node, path, value, problem, allowed string) {
	d.errs.Add(d.pos(n), path, value, problem, allowed)
}

// resolve follows aliases and charges the node budget.
func (d *decoder) resolve(n *yaml.Node) (*yaml.Node, bool) {
	for hops := 0; n.Kind == yaml.AliasNode; hops++ {
		if n.Alias == nil || hops > 100 {
			return nil, false
		}
		n = n.Alias
	}
	d.budget--
	var aliasLeft int64
	if d.aliasDepth > 0 {
		aliasLeft = d.aliasBudget.Add(-1)
	} else {
		aliasLeft = d.aliasBudget.Load()
	}
	if d.budget < 0 || aliasLeft < 0 {
		limit := MaxNodes
		if aliasLeft < 0 {
			limit = MaxAliasNodes
		}
		if !d.overflow {
			d.overflow = true
			d.errs.Add(Pos{File: d.file}, "", "", fmt.Sprintf("document expands to more than %d nodes (YAML alias expansion)", limit), "")
		}
		return nil, false
	}
	return n, true
}

func (d *decoder) value(orig *yaml.Node, v reflect.Value, path string) {
	if orig.Kind == yaml.AliasNode {
		d.aliasDepth++
		defer func() { d.aliasDepth-- }()
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > MaxDepth {
		if !d.tooDeep {
			d.tooDeep = true
			d.fail(orig, truncate(path, 200), "", fmt.Sprintf("values nest more than %d levels deep", MaxDepth), "")
		}
		return
	}
	n, ok := d.resolve(orig)
	if !ok {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if v.CanAddr() {
		if s, ok := v.Addr().Interface().(Scalar); ok {
			d.scalarValue(orig, n, s, path)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(orig, v.Elem(), path)
	case reflect.Struct:
		d.structValue(orig, n, v, path)
	case reflect.Slice:
		d.sliceValue(orig, n, v, path)
	case reflect.Map:
		d.mapValue(orig, n, v, path)
	default:
		d.basic(orig, n, v, path)
	}
}

func (d *decoder) scalarValue(orig, n *yaml.Node, s Scalar, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(orig, path, "", "expected a single value, found "+kindName(n), "")
		return
	}
	if err := s.UnmarshalScalar(n.Value); err != nil {
		var e *Error
		if errors.As(err, &e) {
			d.fail(orig, path, n.Value, e.Problem, e.Allowed)
		} else {
			d.fail(orig, path, n.Value, err.Error(), "")
		}
	}
}

func (d *decoder) basic(orig, n *yaml.Node, v reflect.Value, path string) {
	var want string // a switch, not a map literal: this runs for every scalar
	switch v.Kind() {
	case reflect.String:
		want = "a string"
	case reflect.Bool:
		want = "true or false"
	case reflect.Float64:
		want = "a number"
	case reflect.Int, reflect.Int64:
		want = "a whole number"
	}
	if want == "" {
		d.fail(orig, path, "", fmt.Sprintf("internal: cannot decode into %s", v.Type()), "")
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.fail(orig, path, "", "expected "+want+", found "+kindName(n), want)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		switch n.Value {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			d.fail(orig, path, n.Value, "expected true or false", "true, false")
		}
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 10, 64)
		if err != nil {
			d.fail(orig, path, n.Value, "expected a whole number", "a whole number such as 1000")
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.fail(orig, path, n.Value, "expected a number", "a number such as 720 or 0.5")
			return
		}
		v.SetFloat(f)
	}
}

func (d *decoder) sliceValue(orig, n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.fail(orig, path, scalarText(n), "expected a list, found "+kindName(n), "a list, for example [a, b] or one '- item' per line")
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, out.Index(i), itemPath(path, i, item))
	}
	v.Set(out)
}

// itemPath names a list element by its id when it has one: processes[vergunningen]
// says more than processes[3].
func itemPath(path string, i int, item *yaml.Node) string {
	for item.Kind == yaml.AliasNode && item.Alias != nil {
		item = item.Alias
	}
	if item.Kind == yaml.MappingNode {
		if id := scalarAt(item, "id"); id != "" && len(id) <= 80 {
			return path + "[" + id + "]"
		}
	}
	return path + "[" + strconv.Itoa(i) + "]"
}

func (d *decoder) mapValue(orig, n *yaml.Node, v reflect.Value, path string) {
	if v.Type().Key().Kind() != reflect.String {
		d.fail(orig, path, "", "internal: map key must be a string", "")
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(orig, path, scalarText(n), "expected a mapping, found "+kindName(n), "key: value pairs")
		return
	}
	out := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, ok := d.resolve(n.Content[i])
		if !ok {
			return
		}
		if k.Kind != yaml.ScalarNode {
			d.fail(n.Content[i], path, "", "expected a plain key", "")
			continue
		}
		key := reflect.ValueOf(k.Value).Convert(v.Type().Key())
		if out.MapIndex(key).IsValid() {
			d.fail(n.Content[i], joinPath(path, k.Value), k.Value, "duplicate key", "each key once")
			continue
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(n.Content[i+1], elem, joinPath(path, k.Value))
		out.SetMapIndex(key, elem)
	}
	v.Set(out)
}

func (d *decoder) structValue(orig, n *yaml.Node, v reflect.Value, path string) {
	info := structInfoOf(v.Type())
	src := Source{Pos: d.pos(orig), Path: path}
	if n.Kind != yaml.MappingNode {
		d.fail(orig, path, scalarText(n), "expected a mapping, found "+kindName(n), "keys: "+strings.Join(info.names, ", "))
		if info.src != nil { // later checks can still point at the object
			v.FieldByIndex(info.src).Set(reflect.ValueOf(src))
		}
		return
	}
	src.Grow(len(n.Content) / 2)
	var seen fieldSet    // the known keys written, by field order
	var unknown []string // the unknown keys written, to report a repetition as duplicate
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, ok := d.resolve(n.Content[i])
		if !ok {
			return
		}
		if kn.Kind != yaml.ScalarNode {
			d.fail(n.Content[i], path, "", "expected a plain key, found "+kindName(kn), "keys: "+strings.Join(info.names, ", "))
			continue
		}
		key := kn.Value
		kpath := joinPath(path, key)
		switch {
		case key == "<<":
			d.fail(kn, kpath, "", "YAML merge keys are not supported", "write the keys out, or repeat a whole value with an alias (*name)")
			continue
		}
		f, ok := info.fields[key]
		switch {
		case ok && seen.has(f.order), !ok && slices.Contains(unknown, key):
			d.fail(kn, kpath, key, "duplicate key", "each key once per mapping")
			continue
		case ok:
			seen.add(f.order)
		default:
			unknown = append(unknown, key)
			d.fail(kn, kpath, key, "unknown key", "keys: "+strings.Join(info.names, ", "))
			continue
		}
		vn := n.Content[i+1]
		src.SetKey(key, d.pos(vn))
		fv := v.FieldByIndex(f.index)
		d.value(vn, fv, kpath)
		if f.required && isEmpty(vn, fv) {
			d.fail(vn, kpath, "", "required key has no value", "")
		}
		if f.enum != nil {
			d.checkEnum(vn, fv, kpath, f)
		}
	}
	for _, name := range info.names {
		if f := info.fields[name]; f.required && !seen.has(f.order) {
			d.fail(orig, joinPath(path, name), "", "missing required key", "")
		}
	}
	if info.src != nil {
		v.FieldByIndex(info.src).Set(reflect.ValueOf(src))
	}
}

// fieldSet is a set of fields by their order; a bit set rather than a map,
// because it is made for every mapping decoded. Structs have far fewer than 64
// fields; a larger order falls back to a map.
type fieldSet struct {
	bits uint64
	more map[int]bool
}

func (s *fieldSet) has(i int) bool {
	if i < 64 {
		return s.bits&(1<<i) != 0
	}
	return s.more[i]
}

func (s *fieldSet) add(i int) {
	if i >= 64 {
		if s.more == nil {
			s.more = map[int]bool{}
		}
		s.more[i] = true
		return
	}
	s.bits |= 1 << i
}

// isEmpty reports whether a value is written but empty (key: or key: ""), which
// for a required key is as good as missing. Malformed values are left to the
// decoder's own messages.
func isEmpty(vn *yaml.Node, fv reflect.Value) bool {
	for hops := 0; vn.Kind == yaml.AliasNode && vn.Alias != nil && hops <= 100; hops++ {
		vn = vn.Alias
	}
	if vn.Kind != yaml.ScalarNode {
		return false
	}
	return vn.Tag == "!!null" || (fv.Kind() == reflect.String && vn.Value == "")
}

func (d *decoder) checkEnum(vn *yaml.Node, fv reflect.Value, path string, f *field) {
	if fv.Kind() != reflect.String || fv.String() == "" {
		return
	}
	if !slices.Contains(f.enum, fv.String()) {
		problem := "not an allowed value"
		if f.what != "" {
			problem = "unknown " + f.what
		}
		d.fail(vn, path, fv.String(), problem, strings.Join(f.enum, ", "))
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", truncate(n.Value, 40))
	}
	return "nothing"
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

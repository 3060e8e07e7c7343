package yamldoc

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Scalar is implemented by types written as a single YAML scalar (durations,
// dates). An error of type *Error contributes its Problem and Allowed text.
type Scalar interface {
	UnmarshalScalar(value string) error
}

// MaxNodes bounds how many YAML nodes one document may expand to when aliases are
// followed. A billion-laughs document is rejected after this many nodes instead of
// exhausting memory; a 16 MiB file of real definitions stays well below it.
const MaxNodes = 4_000_000

// Decode fills out (a pointer to a struct) from doc, recording every problem in
// errs with its position. Decoding goes on after a problem so that all of them
// are reported together. Key paths in messages start with root, which may be
// empty (a catalog) or name the document (runbook[parkeren-recovery]).
func Decode(doc Document, out any, root string, errs *List) {
	d := &decoder{file: doc.File, errs: errs, budget: MaxNodes}
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
	file     string
	errs     *List
	budget   int
	overflow bool
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
	if d.budget < 0 {
		if !d.overflow {
			d.overflow = true
			d.errs.Add(Pos{File: d.file}, "", "", fmt.Sprintf("document expands to more than %d nodes (YAML alias expansion)", MaxNodes), "")
		}
		return nil, false
	}
	return n, true
}

func (d *decoder) value(orig *yaml.Node, v reflect.Value, path string) {
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
	want := map[reflect.Kind]string{
		reflect.String: "a string", reflect.Bool: "true or false", reflect.Float64: "a number",
		reflect.Int: "a whole number", reflect.Int64: "a whole number",
	}[v.Kind()]
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
			return fmt.Sprintf("%s[%s]", path, id)
		}
	}
	return fmt.Sprintf("%s[%d]", path, i)
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
	if n.Kind != yaml.MappingNode {
		d.fail(orig, path, scalarText(n), "expected a mapping, found "+kindName(n), "keys: "+strings.Join(info.names, ", "))
		return
	}
	src := Source{Pos: d.pos(orig), Path: path}
	seen := make(map[string]bool, len(n.Content)/2)
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
		case seen[key]:
			d.fail(kn, kpath, key, "duplicate key", "each key once per mapping")
			continue
		}
		seen[key] = true
		f, ok := info.fields[key]
		if !ok {
			d.fail(kn, kpath, key, "unknown key", "keys: "+strings.Join(info.names, ", "))
			continue
		}
		vn := n.Content[i+1]
		src.SetKey(key, d.pos(vn))
		fv := v.FieldByIndex(f.index)
		d.value(vn, fv, kpath)
		if f.enum != nil {
			d.checkEnum(vn, fv, kpath, f)
		}
	}
	for _, name := range info.names {
		if f := info.fields[name]; f.required && !seen[name] {
			d.fail(orig, joinPath(path, name), "", "missing required key", "")
		}
	}
	if info.src != nil {
		v.FieldByIndex(info.src).Set(reflect.ValueOf(src))
	}
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

package yamldoc

import (
	"reflect"
	"slices"
	"strings"
	"sync"
)

// field is what the decoder and the schema generator know of one struct field.
type field struct {
	name     string
	order    int // position in structInfo.names
	index    []int
	required bool
	enum     []string
	what     string // noun for enum errors: "unknown step kind"
	doc      string
	example  string
	typ      reflect.Type
}

type structInfo struct {
	fields map[string]*field
	names  []string // in declaration order
	src    []int    // index of the embedded Source, if any
}

var structCache sync.Map // reflect.Type -> *structInfo

var sourceType = reflect.TypeFor[Source]()

func structInfoOf(t reflect.Type) *structInfo {
	if v, ok := structCache.Load(t); ok {
		return v.(*structInfo)
	}
	info := &structInfo{fields: map[string]*field{}}
	collectFields(t, nil, info)
	v, _ := structCache.LoadOrStore(t, info)
	return v.(*structInfo)
}

func collectFields(t reflect.Type, prefix []int, info *structInfo) {
	for i := range t.NumField() {
		sf := t.Field(i)
		index := append(slices.Clone(prefix), i)
		if sf.Type == sourceType {
			info.src = index
			continue
		}
		tag := sf.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		if sf.Anonymous && opts == "inline" && sf.Type.Kind() == reflect.Struct {
			collectFields(sf.Type, index, info)
			continue
		}
		if name == "" {
			continue // only explicitly tagged fields are part of the format
		}
		f := &field{
			name: name, order: len(info.names), index: index, typ: sf.Type,
			required: sf.Tag.Get("required") == "true",
			doc:      sf.Tag.Get("doc"),
			example:  sf.Tag.Get("example"),
			what:     sf.Tag.Get("what"),
		}
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, ",")
		}
		info.fields[name] = f
		info.names = append(info.names, name)
	}
}

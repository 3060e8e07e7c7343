package yamldoc

import "reflect"

// Schema returns a JSON Schema (draft-07, the dialect yaml-language-server reads
// best) for documents decoded into values of type t, whose kind key must equal
// kind. The schema is derived from the same struct tags the decoder enforces, so
// the two cannot drift apart.
func Schema(t reflect.Type, kind, title string) map[string]any {
	s := schemaOf(t, map[reflect.Type]bool{})
	s["$schema"] = "http://json-schema.org/draft-07/schema#"
	s["$id"] = "https://exitdrill.dev/schema/v1/" + kind + ".json"
	s["title"] = title
	if props, ok := s["properties"].(map[string]any); ok {
		props["kind"] = map[string]any{"const": kind, "description": "Document kind."}
	}
	return s
}

var schemerType = reflect.TypeFor[Schemer]()

func schemaOf(t reflect.Type, visiting map[reflect.Type]bool) map[string]any {
	if t.Implements(schemerType) {
		return reflect.Zero(t).Interface().(Schemer).JSONSchema()
	}
	if reflect.PointerTo(t).Implements(schemerType) {
		return reflect.New(t).Interface().(Schemer).JSONSchema()
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem(), visiting)
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), visiting)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), visiting)}
	case reflect.Struct:
		return structSchema(t, visiting)
	}
	return map[string]any{}
}

func structSchema(t reflect.Type, visiting map[reflect.Type]bool) map[string]any {
	if visiting[t] {
		return map[string]any{"type": "object"}
	}
	visiting[t] = true
	defer delete(visiting, t)
	info := structInfoOf(t)
	props := map[string]any{}
	var required []string
	for _, name := range info.names {
		f := info.fields[name]
		p := schemaOf(f.typ, visiting)
		if f.doc != "" {
			p["description"] = f.doc
		}
		if f.enum != nil {
			p["enum"] = f.enum
		}
		if f.example != "" {
			p["examples"] = []string{f.example}
		}
		props[name] = p
		if f.required {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

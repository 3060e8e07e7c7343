package defs

// Scalar is implemented by types written as a single YAML scalar (durations,
// dates). An error of type *Error contributes its Problem and Allowed text.
type Scalar interface {
	UnmarshalScalar(value string) error
}

// Schemer is implemented by scalar types that describe themselves in JSON Schema.
type Schemer interface {
	JSONSchema() map[string]any
}

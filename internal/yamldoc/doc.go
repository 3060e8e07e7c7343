// Package yamldoc reads exitdrill's YAML documents strictly: every value keeps the
// file, line and column it came from, unknown keys are errors, and all problems of a
// set of files are collected and reported at once rather than stopping at the first.
//
// Model packages (catalog, scenarios, runbooks) declare plain structs with `yaml`
// tags and an embedded [Source]; [Decode] fills them from a parsed document and
// records where each key was written, so later semantic checks can point at the
// exact place of a bad value.
//
// Struct tags understood besides `yaml:"name"`:
//
//	required:"true"     the key must be present
//	enum:"a,b,c"        the scalar must be one of the listed words
//	doc:"..."           a description, used for the JSON Schema
//	example:"..."       an example value, used for the JSON Schema
package yamldoc

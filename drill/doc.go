// Package drill is the model every layer of exitdrill shares: the plan of a
// drill (impacted processes, their objectives and the steps that recover
// them, with the targets those steps act on), step and process results,
// verdicts and statuses, the two clocks and their durations, the step kinds,
// and the step-activity contract (activity names with their request and
// response types).
//
// It is a leaf: it imports the standard library and internal/yamldoc/defs
// (positions and problems in definitions, no I/O, no YAML library) only, so
// that the planner, the workflows, the evidence, the reports and the console
// can all read it without pulling in the engine or the adapters. Temporal
// workflows execute activities by the names declared here; the worker
// registers its implementations under the same names.
package drill

package drill

import (
	"strconv"

	"github.com/exitdrill/exitdrill/internal/yamldoc/defs"
)

// Limits are the resources a container may use: a container step, or the
// PostgreSQL sandbox of a restore. One that runs away (a fork bomb, a leak, a
// dump that blows up) stops at them instead of taking the worker's machine
// down. A zero field takes the default of the container's use.
type Limits struct {
	MemoryMiB int64   `yaml:"memoryMiB" json:"memoryMiB,omitempty" doc:"Memory, swap included, in MiB (default 1024 for a container step, 2048 for a restore sandbox)." example:"2048"`
	CPUs      float64 `yaml:"cpus" json:"cpus,omitempty" doc:"CPUs, fractions allowed (default 1 for a container step, 2 for a restore sandbox)." example:"2"`
	Pids      int64   `yaml:"pids" json:"pids,omitempty" doc:"Processes and threads (default 256 for a container step, 1024 for a restore sandbox)." example:"512"`

	Src defs.Source `yaml:"-" json:"-"`
}

// Bounds of the limits a definition may set.
const (
	minMemoryMiB, maxMemoryMiB = 64, 1 << 20
	minCPUs, maxCPUs           = 0.1, 1024
	minPids, maxPids           = 16, 1 << 22
)

// Default limits of a container step and of a restore sandbox.
var (
	StepLimits    = Limits{MemoryMiB: 1024, CPUs: 1, Pids: 256}
	SandboxLimits = Limits{MemoryMiB: 2048, CPUs: 2, Pids: 1024}
)

// Check records each limit outside its bounds.
func (l *Limits) Check(errs *defs.List) {
	if l == nil {
		return
	}
	if l.MemoryMiB != 0 && (l.MemoryMiB < minMemoryMiB || l.MemoryMiB > maxMemoryMiB) {
		errs.AddAt(l.Src, "memoryMiB", strconv.FormatInt(l.MemoryMiB, 10), "memory limit out of range", "64 to 1048576 MiB")
	}
	if l.CPUs != 0 && (l.CPUs < minCPUs || l.CPUs > maxCPUs) {
		errs.AddAt(l.Src, "cpus", strconv.FormatFloat(l.CPUs, 'f', -1, 64), "CPU limit out of range", "0.1 to 1024")
	}
	if l.Pids != 0 && (l.Pids < minPids || l.Pids > maxPids) {
		errs.AddAt(l.Src, "pids", strconv.FormatInt(l.Pids, 10), "process limit out of range", "16 to 4194304")
	}
}

// Or is l with each unset field taken from def; a nil l is def.
func (l *Limits) Or(def Limits) Limits {
	if l == nil {
		return def
	}
	out := *l
	if out.MemoryMiB == 0 {
		out.MemoryMiB = def.MemoryMiB
	}
	if out.CPUs == 0 {
		out.CPUs = def.CPUs
	}
	if out.Pids == 0 {
		out.Pids = def.Pids
	}
	return out
}

// Package scenarios defines the outage Scenario format, the ready library of
// scenarios embedded in the binary, and how a scenario is found by id or file
// and checked against a catalog.
package scenarios

import (
	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// Kind is the value of the kind key of a scenario document.
const Kind = "Scenario"

// Modes of a drill (see DESIGN.md section 3).
const (
	Live       = "live"
	Tabletop   = "tabletop"
	Compressed = "compressed"
)

// DefaultTimeScale is the time scale of compressed mode when none is given: one
// scenario day per wall-clock second, so a month-long scenario's declared time
// passes in about half a minute.
const DefaultTimeScale = 86400

// Scenario is an outage to drill: which suppliers are lost, for how long, and how
// the drill treats time and people.
type Scenario struct {
	yamldoc.Header `yaml:",inline"`
	ID             string          `yaml:"id" json:"id" required:"true" doc:"Unique scenario id."`
	Title          string          `yaml:"title,omitempty" json:"title,omitempty" doc:"What happens, for people."`
	Description    string          `yaml:"description,omitempty" json:"description,omitempty" doc:"Background: why this scenario matters."`
	Lose           Lose            `yaml:"lose" json:"lose" required:"true" doc:"What becomes unavailable."`
	Duration       drill.Duration  `yaml:"duration" json:"duration" required:"true" doc:"How long the outage lasts, for example 1d, 7d or 30d."`
	Mode           string          `yaml:"mode,omitempty" json:"mode,omitempty" enum:"live,compressed,tabletop" what:"mode" doc:"live: real time, people act; tabletop: people record outcomes, declared time counts; compressed: nobody is asked, declared time is scaled (default)."`
	TimeScale      float64         `yaml:"timeScale,omitempty" json:"timeScale,omitempty" doc:"compressed and tabletop: scenario seconds per wall-clock second for declared time (default 86400, one day per second)."`
	Injects        []*drill.Inject `yaml:"injects,omitempty" json:"injects,omitempty" doc:"Messages to participants at scenario times (T0+2d: the press asks whether payments are late), delivered through the notification channels to the contacts of a role and acknowledged with exitdrill ack."`

	// Builtin is set for the scenarios exitdrill makes itself: the
	// library's and those of a catalog's suppliers (see Resolve). No file of
	// the user's holds them.
	Builtin bool `yaml:"-" json:"-"`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Lose names what a scenario takes away.
type Lose struct {
	Suppliers     []string `yaml:"suppliers,omitempty" json:"suppliers,omitempty" doc:"Supplier ids that become unavailable."`
	Jurisdictions []string `yaml:"jurisdictions,omitempty" json:"jurisdictions,omitempty" doc:"Every supplier under these jurisdictions (ISO 3166-1 alpha-2), subprocessors included."`

	Src yamldoc.Source `yaml:"-" json:"-"`
}

// Loss returns the scenario as a catalog loss.
func (s *Scenario) Loss() catalog.Loss {
	return catalog.Loss{Suppliers: s.Lose.Suppliers, Jurisdictions: s.Lose.Jurisdictions, Duration: s.Duration}
}

// EffectiveMode is the mode, compressed when none is given.
func (s *Scenario) EffectiveMode() string {
	if s.Mode == "" {
		return Compressed
	}
	return s.Mode
}

// EffectiveTimeScale is the scale applied to declared time (wait steps, simulated
// manual steps): 1 in live mode, where time is real, and the given or default
// scale in compressed and tabletop mode.
func (s *Scenario) EffectiveTimeScale() float64 {
	switch {
	case s.EffectiveMode() == Live:
		return 1
	case s.TimeScale > 0:
		return s.TimeScale
	default:
		return DefaultTimeScale
	}
}

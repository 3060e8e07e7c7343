package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Modes are the modes a drill runs in, as the mode key and exitdrill run
// --mode accept them.
var Modes = []string{Live, Tabletop, Compressed}

// Override returns a copy of s that runs in mode (when not "") with
// timeScale (when not 0), and a note for the evidence saying what was
// changed from the scenario as written ("" when nothing was). s itself is
// left as written, so that the evidence keeps the definition that was read.
// An unknown mode, a time scale that is not positive, or a time scale for
// live mode (where time is real) is an error saying what is allowed.
func (s *Scenario) Override(mode string, timeScale float64) (*Scenario, string, error) {
	if mode != "" && !slices.Contains(Modes, mode) {
		return nil, "", fmt.Errorf("mode %q is not a drill mode; allowed: %s", mode, strings.Join(Modes, ", "))
	}
	if timeScale != 0 && (timeScale < 0 || math.IsNaN(timeScale) || math.IsInf(timeScale, 0)) {
		return nil, "", fmt.Errorf("time scale %v is not positive; allowed: scenario seconds per wall-clock second, for example 720 or 86400", timeScale)
	}
	out := *s
	var notes []string
	if mode != "" && mode != s.EffectiveMode() {
		out.Mode = mode
		notes = append(notes, fmt.Sprintf("mode %s (scenario: %s)", mode, s.EffectiveMode()))
	}
	if out.EffectiveMode() == Live {
		if timeScale != 0 {
			return nil, "", fmt.Errorf("a time scale is not for live mode, where time is real; allowed: a time scale with mode compressed or tabletop")
		}
		out.TimeScale = 0
	}
	if timeScale != 0 && timeScale != s.EffectiveTimeScale() {
		out.TimeScale = timeScale
		notes = append(notes, fmt.Sprintf("time scale %s (scenario: %s)", formatScale(timeScale), formatScale(s.EffectiveTimeScale())))
	}
	if len(notes) == 0 {
		return &out, "", nil
	}
	return &out, "set for this drill: " + strings.Join(notes, ", "), nil
}

func formatScale(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

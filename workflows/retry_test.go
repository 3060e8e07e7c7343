package workflows

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// flaky is a command step that fails twice, then passes, retried every
// minute for ten minutes.
func flaky(t *testing.T) *drill.StepPlan {
	count := filepath.Join(t.TempDir(), "attempts")
	s := cmdStep("switch", "sh", "-c", `n=$(cat `+count+` 2>/dev/null || echo 0); n=$((n+1)); echo $n >`+count+`; [ $n -ge 3 ]`)
	s.Retry = &drill.Retry{Every: drill.Duration(time.Minute), For: drill.Duration(10 * time.Minute)}
	return s
}

// TestRetryWindowOnTheScenarioClock: in compressed mode the waits between a
// retry window's attempts pass at the time scale (at least a second on the
// wall clock), and count in full on the scenario clock; in live mode they
// are real.
func TestRetryWindowOnTheScenarioClock(t *testing.T) {
	t.Run("compressed", func(t *testing.T) {
		r := runProcess(t, newEnv(t), ProcessInput{DrillID: "d1", Scenario: info(scenarios.Compressed, 30*day), Process: process(flaky(t))})
		s := r.Steps[0]
		if s.Status != drill.StepPassed || s.Attempts != 3 {
			t.Fatalf("%s after %d attempts (%s), want passed after 3", s.Status, s.Attempts, s.Reason)
		}
		if s.Wall > 10*time.Second {
			t.Errorf("wall time %s: the 1m waits between attempts ran in real time", s.Wall)
		}
		if s.Duration.Std() < 2*time.Minute || s.Duration.Std() > 2*time.Minute+10*time.Second {
			t.Errorf("scenario time %s, want the two 1m waits and the attempts", s.Duration)
		}
		if got := s.Details["retryWaits"]; !strings.HasPrefix(got, "2 × 1m on the scenario clock") {
			t.Errorf("retryWaits %q", got)
		}
	})
	t.Run("live", func(t *testing.T) {
		r := runProcess(t, newEnv(t), ProcessInput{DrillID: "d1", Scenario: info(scenarios.Live, 30*day), Process: process(flaky(t))})
		s := r.Steps[0]
		if s.Status != drill.StepPassed || s.Attempts != 3 || s.Wall < 2*time.Minute || s.Details["retryWaits"] != "" {
			t.Errorf("%s after %d attempts in %s, retryWaits %q; want passed after 3 in 2m of real time", s.Status, s.Attempts, s.Wall, s.Details["retryWaits"])
		}
	})
}

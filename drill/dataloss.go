package drill

import (
	"fmt"
	"time"
)

// DataLoss is a process's data loss in the scenario: the age at T0 of the
// newest backup the drill proved usable, against the RPO.
type DataLoss struct {
	Backup string   `json:"backup,omitempty"`
	Age    Duration `json:"age,omitempty"`
	RPO    Duration `json:"rpo"`
	// Checked is false when the runbook checks no backup: data loss is unknown.
	Checked bool `json:"checked"`
	Met     bool `json:"met"`
	// Unknown is true when every backup check was inconclusive (could not be
	// attempted on the worker): the data loss is unknown, neither met nor
	// missed.
	Unknown bool   `json:"unknown,omitempty"`
	Text    string `json:"text"`
}

// Missed reports whether the data loss is known to exceed the RPO.
func (dl *DataLoss) Missed() bool { return dl != nil && !dl.Met && !dl.Unknown }

// DataLossOf judges data loss from the backup steps that proved a copy usable. A
// backup that was not (damaged, unreadable, held by a lost supplier) does not
// count.
func DataLossOf(steps []*StepResult, rpo Duration) *DataLoss {
	dl := &DataLoss{RPO: rpo}
	found, inconclusive := false, false
	for _, s := range steps {
		if spec, _ := s.Kind.Spec(); spec.Proves != ProofBackup {
			continue
		}
		if s.Status == StepInconclusive {
			inconclusive = true
			continue
		}
		dl.Checked = true
		// A copy that was read or restored in full is usable, also when an
		// older backup.fresh failed it for its age alone: that age is the data
		// loss, judged here against the RPO.
		if s.Status != StepPassed && s.Details[DetailBackupUsable] != "true" {
			continue
		}
		age, err := time.ParseDuration(s.Details[DetailBackupAge])
		if err != nil {
			continue
		}
		if !found || Duration(age) < dl.Age {
			dl.Backup, dl.Age, found = s.Details[DetailBackupID], Duration(age), true
		}
	}
	switch {
	case !dl.Checked && inconclusive:
		dl.Unknown, dl.Text = true, "unknown: no backup check could be attempted on the worker (inconclusive)"
	case !dl.Checked:
		dl.Met, dl.Text = true, "not checked: the runbook checks no backup"
	case !found:
		dl.Text = fmt.Sprintf("no usable backup: all data since the last copy outside the lost supplier is at risk (RPO %s)", rpo)
	case dl.Age <= rpo:
		dl.Met, dl.Text = true, fmt.Sprintf("%s old at T0 (%s), within RPO %s", round(dl.Age), dl.Backup, rpo)
	default:
		dl.Text = fmt.Sprintf("%s old at T0 (%s), older than RPO %s", round(dl.Age), dl.Backup, rpo)
	}
	return dl
}

// round drops sub-second precision for display.
func round(d Duration) Duration {
	return Duration(d.Std().Round(time.Second))
}

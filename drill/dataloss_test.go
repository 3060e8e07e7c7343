package drill

import (
	"testing"
)

func TestDataLoss(t *testing.T) {
	fresh := func(status StepStatus, id, age string) *StepResult {
		return &StepResult{Kind: "backup.fresh", Status: status, Details: map[string]string{DetailBackupID: id, DetailBackupAge: age}}
	}
	tests := []struct {
		name  string
		steps []*StepResult
		met   bool
		text  string
	}{
		{"no backup step", []*StepResult{{Kind: "command", Status: StepPassed}}, true, "not checked: the runbook checks no backup"},
		{"within RPO", []*StepResult{fresh(StepPassed, "db", "20h0m0s")}, true, "20h old at T0 (db), within RPO 1d"},
		{"newest usable wins", []*StepResult{fresh(StepPassed, "weekly", "100h0m0s"), fresh(StepPassed, "daily", "3h30m0.4s")}, true, "3h30m old at T0 (daily), within RPO 1d"},
		{"older than RPO", []*StepResult{fresh(StepPassed, "weekly", "100h0m0s")}, false, "4d4h old at T0 (weekly), older than RPO 1d"},
		{"usable but too old counts", []*StepResult{{Kind: "backup.fresh", Status: StepFailed, Details: map[string]string{
			DetailBackupID: "weekly", DetailBackupAge: "72h0m0s", DetailBackupUsable: "true"}}}, false,
			"3d old at T0 (weekly), older than RPO 1d"},
		{"failed backup does not count", []*StepResult{fresh(StepFailed, "db", "1h0m0s")}, false,
			"no usable backup: all data since the last copy outside the lost supplier is at risk (RPO 1d)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl := DataLossOf(tt.steps, Duration(Day))
			if dl.Met != tt.met || dl.Text != tt.text {
				t.Errorf("data loss = %v %q, want %v %q", dl.Met, dl.Text, tt.met, tt.text)
			}
		})
	}
}

package runbooks_test

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/runbooks"
)

// load loads file together with testdata/catalog.yaml, which defines one object
// of every type a step can target: runbooks are validated through the catalog,
// which knows the targets.
func load(t *testing.T, file string) (*catalog.Catalog, []string) {
	t.Helper()
	c, err := catalog.Load(yamldoc.OSFS{}, "testdata/catalog.yaml", file)
	if err == nil {
		return c, nil
	}
	lines, ok := yamldoc.Lines(err)
	if !ok {
		t.Fatalf("Load(%s) error is %T, want *yamldoc.Invalid: %v", file, err, err)
	}
	return c, lines
}

func TestValidRunbook(t *testing.T) {
	c, got := load(t, "testdata/valid.yaml")
	if len(got) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	rb := c.Runbooks["every-kind"]
	if rb == nil {
		t.Fatalf("runbook every-kind not loaded; have %v", c.Runbooks)
	}
	var kinds []drill.StepKind
	for _, s := range append(rb.Steps, rb.Rollback...) {
		kinds = append(kinds, s.Kind())
	}
	want := []drill.StepKind{
		drill.BackupFresh, drill.BackupRestore, drill.HostingHealthy, drill.HostingTLS,
		drill.ExitPlanCurrent, drill.ExitPlanExport, drill.ForgeMirror, drill.Command,
		drill.Container, drill.Wait, drill.ManualStep, drill.Command, drill.ManualStep,
	}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("step kinds (-want +got):\n%s", diff)
	}
	if s := rb.Steps[2]; s.Retry == nil || s.Retry.Every.String() != "10s" || s.Retry.For.String() != "10m" {
		t.Errorf("steps[healthy].retry = %+v, want every 10s for 10m", s.Retry)
	}
	if s := rb.Steps[10]; s.Manual == nil || s.Manual.Role != "process-owner" || s.Expected.String() != "4h" || s.Manual.Limit.String() != "12h" {
		t.Errorf("steps[sign-off] = %+v, want a manual step for the process owner, expected 4h, limit 12h", s)
	}
}

// TestStepRules loads one runbook per rule of runbooks.Validate and of the
// catalog's target check, and compares every problem in full.
func TestStepRules(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{
			file: "no-kind", // none of check, action, manual
			want: []string{
				"testdata/invalid/no-kind.yaml:5:5: runbook[no-kind].steps[nothing]: a step needs exactly one of check, action and manual (allowed: check: backup.fresh, backup.restore, exitplan.current, exitplan.export, forge.mirror, hosting.healthy, hosting.tls; action: command, wait, container; manual: {role, instructions})",
			},
		},
		{
			file: "two-kinds", // check and action together
			want: []string{
				"testdata/invalid/two-kinds.yaml:5:5: runbook[two-kinds].steps[both]: a step needs exactly one of check, action and manual (allowed: check: backup.fresh, backup.restore, exitplan.current, exitplan.export, forge.mirror, hosting.healthy, hosting.tls; action: command, wait, container; manual: {role, instructions})",
			},
		},
		{
			file: "check-and-manual", // check and manual together
			want: []string{
				"testdata/invalid/check-and-manual.yaml:5:5: runbook[check-and-manual].steps[both]: a step needs exactly one of check, action and manual (allowed: check: backup.fresh, backup.restore, exitplan.current, exitplan.export, forge.mirror, hosting.healthy, hosting.tls; action: command, wait, container; manual: {role, instructions})",
			},
		},
		{
			file: "forge", // forge blocks: required, checked, only on forge.mirror; a password in a mirror URL is never shown
			want: []string{
				"testdata/invalid/forge.yaml:5:5: runbook[forge].steps[no-block].forge: missing required key for a forge.mirror step (allowed: a forge block: {owner: ORG, mirror: file:///srv/mirror/{repo}.git, maxBehind: 24h})",
				`testdata/invalid/forge.yaml:9:17: runbook[forge].steps[bad].forge.supplier: value "gitlab": unknown supplier (allowed: a defined supplier id: microsoft, own)`,
				`testdata/invalid/forge.yaml:10:14: runbook[forge].steps[bad].forge.repos: value "a/b/c": not a repository name (allowed: NAME or OWNER/NAME)`,
				`testdata/invalid/forge.yaml:10:14: runbook[forge].steps[bad].forge.repos: value "parkeren": repository without an owner (allowed: OWNER/NAME, or NAME with owner set)`,
				`testdata/invalid/forge.yaml:11:15: runbook[forge].steps[bad].forge.mirror: value "https://REDACTED@git.example.nl/{org}/x.git": the mirror URL does not contain {repo}: every repository would be compared with the same mirror (allowed: a URL template such as file:///srv/mirror/{repo}.git)`,
				`testdata/invalid/forge.yaml:11:15: runbook[forge].steps[bad].forge.mirror: value "https://REDACTED@git.example.nl/{org}/x.git": the mirror URL holds a password: secrets are never written in files (allowed: a URL without credentials; git's credential helper or SSH key supplies them)`,
				`testdata/invalid/forge.yaml:11:15: runbook[forge].steps[bad].forge.mirror: value "https://REDACTED@git.example.nl/{org}/x.git": unknown placeholder {org} (allowed: {owner} and {repo})`,
				`testdata/invalid/forge.yaml:12:15: runbook[forge].steps[bad].forge.apiURL: value "ftp://github.example.nl": not an http or https URL without credentials (allowed: https://api.github.com/ or https://HOST/api/v3)`,
				`testdata/invalid/forge.yaml:13:17: runbook[forge].steps[bad].forge.tokenEnv: value "1TOKEN": not an environment variable name (allowed: letters, digits and _, not starting with a digit)`,
				"testdata/invalid/forge.yaml:14:71: runbook[forge].steps[wrong-kind].forge: forge is only for forge.mirror steps",
				"testdata/invalid/forge.yaml:15:49: runbook[forge].steps[no-mirror].forge.mirror: missing required key",
				`testdata/invalid/forge.yaml:15:57: runbook[forge].steps[no-mirror].forge.owner: value "-bad": not a GitHub account name (allowed: letters, digits, -, _ and .)`,
			},
		},
		{
			file: "missing-target", // a check without target
			want: []string{
				"testdata/invalid/missing-target.yaml:5:5: runbook[missing-target].steps[fresh].target: missing required key for a backup.fresh step (allowed: the id of a backup)",
			},
		},
		{
			file: "empty-target", // a check with an empty target
			want: []string{
				"testdata/invalid/empty-target.yaml:5:5: runbook[empty-target].steps[healthy].target: missing required key for a hosting.healthy step (allowed: the id of an alternative)",
			},
		},
		{
			file: "missing-command", // a command step without command
			want: []string{
				"testdata/invalid/missing-command.yaml:5:5: runbook[missing-command].steps[switch].command: missing required key for a command step (allowed: the program and its arguments, for example [./scripts/switch.sh, parkeren])",
			},
		},
		{
			file: "empty-command", // a command step with an empty command
			want: []string{
				"testdata/invalid/empty-command.yaml:5:5: runbook[empty-command].steps[switch].command: missing required key for a command step (allowed: the program and its arguments, for example [./scripts/switch.sh, parkeren])",
			},
		},
		{
			file: "missing-expected", // wait and manual steps without expected
			want: []string{
				"testdata/invalid/missing-expected.yaml:5:5: runbook[missing-expected].steps[settle].expected: missing required key for a wait step (allowed: the declared duration, for example 4h)",
				"testdata/invalid/missing-expected.yaml:7:5: runbook[missing-expected].steps[sign-off].expected: missing required key for a manual step (allowed: the declared duration, for example 4h)",
			},
		},
		{
			file: "null-expected", // a wait step with expected left empty
			want: []string{
				"testdata/invalid/null-expected.yaml:5:5: runbook[null-expected].steps[settle].expected: missing required key for a wait step (allowed: the declared duration, for example 4h)",
			},
		},
		{
			file: "missing-image", // a container step without image
			want: []string{
				"testdata/invalid/missing-image.yaml:5:5: runbook[missing-image].steps[verify].image: missing required key for a container step (allowed: an image name such as exitdrill/verify:latest)",
			},
		},
		{
			file: "bad-limits", // container limits out of range, and on a command step
			want: []string{
				`testdata/invalid/bad-limits.yaml:8:25: runbook[bad-limits].steps[verify].limits.memoryMiB: value "8": memory limit out of range (allowed: 64 to 1048576 MiB)`,
				`testdata/invalid/bad-limits.yaml:8:34: runbook[bad-limits].steps[verify].limits.cpus: value "0.01": CPU limit out of range (allowed: 0.1 to 1024)`,
				`testdata/invalid/bad-limits.yaml:8:46: runbook[bad-limits].steps[verify].limits.pids: value "5": process limit out of range (allowed: 16 to 4194304)`,
				"testdata/invalid/bad-limits.yaml:12:13: runbook[bad-limits].steps[switch].limits: limits is only for container steps",
			},
		},
		{
			file: "missing-manual-keys", // a manual step without instructions
			want: []string{
				"testdata/invalid/missing-manual-keys.yaml:6:13: runbook[missing-manual-keys].steps[sign-off].manual.instructions: missing required key",
			},
		},
		{
			file: "foreign-keys", // keys that belong to another kind of step
			want: []string{
				"testdata/invalid/foreign-keys.yaml:8:14: runbook[foreign-keys].steps[fresh].command: command is only for command and container steps",
				"testdata/invalid/foreign-keys.yaml:9:10: runbook[foreign-keys].steps[fresh].env: env is only for command and container steps",
				"testdata/invalid/foreign-keys.yaml:10:10: runbook[foreign-keys].steps[fresh].dir: dir is only for command steps",
				"testdata/invalid/foreign-keys.yaml:11:12: runbook[foreign-keys].steps[fresh].image: image is only for container steps",
				`testdata/invalid/foreign-keys.yaml:14:13: runbook[foreign-keys].steps[settle].target: value "parkeren-db": wait steps take no target`,
				"testdata/invalid/foreign-keys.yaml:19:12: runbook[foreign-keys].steps[sign-off].retry: retry is only for automated steps",
				"testdata/invalid/foreign-keys.yaml:23:10: runbook[foreign-keys].steps[verify].dir: dir is only for command steps",
			},
		},
		{
			file: "after-later", // after naming a later step
			want: []string{
				`testdata/invalid/after-later.yaml:8:12: runbook[after-later].steps[first].after: value "second": after must name an earlier step of this runbook (allowed: ids of earlier steps: none, this is the first step)`,
			},
		},
		{
			file: "after-unknown", // after naming a step that does not exist
			want: []string{
				`testdata/invalid/after-unknown.yaml:11:12: runbook[after-unknown].steps[second].after: value "frist": after must name an earlier step of this runbook (allowed: ids of earlier steps: first)`,
			},
		},
		{
			file: "after-self", // after naming the step itself
			want: []string{
				`testdata/invalid/after-self.yaml:11:12: runbook[after-self].steps[second].after: value "second": a step cannot wait for itself (allowed: ids of earlier steps)`,
			},
		},
		{
			file: "after-in-rollback", // after in a rollback step
			want: []string{
				`testdata/invalid/after-in-rollback.yaml:15:12: runbook[after-in-rollback].rollback[undo-b].after: value "undo-a": rollback steps run in order and cannot use after`,
			},
		},
		{
			file: "retry-every-gt-for", // a retry interval longer than its window
			want: []string{
				`testdata/invalid/retry-every-gt-for.yaml:8:20: runbook[retry-every-gt-for].steps[healthy].retry.every: value "1h": retry interval is longer than the retry window 10m (allowed: every <= for)`,
			},
		},
		{
			file: "retry-missing-for", // a retry without window
			want: []string{
				"testdata/invalid/retry-missing-for.yaml:8:12: runbook[retry-missing-for].steps[healthy].retry.for: missing required key",
			},
		},
		{
			file: "duplicate-step", // the same step id twice, rollback included
			want: []string{
				`testdata/invalid/duplicate-step.yaml:6:10: runbook[duplicate-step].steps[switch].id: value "switch": duplicate step id in runbook duplicate-step (allowed: each step id once per runbook, rollback included)`,
				`testdata/invalid/duplicate-step.yaml:8:10: runbook[duplicate-step].rollback[switch].id: value "switch": duplicate step id in runbook duplicate-step (allowed: each step id once per runbook, rollback included)`,
			},
		},
		{
			file: "runs-on", // a worker label that is none; runsOn on a step no worker runs
			want: []string{
				`testdata/invalid/runs-on.yaml:8:13: runbook[runs-on].steps[restore].runsOn: value "DC West": not a worker label (allowed: 1 to 40 lower-case letters, digits and dashes, starting with a letter)`,
				`testdata/invalid/runs-on.yaml:12:13: runbook[runs-on].steps[sign-off].runsOn: runsOn is only for automated steps`,
			},
		},
		{
			file: "bad-env", // env entries that are not variable names
			want: []string{
				`testdata/invalid/bad-env.yaml:8:10: runbook[bad-env].steps[switch].env: value "1TOKEN": not an environment variable name (allowed: letters, digits and _, not starting with a digit)`,
				`testdata/invalid/bad-env.yaml:8:10: runbook[bad-env].steps[switch].env: value "TOKEN=secret": not an environment variable name (allowed: letters, digits and _, not starting with a digit)`,
				`testdata/invalid/bad-env.yaml:8:10: runbook[bad-env].steps[switch].env: value "my-token": not an environment variable name (allowed: letters, digits and _, not starting with a digit)`,
			},
		},
		{
			file: "unknown-action", // an action that does not exist
			want: []string{
				`testdata/invalid/unknown-action.yaml:6:13: runbook[unknown-action].steps[switch].action: value "shell": unknown step kind (allowed: command, wait, container)`,
			},
		},
		{
			file: "unknown-step-key", // a key steps do not have
			want: []string{
				`testdata/invalid/unknown-step-key.yaml:8:5: runbook[unknown-step-key].steps[settle].duration: value "duration": unknown key (allowed: keys: id, title, check, action, manual, target, command, env, dir, image, limits, timeout, expected, retry, after, forge, runsOn, covers)`,
			},
		},
		{
			file: "no-steps", // an empty list of steps
			want: []string{
				"testdata/invalid/no-steps.yaml:4:8: runbook[no-steps].steps: a runbook needs at least one step (allowed: a list of steps, each with an id and one of check, action, manual)",
			},
		},
		{
			file: "missing-steps", // no steps at all
			want: []string{
				"testdata/invalid/missing-steps.yaml:1:1: runbook[missing-steps].steps: missing required key",
			},
		},
		{
			file: "empty-step", // an empty list item where a step belongs
			want: []string{
				"testdata/invalid/empty-step.yaml:5:3: runbook[empty-step].steps: empty step (allowed: a mapping with id and one of check, action, manual)",
			},
		},
		{
			file: "step-not-a-mapping", // text where a step belongs; reported once
			want: []string{
				`testdata/invalid/step-not-a-mapping.yaml:6:5: runbook[step-not-a-mapping].steps[1]: value "restore the backup": expected a mapping, found "restore the backup" (allowed: keys: id, title, check, action, manual, target, command, env, dir, image, limits, timeout, expected, retry, after, forge, runsOn, covers)`,
			},
		},
		{
			file: "missing-step-id", // a step without id
			want: []string{
				"testdata/invalid/missing-step-id.yaml:5:5: runbook[missing-step-id].steps[0].id: missing required key",
			},
		},
		{
			file: "bad-timeout", // a timeout not written as a duration
			want: []string{
				`testdata/invalid/bad-timeout.yaml:8:14: runbook[bad-timeout].steps[restore].timeout: value "2 hours": malformed duration: unknown or missing unit (allowed: a positive whole number with a unit s, m, h, d (24h) or w (7d), for example 90s, 15m, 4h, 2d, 1w, 30d, or a sum such as 1d12h)`,
			},
		},
		{
			file: "wrong-target-type", // targets of the wrong type, and one that does not exist
			want: []string{
				`testdata/invalid/wrong-target-type.yaml:5:46: runbook[wrong-target-type].steps[fresh].target: value "parkeren-alt": target is an alternative, but backup.fresh needs a backup (allowed: a defined backup id: parkeren-db)`,
				`testdata/invalid/wrong-target-type.yaml:6:51: runbook[wrong-target-type].steps[healthy].target: value "parkeren-db": target is a backup, but hosting.healthy needs an alternative (allowed: a defined alternative id: parkeren-alt)`,
				`testdata/invalid/wrong-target-type.yaml:7:49: runbook[wrong-target-type].steps[plan].target: value "parkeren-db": target is a backup, but exitplan.current needs an application (allowed: a defined application id: parkeren)`,
				`testdata/invalid/wrong-target-type.yaml:8:50: runbook[wrong-target-type].steps[export].target: value "nergens": unknown target (allowed: exitplan.export needs a defined application id: parkeren)`,
			},
		},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file+".yaml"] = true
		t.Run(tt.file, func(t *testing.T) {
			c, got := load(t, "testdata/invalid/"+tt.file+".yaml")
			if c != nil {
				t.Errorf("Load returned a catalog with problems")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
	files, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !seen[f.Name()] {
			t.Errorf("testdata/invalid/%s has no case in TestStepRules", f.Name())
		}
	}
}

// TestValidateAlone checks Validate without a catalog, on a runbook decoded
// directly: targets are not its business, step rules are.
func TestValidateAlone(t *testing.T) {
	src := `apiVersion: exitdrill/v1
kind: Runbook
id: alone
steps:
  - {id: fresh, check: backup.fresh, target: anything}
  - {id: wait, action: wait, expected: 1h, after: [fresh, wait]}
`
	var errs yamldoc.List
	docs := yamldoc.Parse("alone.yaml", []byte(src), &errs)
	if len(docs) != 1 {
		t.Fatalf("Parse: %d documents, want 1 (%v)", len(docs), errs.Err())
	}
	var rb runbooks.Runbook
	yamldoc.Decode(docs[0], &rb, yamldoc.RootPath(docs[0]), &errs)
	runbooks.Validate(&rb, &errs)
	var got []string
	if err := errs.Err(); err != nil {
		for _, p := range err.(*yamldoc.Invalid).Problems {
			got = append(got, p.Error())
		}
	}
	want := []string{
		`alone.yaml:6:51: runbook[alone].steps[wait].after: value "wait": a step cannot wait for itself (allowed: ids of earlier steps)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestStepKind(t *testing.T) {
	tests := []struct {
		step    runbooks.Step
		kind    drill.StepKind
		target  drill.TargetType
		isCheck bool
	}{
		{runbooks.Step{Check: "backup.fresh"}, drill.BackupFresh, drill.TargetBackup, true},
		{runbooks.Step{Check: "backup.restore"}, drill.BackupRestore, drill.TargetBackup, true},
		{runbooks.Step{Check: "hosting.healthy"}, drill.HostingHealthy, drill.TargetAlternative, true},
		{runbooks.Step{Check: "hosting.tls"}, drill.HostingTLS, drill.TargetAlternative, true},
		{runbooks.Step{Check: "exitplan.current"}, drill.ExitPlanCurrent, drill.TargetApplication, true},
		{runbooks.Step{Check: "exitplan.export"}, drill.ExitPlanExport, drill.TargetApplication, true},
		{runbooks.Step{Check: "forge.mirror"}, drill.ForgeMirror, drill.NoTarget, true},
		{runbooks.Step{Action: "command"}, drill.Command, drill.NoTarget, false},
		{runbooks.Step{Action: "wait"}, drill.Wait, drill.NoTarget, false},
		{runbooks.Step{Action: "container"}, drill.Container, drill.NoTarget, false},
		{runbooks.Step{Manual: &drill.Manual{}}, drill.ManualStep, drill.NoTarget, false},
		{runbooks.Step{}, "", drill.NoTarget, false},
		{runbooks.Step{Check: "backup.fresh", Action: "wait"}, "", drill.NoTarget, false},
		{runbooks.Step{Action: "wait", Manual: &drill.Manual{}}, "", drill.NoTarget, false},
	}
	for _, tt := range tests {
		k := tt.step.Kind()
		if k != tt.kind {
			t.Errorf("%+v.Kind() = %q, want %q", tt.step, k, tt.kind)
			continue
		}
		target, known := k.Target()
		if known != (k != "") || target != tt.target {
			t.Errorf("%q.Target() = %q, %v, want %q, %v", k, target, known, tt.target, k != "")
		}
		if got := k.IsCheck(); got != tt.isCheck {
			t.Errorf("%q.IsCheck() = %v, want %v", k, got, tt.isCheck)
		}
	}
	if got := len(drill.Kinds()); got != 11 {
		t.Errorf("len(Kinds()) = %d, want the 11 kinds of DESIGN.md", got)
	}
}

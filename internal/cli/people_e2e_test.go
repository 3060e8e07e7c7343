package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge/fakegithub"
	"github.com/exitdrill/exitdrill/internal/notify"
	"github.com/exitdrill/exitdrill/internal/testkit"
)

// hookInbox is a webhook receiver on loopback that checks each request's
// HMAC signature and keeps "event to person" of the notifications.
type hookInbox struct {
	mu  sync.Mutex
	got []string
	bad int
}

func (h *hookInbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := notify.Verify([]byte(peopleHookSecret), r.Header, body, time.Now(), 5*time.Minute); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		h.bad++
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.got = append(h.got, fmt.Sprint(m["event"], " to ", m["to"]))
	w.WriteHeader(http.StatusNoContent)
}

func (h *hookInbox) said() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.got)
}

const peopleHookSecret = "hmac-secret-for-the-people-test"

// peopleCatalog is one process on one supplier whose runbook has a manual
// step of the process owner expected to take 3 s (late at 3 s, failed at
// its limit of 9 s), and contacts: Anna (process owner, by email and
// webhook), Bert her deputy (email), Carla the continuity manager (email
// and webhook).
const peopleCatalog = `apiVersion: exitdrill/v1
kind: Catalog
organisation: Peopletest
suppliers:
  - {id: hoster, jurisdiction: NL}
applications:
  - {id: portal, supplier: hoster}
processes:
  - {id: portal-service, owner: Operations, mtpd: 7d, rto: 2d, rpo: 1d, applications: [portal], runbook: portal-recovery}
contacts:
  - role: process-owner
    deputy: process-owner-deputy
    people: [{name: Anna de Vries, email: anna@gemeente.test, webhook: ops}]
  - role: process-owner-deputy
    people: [{name: Bert, email: bert@gemeente.test}]
  - role: continuity-manager
    people: [{name: Carla, email: carla@gemeente.test, webhook: ops}]
---
apiVersion: exitdrill/v1
kind: Runbook
id: portal-recovery
steps:
  - {id: check-dns, action: command, command: ["true"]}
  - id: sign-off
    manual: {role: process-owner, instructions: Confirm that the portal answers on the standby host.}
    expected: 3s
    covers: [portal]
`

const peopleScenario = `apiVersion: exitdrill/v1
kind: Scenario
id: hoster-live
title: Hoster gone, live
lose: {suppliers: [hoster]}
duration: 7d
mode: live
`

// TestPeopleInTheDrillEndToEnd is issue 21's "done when" without Docker: a
// live drill (real time) of a small catalog with a manual step, its
// contacts reached through a real SMTP server (STARTTLS, AUTH PLAIN) and a
// real webhook receiver that checks the HMAC. The waiting step is mailed
// and posted to its role's person; when it is late, the deputy and the
// continuity manager are mailed; an observation is recorded; the review
// with an action item is published to a (fake) GitHub as an issue; actions
// list and readiness show the item open.
func TestPeopleInTheDrillEndToEnd(t *testing.T) {
	ps := startPeopleServers(t)
	mb, hooks, gh := ps.mb, ps.hooks, ps.gh

	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("catalog/catalog.yaml", peopleCatalog)
	cat, reportsDir := filepath.Join(dir, "catalog"), filepath.Join(dir, "reports")
	scenario := write("hoster-live.yaml", peopleScenario)
	_, port, _ := strings.Cut(mb.addr, ":")
	cfg := write("notify.yaml", `apiVersion: exitdrill/v1
kind: NotifyConfig
consoleURL: https://console.gemeente.test
email: {host: localhost, port: `+port+`, from: exitdrill@gemeente.test, username: exitdrill,
        passwordEnv: EXITDRILL_TEST_SMTP_PASSWORD, caFile: "`+mb.caFile+`"}
webhooks:
  - {name: ops, url: "`+ps.hookURL+`", secretEnv: EXITDRILL_TEST_HOOK_SECRET}
`)
	t.Setenv(notify.EnvConfig, cfg) // the worker's, read when it registers
	t.Setenv("EXITDRILL_TEST_SMTP_PASSWORD", mb.pass)
	t.Setenv("EXITDRILL_TEST_HOOK_SECRET", peopleHookSecret)
	t.Setenv("EXITDRILL_TEST_GITHUB_TOKEN", gh.Token)
	s := startDrillServer(t)

	start := time.Now()
	code, out, errs := s.cmd(t, "run", "--detach", "--catalog", cat, "--scenario", scenario, "--id", "people", "--notify-config", cfg,
		"--reports", reportsDir, "--hypothesis", "the portal is back on the standby host within 2 days",
		"--participant", "Anna de Vries:process-owner", "--facilitator", "Carla")
	if code != ExitOK || strings.TrimSpace(out) != "people" {
		t.Fatalf("run --detach: exit %d, stdout %q\n%s", code, out, errs)
	}

	// The waiting step reaches Anna by mail and by webhook, with its
	// instructions and the console link.
	ps.waitForWaiting(t, "anna@gemeente.test: Step sign-off of portal-service waits for you (process-owner)", "Anna de Vries",
		"Confirm that the portal answers on the standby host.", "https://console.gemeente.test/drills/people", 20*time.Second)
	// Late (3 s): the deputy and the continuity manager are told.
	for _, want := range []string{
		"bert@gemeente.test: Late: step sign-off of portal-service has waited for process-owner longer than 3s",
		"carla@gemeente.test: Late: step sign-off of portal-service has waited for process-owner longer than 3s",
	} {
		testkit.WaitFor(t, want, 20*time.Second, func() bool { return slices.Contains(sent(mb.messages()), want) })
	}
	if got := sent(mb.messages()); slices.ContainsFunc(got, func(m string) bool { return strings.HasPrefix(m, "anna@gemeente.test: Late") }) {
		t.Errorf("Anna was told her own step is late: %q", got)
	}

	// An observation, then Anna answers: the drill ends.
	if code, _, errs := s.cmd(t, "observe", "people", "--step", "portal-service/sign-off", "--by", "Carla", "Anna answered only after the escalation"); code != ExitOK {
		t.Fatalf("observe: exit %d\n%s", code, errs)
	}
	if code, _, errs := s.cmd(t, "step", "complete", "people", "portal-service/sign-off", "--role", "process-owner", "--outcome", "pass", "--actor", "anna"); code != ExitOK {
		t.Fatalf("step complete: exit %d\n%s", code, errs)
	}
	res := s.result(t, "people")
	if res.Evidence == nil || res.Evidence.Error != "" {
		t.Fatalf("evidence %+v", res.Evidence)
	}
	if len(res.Observations) != 1 || res.Observations[0].By != "Carla" {
		t.Errorf("observations %+v, want Carla's", res.Observations)
	}
	var stepEvents []string
	for _, e := range res.Processes[0].Steps[1].Events {
		if e.Kind == "notified" {
			what, _, _ := strings.Cut(e.Text, ": delivered")
			stepEvents = append(stepEvents, what)
		}
	}
	slices.Sort(stepEvents)
	if want := []string{
		"step.late to Bert (process-owner-deputy) by email", "step.late to Carla (continuity-manager) by email", "step.late to Carla (continuity-manager) by ops",
		"step.waiting to Anna de Vries (process-owner) by email", "step.waiting to Anna de Vries (process-owner) by ops",
	}; !slices.Equal(stepEvents, want) {
		t.Errorf("the step's evidence says delivered\n %q\nwant %q", stepEvents, want)
	}

	followUp(t, s, gh, cat, reportsDir, "people", "portal-service", "the escalation reached the deputy",
		"Give the process owner a second channel|Operations|2027-01-31|portal-service/sign-off")
	hooks.mu.Lock()
	defer hooks.mu.Unlock()
	if hooks.bad != 0 {
		t.Errorf("%d webhook requests failed the HMAC check", hooks.bad)
	}
	t.Logf("people end to end: %s", time.Since(start).Round(time.Millisecond))
}

// followUp is the end of both people tests: a review of drill with an
// action item (TITLE|OWNER|DUE|PROCESS/STEP) for process, published to the
// fake GitHub as one open issue; actions list and readiness show it open.
func followUp(t *testing.T, s *drillServer, gh *fakegithub.Server, cat, reportsDir, drill, process, wentWell, action string) {
	t.Helper()
	code, out, errs := s.cmd(t, "review", drill, "--reports", reportsDir, "--went-well", wentWell, "--action", action,
		"--github", "voorbeeldstad/continuity", "--github-api-url", gh.APIURL(), "--token-env", "EXITDRILL_TEST_GITHUB_TOKEN")
	if code != ExitOK {
		t.Fatalf("review --github: exit %d\n%s\n%s", code, out, errs)
	}
	title, _, _ := strings.Cut(action, "|")
	issues := gh.Issues("voorbeeldstad", "continuity")
	if len(issues) != 1 || issues[0].State != "open" || !strings.Contains(issues[0].Title, title) {
		t.Fatalf("issues %+v, want one open for the action item", issues)
	}
	code, out, errs = s.cmd(t, "actions", "list", "--reports", reportsDir, "--format", "json")
	var rows []actionRow
	if code != ExitOK || json.Unmarshal([]byte(out), &rows) != nil {
		t.Fatalf("actions list: exit %d\n%s\n%s", code, out, errs)
	}
	if len(rows) != 1 || rows[0].ID != "A1" || rows[0].Status != "open" || rows[0].Process != process {
		t.Errorf("actions list %+v, want A1 open for %s", rows, process)
	}
	code, out, errs = s.cmd(t, "readiness", "--catalog", cat, "--reports", reportsDir)
	if code != ExitOK || !strings.Contains(out, "1 open action items (0 overdue), 0 done") || !strings.Contains(out, process+": ") ||
		!strings.Contains(out, ", 1 open actions, 0 overdue") {
		t.Errorf("readiness: exit %d, want the open action for %s\n%s\n%s", code, process, out, errs)
	}
}

// peopleServers are what the people tests' drills reach: a real SMTP
// server, a webhook receiver that checks the HMAC (at hookURL), and a fake
// GitHub with the repository voorbeeldstad/continuity.
type peopleServers struct {
	mb      *mailbox
	hooks   *hookInbox
	hookURL string
	gh      *fakegithub.Server
}

func startPeopleServers(t *testing.T) *peopleServers {
	t.Helper()
	ps := &peopleServers{mb: startMailbox(t), hooks: &hookInbox{}}
	recv := httptest.NewServer(ps.hooks)
	t.Cleanup(recv.Close)
	ps.hookURL = recv.URL + "/hook"
	ps.gh = fakegithub.New()
	ps.gh.Token = "gh-test-token"
	t.Cleanup(ps.gh.Close)
	ps.gh.AddRepo("voorbeeldstad", "continuity", t.TempDir(), false)
	return ps
}

// waitForWaiting waits until a waiting step's mail ("to: subject") and
// its webhook post for person have arrived, and checks that the mail came
// over TLS with the step's instructions and the console link.
func (ps *peopleServers) waitForWaiting(t *testing.T, waiting, person, instructions, link string, within time.Duration) {
	t.Helper()
	testkit.WaitFor(t, "the waiting step is mailed to "+person, within, func() bool { return slices.Contains(sent(ps.mb.messages()), waiting) })
	testkit.WaitFor(t, "the waiting step is posted for "+person, 10*time.Second, func() bool {
		return slices.Contains(ps.hooks.said(), drill.NotifyWaiting+" to "+person)
	})
	for _, m := range ps.mb.messages() {
		if m.to+": "+m.subject == waiting && (!m.tls || !strings.Contains(m.body, instructions) || !strings.Contains(m.body, link)) {
			t.Errorf("the mail to %s (TLS %v) lacks the instructions or the link:\n%s", person, m.tls, m.body)
		}
	}
}

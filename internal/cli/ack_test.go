package cli

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

// TestAckInject: a tabletop drill delivers its injects on the scenario
// clock; `exitdrill ack` records who acknowledged one, refuses an unknown
// inject and a second acknowledgement by the same person (exit 2, the
// workflow's words), and the drill's result shows the acknowledged inject
// with who and when and the other as delivered and acknowledged by nobody.
func TestAckInject(t *testing.T) {
	t.Parallel()
	srv := startDrillServer(t)
	srv.detach(t, "injects", "portal-injects")
	waitStep(t, srv, "injects", "approve-switch")

	code, out, errs := srv.cmd(t, "ack", "injects", "kickoff", "--by", "anna", "--note", "told the service desk")
	if code != ExitOK || !strings.HasPrefix(out, "inject kickoff (T0, to process-owner) acknowledged by anna at ") {
		t.Fatalf("ack kickoff: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ack", "injects", "kickoff", "--by", "anna"}, "inject kickoff was already acknowledged by anna"},
		{[]string{"ack", "injects", "nope", "--by", "anna"}, `drill injects has no inject "nope" (injects: kickoff, press)`},
	} {
		if code, _, errs := srv.cmd(t, tt.args...); code != ExitInvalid || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", strings.Join(tt.args, " "), code, errs, tt.want)
		}
	}

	if code, _, errs := srv.cmd(t, "step", "complete", "injects", "approve-switch", "--role", "process-owner", "--outcome", "pass", "--actor", "anna"); code != ExitOK {
		t.Fatalf("complete approve-switch: exit %d: %s", code, errs)
	}
	waitStep(t, srv, "injects", "confirm-service")
	if code, _, errs := srv.cmd(t, "step", "complete", "injects", "portal-service/confirm-service", "--role", "service-desk", "--outcome", "pass", "--actor", "anna"); code != ExitOK {
		t.Fatalf("complete confirm-service: exit %d: %s", code, errs)
	}
	res := srv.result(t, "injects")
	_, out, _ = srv.cmd(t, "status", "injects")
	for _, want := range []string{"Injects:\n  T0 kickoff to process-owner: acknowledged by anna at ", "  T0+1h press to continuity-manager: delivered "} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "NOT ACKNOWLEDGED by anyone") {
		t.Errorf("status does not say that nobody acknowledged press:\n%s", out)
	}
	if len(res.Injects) != 2 {
		t.Fatalf("result injects = %+v, want 2", res.Injects)
	}
	kick, press := res.Injects[0], res.Injects[1]
	if kick.Status != drill.InjectAcknowledged || len(kick.Acks) != 1 || kick.Acks[0].By != "anna" || kick.Acks[0].Note != "told the service desk" ||
		kick.Acks[0].At.Before(kick.Delivered) {
		t.Errorf("kickoff = %+v, want acknowledged by anna after its delivery", kick)
	}
	if press.Status != drill.InjectDelivered || len(press.Acks) != 0 || press.Delivered.IsZero() {
		t.Errorf("press = %+v, want delivered and acknowledged by nobody", press)
	}
}

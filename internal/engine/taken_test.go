//go:build !exitdrill_light

package engine

import (
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
)

// A port found free and taken by another process before the server binds it
// made the Temporal server log Fatal ("Failed to start gRPC listener") and
// go on with a nil listener: its worker service then crashed the whole test
// binary in CI (nil pointer in grpc.(*Server).Serve). Now the build fails
// with an error and, on ports exitdrill chose, is tried again on others.
func TestBuildServerSurvivesATakenPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	takenPort := taken.Addr().(*net.TCPAddr).Port

	o := testOptions("")
	o.Ephemeral = true
	o.TemporalLogger = slog.New(slog.NewTextHandler(io.Discard, nil))
	sqlConf, err := prepareDatabase("", DefaultNamespace)
	if err != nil {
		t.Fatal(err)
	}
	picks := 0
	pick := func(o Options) (ports, error) {
		picks++
		p, err := pickPorts(o)
		if picks == 1 {
			p.worker = takenPort // taken between the pick and the bind
		}
		return p, err
	}
	st := &serverState{}
	srv, p, err := buildServer(o, sqlConf, st, nil, pick)
	if err != nil {
		t.Fatalf("build on a taken port, then on others: %v", err)
	}
	defer srv.Stop()
	if picks != 2 || p.worker == takenPort {
		t.Errorf("picked ports %d times (worker port %d, taken %d); want a second pick", picks, p.worker, takenPort)
	}
	if st.building.Load() {
		t.Error("the logger still thinks the server is being built")
	}

	// A port the user asked for is not swapped behind their back: the
	// build fails, saying why.
	o.Port = freePort(t)
	picks = 0
	_, _, err = buildServer(o, sqlConf, &serverState{}, nil, pick)
	if err == nil || !strings.Contains(err.Error(), "Failed to start gRPC listener") || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("err = %v, want the listener's failure", err)
	}
	if picks != 1 {
		t.Errorf("picked ports %d times for a requested port; want 1", picks)
	}
}

// holdBack must leave the port bindable by number, as the server binds it.
func TestHeldBackPortIsBindable(t *testing.T) {
	for range 20 {
		p, err := port(0, "internal")
		if err != nil {
			t.Fatal(err)
		}
		l, err := net.Listen("tcp", hostPort(p))
		if err != nil {
			t.Fatalf("bind the port just found free: %v", err)
		}
		l.Close()
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	p, err := port(0, "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

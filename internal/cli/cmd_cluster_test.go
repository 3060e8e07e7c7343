package cli

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"

	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// cluster init registers the namespace and the search attributes on a
// cluster (here an embedded server, reached by --address as a cluster is),
// and a second run finds everything present. Without --address it refuses.
func TestClusterInit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	eng, err := engine.Open(ctx, engine.Options{Ephemeral: true, NoUI: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	state := t.TempDir()
	args := []string{"cluster", "init", "--address", eng.Address, "--namespace", "waterschap", "--state-dir", state}
	code, out, errs := run(t, args...)
	want := "namespace waterschap: created, finished drills kept 90d\nsearch attributes: added "
	if code != ExitOK || !strings.HasPrefix(out, want) {
		t.Fatalf("first cluster init: exit %d, stdout %q, stderr %q; want 0 and %q…", code, out, errs, want)
	}
	have, err := eng.Client.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "waterschap"})
	if err != nil {
		t.Fatal(err)
	}
	for name := range searchattr.All() {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			t.Errorf("search attribute %s missing after cluster init", name)
		}
	}
	if _, err := eng.Client.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "waterschap"}); err != nil {
		t.Errorf("namespace after cluster init: %v", err)
	}

	code, out, errs = run(t, args...)
	if want := "namespace waterschap: present, finished drills kept 90d\nsearch attributes: all " + strconv.Itoa(len(searchattr.All())) + " present\n"; code != ExitOK || out != want {
		t.Errorf("second cluster init: exit %d, stdout %q, stderr %q; want 0 and %q", code, out, errs, want)
	}

	t.Setenv("TEMPORAL_ADDRESS", "")
	code, out, errs = run(t, "cluster", "init", "--state-dir", state)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "give --address") {
		t.Errorf("cluster init without --address: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

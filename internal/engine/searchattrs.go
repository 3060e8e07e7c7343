package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// ensureSearchAttributes registers the exitdrill search attributes that the
// namespace lacks. A cluster that does not let us (no permission, or no
// operator API as on Temporal Cloud) gets a warning: drills still run, they are
// only harder to find.
func ensureSearchAttributes(ctx context.Context, c client.Client, namespace string, log *slog.Logger) error {
	ops := c.OperatorService()
	have, err := ops.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return tolerate(err, namespace, log)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for name, typ := range searchattr.All() {
		got, ok := have.GetCustomAttributes()[name]
		if !ok {
			missing[name] = typ
			continue
		}
		if got != typ {
			return fmt.Errorf("search attribute %s in namespace %q has type %s, exitdrill needs %s", name, namespace, got, typ)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = ops.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: namespace, SearchAttributes: missing})
	var exists *serviceerror.AlreadyExists
	if err == nil || errors.As(err, &exists) {
		return nil
	}
	return tolerate(err, namespace, log)
}

func tolerate(err error, namespace string, log *slog.Logger) error {
	var denied *serviceerror.PermissionDenied
	var unimplemented *serviceerror.Unimplemented
	if errors.As(err, &denied) || errors.As(err, &unimplemented) {
		names := make([]string, 0, len(searchattr.All()))
		for n := range searchattr.All() {
			names = append(names, n)
		}
		sort.Strings(names)
		log.Warn("cannot register search attributes; ask the cluster's operator to add them",
			"namespace", namespace, "attributes", names, "error", err)
		return nil
	}
	return fmt.Errorf("register search attributes in namespace %q: %w", namespace, err)
}

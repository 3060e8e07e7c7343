package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/exitdrill/exitdrill/workflows/searchattr"
)

// retention keeps finished drills listable for a quarter, on the embedded
// server and on the namespaces InitCluster registers; the evidence bundle, not
// the history, is the lasting record.
const retention = 90 * 24 * time.Hour

// InitResult is what InitCluster found and did.
type InitResult struct {
	Namespace string
	// Created is true when the namespace was registered now, with
	// Retention; Retention is the namespace's retention either way.
	Created   bool
	Retention time.Duration
	// Added are the search attributes registered now, Present those that
	// were there.
	Added, Present []string
}

// InitCluster makes the cluster at o.Address ready for exitdrill, and may be
// run again at any time: it registers o.Namespace when missing (keeping
// finished drills for 90 days) and every exitdrill search attribute the
// namespace lacks. Unlike the commands, which only warn when they may not
// register search attributes, it fails: it is the one command that must.
func InitCluster(ctx context.Context, o Options) (InitResult, error) {
	o = o.withDefaults()
	if o.Address == "" {
		return InitResult{}, errors.New("cluster init prepares an existing cluster: give its address")
	}
	res := InitResult{Namespace: o.Namespace}
	copts, timeout, err := dialOptions(o, &Engine{Address: o.Address, Namespace: o.Namespace})
	if err != nil {
		return res, err
	}
	c, err := dialReady(ctx, copts, timeout, nil)
	if err != nil {
		return res, err
	}
	defer c.Close()
	ws := c.WorkflowService()
	desc, err := ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: o.Namespace})
	var notFound *serviceerror.NamespaceNotFound
	switch {
	case errors.As(err, &notFound):
		_, err = ws.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{Namespace: o.Namespace,
			Description:                      "exitdrill drills",
			WorkflowExecutionRetentionPeriod: durationpb.New(retention)})
		var exists *serviceerror.NamespaceAlreadyExists
		if err != nil && !errors.As(err, &exists) {
			return res, fmt.Errorf("register namespace %q: %w", o.Namespace, err)
		}
		res.Created = err == nil
		if desc, err = waitNamespace(ctx, c.WorkflowService(), o.Namespace); err != nil {
			return res, err
		}
	case err != nil:
		return res, fmt.Errorf("namespace %q at %s: %w", o.Namespace, o.Address, err)
	}
	res.Retention = desc.GetConfig().GetWorkflowExecutionRetentionTtl().AsDuration()

	ops := c.OperatorService()
	var have *operatorservice.ListSearchAttributesResponse
	err = whileUnknown(ctx, o.Namespace, func() (err error) {
		have, err = ops.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: o.Namespace})
		return err
	})
	if err != nil {
		return res, fmt.Errorf("list the search attributes of namespace %q: %w", o.Namespace, err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for _, name := range slices.Sorted(maps.Keys(searchattr.All())) {
		typ := searchattr.All()[name]
		got, ok := have.GetCustomAttributes()[name]
		switch {
		case !ok:
			missing[name] = typ
			res.Added = append(res.Added, name)
		case got != typ:
			return res, fmt.Errorf("search attribute %s in namespace %q has type %s, exitdrill needs %s: remove it or use another namespace",
				name, o.Namespace, got, typ)
		default:
			res.Present = append(res.Present, name)
		}
	}
	if len(missing) > 0 {
		err := whileUnknown(ctx, o.Namespace, func() error {
			_, err := ops.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: o.Namespace, SearchAttributes: missing})
			return err
		})
		var exists *serviceerror.AlreadyExists
		if err != nil && !errors.As(err, &exists) {
			return res, fmt.Errorf("register search attributes %v in namespace %q: %w", res.Added, o.Namespace, err)
		}
	}
	return res, nil
}

// whileUnknown calls fn until it no longer says the namespace is not found,
// for up to 30 s: the parts of a cluster learn of a namespace just registered
// when their caches refresh, each in its own time.
func whileUnknown(ctx context.Context, ns string, fn func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := fn()
		var notFound *serviceerror.NamespaceNotFound
		if !errors.As(err, &notFound) && (err == nil || !strings.Contains(err.Error(), "is not found")) {
			return err
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("namespace %q was registered but is not known everywhere after 30s: %w", ns, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// waitNamespace waits until a namespace just registered can be described:
// the frontend learns of it when its namespace cache refreshes.
func waitNamespace(ctx context.Context, ws workflowservice.WorkflowServiceClient, ns string) (*workflowservice.DescribeNamespaceResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		d, err := ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: ns})
		if err == nil {
			return d, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("namespace %q was registered but is not served after 30s: %w", ns, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

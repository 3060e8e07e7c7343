package engine

import (
	"context"
	"strings"

	"go.temporal.io/server/common/authorization"
)

// Roles a client certificate can hold on an embedded server that requires
// mTLS (ServerTLS.Roles): the console's three roles, and worker.
const (
	RoleViewer   = "viewer"             // reads drills, histories, schedules
	RoleOperator = "operator"           // also completes manual steps
	RoleManager  = "continuity-manager" // also starts, stops and schedules drills
	RoleWorker   = "worker"             // polls and answers tasks: runs drills' steps
)

// CertRoles are the roles a certificate can be given.
var CertRoles = []string{RoleViewer, RoleOperator, RoleManager, RoleWorker}

// roleInternal is the role of the server's own parts (its system worker and
// the clients of its process): everything.
const roleInternal = "internal"

// certClaims maps a client certificate's subject (its common name) to the
// role the roles file gives it; a certificate it does not name has none.
type certClaims struct {
	roles    map[string]string
	internal string // the common name of the server's own certificate
}

// GetClaims is called for every call on the frontend.
func (m certClaims) GetClaims(ai *authorization.AuthInfo) (*authorization.Claims, error) {
	if ai == nil || ai.TLSSubject == nil {
		return &authorization.Claims{}, nil
	}
	cn := ai.TLSSubject.CommonName
	role := m.roles[cn]
	if cn == m.internal {
		role = roleInternal
	}
	return &authorization.Claims{Subject: cn, Extensions: role}, nil
}

// roleAuthorizer lets a call through when the caller's role allows its API.
type roleAuthorizer struct{}

var (
	allow = authorization.Result{Decision: authorization.DecisionAllow}
)

// Authorize decides by the role certClaims found.
func (roleAuthorizer) Authorize(_ context.Context, c *authorization.Claims, t *authorization.CallTarget) (authorization.Result, error) {
	role := ""
	subject := "a caller without a certificate"
	if c != nil {
		role, _ = c.Extensions.(string)
		if c.Subject != "" {
			subject = "certificate " + c.Subject
		}
	}
	if allowed(role, t.APIName) {
		return allow, nil
	}
	why := subject + " has no role"
	if role != "" {
		why = subject + " has role " + role + ", which may not call " + method(t.APIName)
	}
	return authorization.Result{Decision: authorization.DecisionDeny, Reason: why}, nil
}

// method is the method of a gRPC full method name.
func method(api string) string { return api[strings.LastIndex(api, "/")+1:] }

// allowed is the rule of the roles: a viewer reads; an operator also
// completes manual steps (workflow updates); a worker reads, polls and
// answers tasks; a continuity manager, and the server itself, may do all.
// Any certificate the CA signed may ask for health.
func allowed(role, api string) bool {
	if strings.HasPrefix(api, "/grpc.health.v1.Health/") {
		return true
	}
	m := method(api)
	switch role {
	case roleInternal, RoleManager:
		return true
	case RoleViewer:
		return reads(m)
	case RoleOperator:
		return reads(m) || m == "UpdateWorkflowExecution" || m == "PollWorkflowExecutionUpdate"
	case RoleWorker:
		return reads(m) || hasPrefix(m, "Poll", "Respond", "RecordActivityTaskHeartbeat", "ShutdownWorker", "RecordWorkerHeartbeat")
	}
	return false
}

// reads is true for the APIs that only read.
func reads(m string) bool {
	return hasPrefix(m, "Describe", "List", "Get", "Count", "Scan", "QueryWorkflow")
}

func hasPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

package engine

import "strings"

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

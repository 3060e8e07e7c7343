//go:build !exitdrill_light

package engine

import (
	"context"

	"go.temporal.io/server/common/authorization"
)

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

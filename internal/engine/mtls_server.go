//go:build !exitdrill_light

package engine

import (
	"encoding/base64"

	"go.temporal.io/server/common/config"
)

// applyTLS makes c's frontend require mTLS with t, trusting the clients' CA
// and id's, and gives the system worker id's certificate.
func applyTLS(c *config.Config, t *ServerTLS, clientCA []byte, id *identity) {
	b64 := base64.StdEncoding.EncodeToString
	c.Global.TLS.Frontend.Server = config.ServerTLS{CertFile: t.CertFile, KeyFile: t.KeyFile,
		ClientCAData: []string{b64(clientCA), b64(id.caPEM)}, RequireClientAuth: true}
	// The system worker dials the frontend on this machine: it trusts the
	// server it started, not a host name.
	c.Global.TLS.SystemWorker = config.WorkerTLS{CertData: b64(id.certPEM), KeyData: b64(id.keyPEM),
		Client: config.ClientTLS{DisableHostVerification: true}}
}

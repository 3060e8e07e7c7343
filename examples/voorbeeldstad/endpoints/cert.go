package main

import (
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/exitdrill/exitdrill/internal/pki"
)

// demoCertificate returns the certificate for the demo's HTTPS endpoints,
// issued by a demo CA. Both are made on first run and kept in dir, the CA as
// ca.pem for the worker to trust.
func demoCertificate(dir string) (*tls.Certificate, error) {
	certFile, keyFile := filepath.Join(dir, "server.pem"), filepath.Join(dir, "server-key.pem")
	if c, err := tls.LoadX509KeyPair(certFile, keyFile); err == nil && c.Leaf != nil && time.Until(c.Leaf.NotAfter) > 30*24*time.Hour {
		return &c, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ca, err := pki.NewCA("Gemeente Voorbeeldstad demo CA", 2*365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	certPEM, keyPEM, err := ca.Issue(&x509.Certificate{Subject: pkix.Name{CommonName: "leaseweb.voorbeeldstad.test"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}, 365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	for name, data := range map[string][]byte{"ca.pem": ca.PEM, "server.pem": certPEM, "server-key.pem": keyPEM} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return nil, err
		}
	}
	c, err := tls.LoadX509KeyPair(certFile, keyFile)
	return &c, err
}

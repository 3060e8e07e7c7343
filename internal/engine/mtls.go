package engine

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/exitdrill/exitdrill/internal/atomicfile"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"github.com/exitdrill/exitdrill/internal/pki"
)

// ServerTLS makes the embedded server's frontend require mutual TLS: every
// client shows a certificate signed by a CA of ClientCAFile, and the role
// Roles gives its common name decides what it may call (see allowed). An
// embedded server that listens on a non-loopback address requires it.
type ServerTLS struct {
	// CertFile and KeyFile are the frontend's certificate and key (PEM).
	CertFile, KeyFile string
	// ClientCAFile holds the CAs (PEM) whose certificates clients show.
	ClientCAFile string
	// Roles gives each client certificate's common name its role
	// (CertRoles); a certificate it does not name may only ask for health.
	Roles map[string]string
}

// ErrNeedsMTLS refuses an embedded server beyond loopback without ServerTLS:
// anyone who reaches its port could start, change or end drills.
var ErrNeedsMTLS = errors.New("an embedded server beyond loopback requires mutual TLS: " +
	"a server certificate and key, the CA of the clients' certificates and the role of each")

// maxPEM bounds a certificate, key or CA file.
const maxPEM = 1 << 20

// readPEM reads a PEM file of at most maxPEM bytes.
func readPEM(name string) ([]byte, error) {
	return boundedio.ReadAllRegular(context.Background(), name, maxPEM, "PEM file "+name, "")
}

// ClientTLSFile is the file, in the state directory, of the client
// certificate with which the commands of this machine reach an embedded
// server that requires mTLS: whoever can read the state directory can read
// its database too.
const ClientTLSFile = "server-client.pem"

// check loads what t names, saying what is wrong with which file.
func (t *ServerTLS) check() (caPEM []byte, leaf []byte, err error) {
	if t.CertFile == "" || t.KeyFile == "" || t.ClientCAFile == "" {
		return nil, nil, errors.New("mTLS needs the server's certificate, its key and the clients' CA")
	}
	pair, err := loadPair(t.CertFile, t.KeyFile)
	if err != nil {
		return nil, nil, fmt.Errorf("server certificate: %w", err)
	}
	caPEM, err = readPEM(t.ClientCAFile)
	if err != nil {
		return nil, nil, fmt.Errorf("clients' CA: %w", err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(caPEM) {
		return nil, nil, fmt.Errorf("clients' CA %s holds no PEM certificate", t.ClientCAFile)
	}
	for cn, role := range t.Roles {
		if !slices.Contains(CertRoles, role) {
			return nil, nil, fmt.Errorf("certificate %q has role %q; the roles are %v", cn, role, CertRoles)
		}
	}
	return caPEM, pair.Certificate[0], nil
}

func loadPair(certFile, keyFile string) (tls.Certificate, error) {
	c, err := readPEM(certFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	k, err := readPEM(keyFile)
	if err != nil {
		return tls.Certificate{}, err
	}
	pair, err := tls.X509KeyPair(c, k)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("%s and %s: %w", certFile, keyFile, err)
	}
	return pair, nil
}

// serverTLS is a ServerTLS checked and loaded, with the server's identity.
type serverTLS struct {
	conf     *ServerTLS
	clientCA []byte
	id       *identity
}

func prepareTLS(t *ServerTLS) (*serverTLS, error) {
	ca, leaf, err := t.check()
	if err != nil {
		return nil, err
	}
	id, err := newIdentity(leaf)
	if err != nil {
		return nil, fmt.Errorf("make the server's own client certificate: %w", err)
	}
	return &serverTLS{conf: t, clientCA: ca, id: id}, nil
}

// removeClientFile removes a local client certificate file ("" is none).
func removeClientFile(name string) {
	if name != "" {
		_ = os.Remove(name)
	}
}

// identity is the server's own client certificate, issued at start by a CA
// made for this run alone and trusted beside the clients' CA: the server's
// system worker and the clients of this machine's commands show it.
type identity struct {
	cn              string
	caPEM           []byte
	certPEM, keyPEM []byte
	serverLeaf      []byte // the frontend's certificate, which in-process clients pin
}

func newIdentity(serverLeaf []byte) (*identity, error) {
	ca, err := pki.NewCA("exitdrill embedded server CA", 10*365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	cn := "exitdrill-server-" + randomHex()
	certPEM, keyPEM, err := ca.Issue(&x509.Certificate{Subject: pkix.Name{CommonName: cn},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}, 10*365*24*time.Hour)
	if err != nil {
		return nil, err
	}
	return &identity{cn: cn, serverLeaf: serverLeaf, caPEM: ca.PEM, certPEM: certPEM, keyPEM: keyPEM}, nil
}

// clientTLS is the TLS of a client of this machine: it shows id's
// certificate and accepts only the frontend's own certificate, whatever
// host name that names.
func (id *identity) clientTLS() (*tls.Config, error) {
	pair, err := tls.X509KeyPair(id.certPEM, id.keyPEM)
	if err != nil {
		return nil, err
	}
	return pinnedTLS(pair, id.serverLeaf), nil
}

func pinnedTLS(pair tls.Certificate, serverLeaf []byte) *tls.Config {
	return &tls.Config{
		MinVersion:         tls.VersionTLS12,
		Certificates:       []tls.Certificate{pair},
		InsecureSkipVerify: true, // replaced by the pin below
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if len(raw) == 0 || !bytes.Equal(raw[0], serverLeaf) {
				return errors.New("the server's certificate is not the one its state directory names")
			}
			return nil
		},
	}
}

// writeClientFile puts id's certificate and key, and the frontend's
// certificate, in the state directory for the commands of this machine
// (private to its owner, as the database is).
func (id *identity) writeClientFile(stateDir string) (string, error) {
	var b bytes.Buffer
	b.Write(id.certPEM)
	b.Write(id.keyPEM)
	_ = pem.Encode(&b, &pem.Block{Type: "SERVER CERTIFICATE", Bytes: id.serverLeaf})
	name := filepath.Join(stateDir, ClientTLSFile)
	if err := atomicfile.WriteFile(name, b.Bytes(), 0o600); err != nil {
		return "", fmt.Errorf("the local client certificate: %w", err)
	}
	return name, nil
}

// sharedTLS reads the client file a server wrote (writeClientFile).
func sharedTLS(name string) (*tls.Config, error) {
	data, err := readPEM(name)
	if err != nil {
		return nil, fmt.Errorf("the server requires mTLS and its client certificate is unreadable: %w", err)
	}
	var certPEM, keyPEM []byte
	var leaf []byte
	for rest := data; ; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		switch blk.Type {
		case "CERTIFICATE":
			certPEM = pem.EncodeToMemory(blk)
		case "PRIVATE KEY":
			keyPEM = pem.EncodeToMemory(blk)
		case "SERVER CERTIFICATE":
			leaf = blk.Bytes
		}
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil || leaf == nil {
		return nil, fmt.Errorf("the server's client certificate %s is incomplete", name)
	}
	return pinnedTLS(pair, leaf), nil
}

// randomHex is 16 random hex digits, for names that must not collide.
func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// isLoopback is true for an IP of the loopback network.
func isLoopback(ip string) bool {
	p := net.ParseIP(ip)
	return p != nil && p.IsLoopback()
}

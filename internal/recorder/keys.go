package recorder

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/exitdrill/exitdrill/evidence"
)

// Environment variables that give the signing key to a worker.
const (
	EnvSigningKey     = "EXITDRILL_SIGNING_KEY"      // the PEM text of the private key
	EnvSigningKeyFile = "EXITDRILL_SIGNING_KEY_FILE" // a file holding it
)

// GenerateKey makes a signing key pair in PEM: the private key (PKCS #8) and
// the public key (PKIX).
func GenerateKey() (private, public []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	p8, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, err
	}
	pk, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p8}), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pk}), nil
}

// ParsePrivateKey reads an ed25519 private key in PEM (PKCS #8). Its errors
// never quote the key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM \"PRIVATE KEY\" block (make one with exitdrill keygen)")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, errors.New("not a PKCS #8 private key (make one with exitdrill keygen)")
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, errors.New("not an ed25519 key (make one with exitdrill keygen)")
	}
	return priv, nil
}

// ParsePublicKey reads an ed25519 public key: PEM (PKIX), or the
// "ed25519:BASE64" form a manifest names its signer in.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	text := strings.TrimSpace(string(data))
	if strings.HasPrefix(text, "ed25519:") {
		b := &evidence.Manifest{Signer: text}
		if pub, ok := b.SignerKey(); ok {
			return pub, nil
		}
		return nil, errors.New("not an ed25519:BASE64 public key")
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PUBLIC KEY" {
		return nil, errors.New("not a PEM \"PUBLIC KEY\" block or an ed25519:BASE64 key")
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("not a public key: %v", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, errors.New("not an ed25519 public key")
	}
	return pub, nil
}

// LoadSigningKey finds the signing key: the file named by flag, else the
// environment (EXITDRILL_SIGNING_KEY, then EXITDRILL_SIGNING_KEY_FILE). No key
// at all is not an error: bundles are then unsigned and say so.
func LoadSigningKey(file string, env func(string) (string, bool)) (ed25519.PrivateKey, error) {
	if file == "" {
		if v, ok := env(EnvSigningKey); ok && v != "" {
			k, err := ParsePrivateKey([]byte(v))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", EnvSigningKey, err)
			}
			return k, nil
		}
		file, _ = env(EnvSigningKeyFile)
	}
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	k, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", file, err)
	}
	return k, nil
}

//go:build !exitdrill_light

package engine

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestFrontendPortListenIP(t *testing.T) {
	tests := []struct {
		ip, bind, dial, err string
	}{
		{"", "127.0.0.1", "127.0.0.1", ""},
		{"0.0.0.0", "0.0.0.0", "127.0.0.1", ""}, // the wildcard: the server dials itself on loopback
		{"127.0.0.1", "127.0.0.1", "127.0.0.1", ""},
		{"server.local", "", "", `listen address "server.local" is not an IP address`},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			p, err := frontendPort(Options{ListenIP: tt.ip})
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.bind != tt.bind || p.dial != tt.dial || p.frontend == 0 {
				t.Errorf("bind %s dial %s port %d, want bind %s dial %s and a port", p.bind, p.dial, p.frontend, tt.bind, tt.dial)
			}
			if !strings.HasSuffix(p.frontendAddr(), ":"+strconv.Itoa(p.frontend)) {
				t.Errorf("frontendAddr = %s", p.frontendAddr())
			}
		})
	}
	t.Run("port taken", func(t *testing.T) {
		l, err := net.Listen("tcp", "0.0.0.0:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		port := l.Addr().(*net.TCPAddr).Port
		_, err = frontendPort(Options{ListenIP: "0.0.0.0", Port: port})
		if err == nil || !strings.Contains(err.Error(), "gRPC port "+strconv.Itoa(port)+" on 0.0.0.0 is not free") {
			t.Errorf("err = %v, want the port named as taken", err)
		}
	})
}

package engine

import (
	"testing"

	"go.temporal.io/sdk/client"
)

// A server on this machine is dialled without gzip (loopback: compressing
// only costs CPU on both ends), as is a cluster given by a loopback address;
// a cluster elsewhere keeps the SDK's default.
func TestDialCompression(t *testing.T) {
	tests := []struct {
		name string
		e    *Engine
		none bool
	}{
		{"embedded", &Engine{Address: "127.0.0.1:7233", Namespace: "default", Embedded: true}, true},
		{"another exitdrill's server", &Engine{Address: "127.0.0.1:7233", Namespace: "default", Shared: &ServerInfo{}}, true},
		{"cluster", &Engine{Address: "temporal.example:7233", Namespace: "default"}, false},
		{"cluster on another machine by address", &Engine{Address: "10.0.0.5:7233", Namespace: "default"}, false},
		{"--address on loopback", &Engine{Address: "127.0.0.1:17233", Namespace: "default"}, true},
		{"--address on IPv6 loopback", &Engine{Address: "[::1]:7233", Namespace: "default"}, true},
		{"--address localhost", &Engine{Address: "LocalHost:7233", Namespace: "default"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			copts, _, err := dialOptions(Options{}.withDefaults(), tt.e)
			if err != nil {
				t.Fatal(err)
			}
			_, none := copts.ConnectionOptions.GrpcCompression.(*client.GrpcCompressionNone)
			if none != tt.none {
				t.Errorf("compression %T, want none: %v", copts.ConnectionOptions.GrpcCompression, tt.none)
			}
		})
	}
}

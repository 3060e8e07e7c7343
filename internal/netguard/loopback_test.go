package netguard

import "testing"

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1": true, "[::1]:1": true, "localhost:1": true, "LocalHost:1": true, "127.1.2.3:1": true,
		":1": false, "0.0.0.0:1": false, "192.168.1.2:1": false, "example.org:1": false, "junk": false,
	} {
		if got := Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

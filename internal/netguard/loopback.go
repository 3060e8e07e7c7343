package netguard

import (
	"net"
	"strings"
)

// Loopback says whether addr (HOST:PORT) is reachable from this machine
// only: a loopback IP address or localhost. Other names are not looked up.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

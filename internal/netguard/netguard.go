// Package netguard says what an address is before exitdrill uses it: it
// refuses connections to cloud metadata, link-local, unspecified, multicast
// and broadcast addresses before any packet leaves, whatever host name led
// there (Refused), and tells whether HOST:PORT is this machine's loopback
// (Loopback), for the choices that depend on it.
package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// Connections that exitdrill makes go to addresses named by people the worker
// need not trust (a catalog, a notifications config). A name that resolves to
// a cloud metadata service (169.254.169.254) would hand the worker's cloud
// credentials to whoever reads the drill's output. So such connections go
// through a dialer whose control hook refuses, after the socket exists and
// before connect(2) is called, the ranges below. Loopback and the private
// ranges (RFC 1918, fc00::/7) stay allowed: alternatives and mail relays
// live there.
var refusedPrefixes = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("169.254.0.0/16"), "a link-local address (cloud metadata services answer at 169.254.169.254)"},
	{netip.MustParsePrefix("fe80::/10"), "a link-local address"},
	{netip.MustParsePrefix("fd00:ec2::254/128"), "a cloud metadata address"},
	{netip.MustParsePrefix("100.100.100.200/32"), "a cloud metadata address"},
	{netip.MustParsePrefix("0.0.0.0/8"), "an unspecified address"},
	{netip.MustParsePrefix("::/128"), "an unspecified address"},
	{netip.MustParsePrefix("224.0.0.0/4"), "a multicast address"},
	{netip.MustParsePrefix("ff00::/8"), "a multicast address"},
	{netip.MustParsePrefix("255.255.255.255/32"), "the broadcast address"},
}

// ErrRefused is the error of a connection the guard refused.
var ErrRefused = errors.New("address refused")

// Refused says why a connection to ip must not be made, or "" when it may.
func Refused(ip netip.Addr) string {
	ip = ip.Unmap()
	for _, r := range refusedPrefixes {
		if r.prefix.Contains(ip) {
			return r.what
		}
	}
	return ""
}

// Resolver looks up a host name's addresses, as net.Resolver does.
type Resolver interface {
	LookupHost(ctx context.Context, host string) ([]string, error)
}

// Guard is the dialing policy of one caller. The zero value refuses the
// ranges above and resolves with net.DefaultResolver.
type Guard struct {
	// AllowPrivate turns the guard off (the caller's user opted in).
	AllowPrivate bool
	// Resolver looks up host names; nil means net.DefaultResolver.
	Resolver Resolver
	// Hint is appended to a refusal: how the user may allow the address.
	Hint string
	// Timeout bounds each connection attempt; 0 means 10 s.
	Timeout time.Duration
	// OnRefused, when set, is told of every refusal (tests count them).
	OnRefused func(addr string)
}

// Control is the dialer's control hook: it runs on the new socket before
// connect, with the numeric address about to be connected to.
func (g *Guard) Control(_, address string, _ syscall.RawConn) error {
	if g.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s is not a numeric address", ErrRefused, address)
	}
	if why := Refused(ap.Addr()); why != "" {
		if g.OnRefused != nil {
			g.OnRefused(address)
		}
		msg := fmt.Sprintf("%s is %s", ap.Addr().Unmap(), why)
		if g.Hint != "" {
			msg += "; " + g.Hint
		}
		return fmt.Errorf("%w: %s", ErrRefused, msg)
	}
	return nil
}

// DialContext connects to addr (host:port), resolving the host with the
// guard's resolver and trying each address in turn; every connection attempt
// passes the control hook, and the first refusal ends the dial.
func (g *Guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips := []string{host}
	if net.ParseIP(host) == nil {
		var r Resolver = net.DefaultResolver
		if g.Resolver != nil {
			r = g.Resolver
		}
		if ips, err = r.LookupHost(ctx, host); err != nil {
			return nil, err
		}
	}
	timeout := g.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	d := &net.Dialer{Timeout: timeout, KeepAlive: -1 * time.Second, Control: g.Control}
	var first error
	for _, ip := range ips {
		c, err := d.DialContext(ctx, network, net.JoinHostPort(ip, port))
		if err == nil {
			return c, nil
		}
		if errors.Is(err, ErrRefused) {
			return nil, err // a name that leads there is not tried further
		}
		if first == nil {
			first = err
		}
	}
	if first == nil {
		first = fmt.Errorf("name %q has no addresses", host)
	}
	return nil, first
}

package hosting

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// A hosting check connects to the address an alternative's health URL names,
// and a catalog is written by people the worker need not trust. A name that
// resolves to a cloud metadata service (169.254.169.254) would hand the
// worker's cloud credentials to the drill's output. So every connection a
// hosting check makes goes through a dialer whose control hook refuses, after
// the socket exists and before connect(2) is called — before any packet
// leaves — the ranges below, whatever name led there. Loopback and the
// private ranges (RFC 1918, fc00::/7) stay allowed: alternatives live there.
// An alternative opts in to the refused ranges with health.allowPrivate.
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

// errRefusedAddress is the error of a connection the guard refused.
var errRefusedAddress = errors.New("address refused")

// refusedAddress says why a hosting check must not connect to ip, or "" when
// it may.
func refusedAddress(ip netip.Addr) string {
	ip = ip.Unmap()
	for _, r := range refusedPrefixes {
		if r.prefix.Contains(ip) {
			return r.what
		}
	}
	return ""
}

// guard is the dialing policy of one hosting check.
type guard struct {
	allowPrivate bool
	resolver     step.Resolver
	// refused, when set, is told of every refusal (tests count them).
	refused func(addr string)
}

func newGuard(cfg *step.Config, allowPrivate bool) *guard {
	r := cfg.Resolver
	if r == nil {
		r = net.DefaultResolver
	}
	return &guard{allowPrivate: allowPrivate, resolver: r}
}

// control is the dialer's control hook: it runs on the new socket before
// connect, with the numeric address about to be connected to.
func (g *guard) control(_, address string, _ syscall.RawConn) error {
	if g.allowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s is not a numeric address", errRefusedAddress, address)
	}
	if why := refusedAddress(ap.Addr()); why != "" {
		if g.refused != nil {
			g.refused(address)
		}
		return fmt.Errorf("%w: %s is %s; set health.allowPrivate: true on the alternative to allow it", errRefusedAddress, ap.Addr().Unmap(), why)
	}
	return nil
}

// dial connects to addr (host:port), resolving the host with the guard's
// resolver and trying each address in turn; every connection attempt passes
// the control hook, and the first refusal ends the dial.
func (g *guard) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips := []string{host}
	if net.ParseIP(host) == nil {
		if ips, err = g.resolver.LookupHost(ctx, host); err != nil {
			return nil, err
		}
	}
	d := &net.Dialer{Timeout: defaultRequestTimeout, KeepAlive: -1 * time.Second, Control: g.control}
	var first error
	for _, ip := range ips {
		c, err := d.DialContext(ctx, network, net.JoinHostPort(ip, port))
		if err == nil {
			return c, nil
		}
		if errors.Is(err, errRefusedAddress) {
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

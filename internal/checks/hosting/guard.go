package hosting

import (
	"context"
	"net"
	"net/netip"
	"syscall"

	"github.com/exitdrill/exitdrill/internal/checks/step"
	"github.com/exitdrill/exitdrill/internal/netguard"
)

// A hosting check connects to the address an alternative's health URL names,
// and a catalog is written by people the worker need not trust: every
// connection a hosting check makes goes through package netguard's dialer,
// which refuses metadata and link-local addresses before any packet leaves.
// An alternative opts in to the refused ranges with health.allowPrivate.

// errRefusedAddress is the error of a connection the guard refused.
var errRefusedAddress = netguard.ErrRefused

// refusedAddress says why a hosting check must not connect to ip, or "" when
// it may.
func refusedAddress(ip netip.Addr) string { return netguard.Refused(ip) }

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

func (g *guard) netguard() *netguard.Guard {
	return &netguard.Guard{AllowPrivate: g.allowPrivate, Resolver: g.resolver, Timeout: defaultRequestTimeout,
		Hint: "set health.allowPrivate: true on the alternative to allow it", OnRefused: g.refused}
}

// control is the dialer's control hook: it runs on the new socket before
// connect, with the numeric address about to be connected to.
func (g *guard) control(network, address string, c syscall.RawConn) error {
	return g.netguard().Control(network, address, c)
}

// dial connects to addr (host:port) through netguard: every connection
// attempt passes the control hook, and the first refusal ends the dial.
func (g *guard) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	return g.netguard().DialContext(ctx, network, addr)
}

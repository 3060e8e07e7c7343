//go:build !exitdrill_light

package engine

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
)

// CI (stop 28) failed to start the integration suite's server, which listens
// on 0.0.0.0 at a requested port: "failed listening for HTTP API on
// [::]:39605: bind: address already in use". The server's HTTP API listened
// on the frontend's address, all of them, at a port exitdrill had found free
// on loopback only; nothing in exitdrill uses that API, and it was one more
// port open to the network than the one the user asked for. Now a server on
// all addresses opens there the gRPC port and nothing else, so a port taken
// on another address cannot stop it.
func TestServerOnAllAddressesOpensOnlyItsPort(t *testing.T) {
	o := testOptions("")
	o.Ephemeral = true
	o.ListenIP = "0.0.0.0"
	o.Port = freePort(t)
	o.TemporalLogger = slog.New(slog.NewTextHandler(io.Discard, nil))
	sqlConf, err := prepareDatabase("", DefaultNamespace)
	if err != nil {
		t.Fatal(err)
	}
	var taken []net.Listener
	defer func() {
		for _, l := range taken {
			l.Close()
		}
	}()
	pick := func(o Options) (ports, error) {
		p, err := pickPorts(o)
		if err != nil {
			return p, err
		}
		// Every port exitdrill picked is taken on an address other than
		// loopback before the server binds it.
		for _, port := range []int{p.history, p.matching, p.worker} {
			if port == 0 {
				continue
			}
			l, err := net.Listen("tcp", net.JoinHostPort(otherAddress(t), strconv.Itoa(port)))
			if err != nil {
				// Without it the test would not stand where CI's server failed.
				t.Errorf("take port %d on %s before the server: %v", port, otherAddress(t), err)
				continue
			}
			taken = append(taken, l)
		}
		return p, nil
	}
	srv, p, err := buildServer(o, sqlConf, &serverState{}, nil, pick)
	if err != nil {
		t.Fatalf("build a server on 0.0.0.0:%d: %v", o.Port, err)
	}
	if err := srv.Start(); err != nil {
		t.Fatalf("start: %v", err)
	}
	defer srv.Stop()
	if p.frontend != o.Port {
		t.Errorf("frontend on port %d, want the requested %d", p.frontend, o.Port)
	}
	open := wildcardListeners(t)
	if len(open) != 1 || open[0] != o.Port {
		t.Errorf("ports open on all addresses: %v, want only the gRPC port %d", open, o.Port)
	}
}

// otherAddress is an address of this machine that is not loopback: the
// first of its interfaces', or 127.0.0.2, which is loopback's range but not
// the address the server's internal ports are checked on.
func otherAddress(t *testing.T) string {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
				return n.IP.String()
			}
		}
	}
	return "127.0.0.2"
}

// wildcardListeners returns the ports this process listens on at 0.0.0.0 or
// [::], from /proc/net/tcp and tcp6 and its own file descriptors; it skips
// the test where there are none.
func wildcardListeners(t *testing.T) []int {
	t.Helper()
	mine := map[string]bool{} // socket inodes
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd here: %v", err)
	}
	for _, fd := range fds {
		link, err := os.Readlink("/proc/self/fd/" + fd.Name())
		if inode, ok := strings.CutPrefix(link, "socket:["); err == nil && ok {
			mine[strings.TrimSuffix(inode, "]")] = true
		}
	}
	var ports []int
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(file)
		if err != nil {
			t.Skipf("no %s here: %v", file, err)
		}
		s := bufio.NewScanner(f)
		for s.Scan() {
			fields := strings.Fields(s.Text())
			if len(fields) < 10 || fields[3] != "0A" || !mine[fields[9]] { // 0A is LISTEN
				continue
			}
			addr, port, ok := strings.Cut(fields[1], ":")
			if !ok || strings.Trim(addr, "0") != "" {
				continue
			}
			n, err := strconv.ParseInt(port, 16, 32)
			if err != nil {
				t.Fatalf("%s: port %q: %v", file, port, err)
			}
			ports = append(ports, int(n))
		}
		f.Close()
		if err := s.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return ports
}

// Command endpoints serves the example organisation's alternative hosting on
// loopback, so that a demo drill's hosting.healthy and hosting.tls checks call
// real HTTP(S) servers: every alternative's health URL answers "ok", except the
// ones named with --down, which are left dead on purpose. HTTPS endpoints use a
// certificate from a CA made on first run; point the worker at it with
// EXITDRILL_CA_FILE=<dir>/ca.pem.
//
//	go run ./examples/voorbeeldstad/endpoints --catalog examples/voorbeeldstad --tls-dir examples/voorbeeldstad/data/tls
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

func main() {
	dir := flag.String("catalog", "examples/voorbeeldstad", "catalog directory")
	tlsDir := flag.String("tls-dir", "examples/voorbeeldstad/data/tls", "where the demo CA and certificate live")
	down := flag.String("down", "", "comma-separated alternative ids to leave dead")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *dir, *tlsDir, strings.Split(*down, ",")); err != nil {
		log.Fatal(err)
	}
}

// listener is one host:port with the health paths it answers.
type listener struct {
	scheme string
	paths  map[string]string // path -> alternative id
}

func run(ctx context.Context, dir, tlsDir string, down []string) error {
	c, err := catalog.Load(yamldoc.OSFS{}, dir)
	if err != nil {
		return err
	}
	byAddr := map[string]*listener{}
	for _, a := range c.Applications {
		for _, alt := range a.Alternatives {
			if alt.Health == nil || slices.Contains(down, alt.ID) {
				continue
			}
			u, err := url.Parse(alt.Health.URL)
			if err != nil || !isLoopback(u.Hostname()) {
				continue // never serve anything but loopback
			}
			l := byAddr[u.Host]
			if l == nil {
				l = &listener{scheme: u.Scheme, paths: map[string]string{}}
				byAddr[u.Host] = l
			}
			l.paths[u.Path] = alt.ID
		}
	}
	var cert *tls.Certificate
	for _, l := range byAddr {
		if l.scheme == "https" && cert == nil {
			if cert, err = demoCertificate(tlsDir); err != nil {
				return err
			}
		}
	}
	errs := make(chan error, len(byAddr))
	for addr, l := range byAddr {
		srv := &http.Server{Addr: addr, Handler: l}
		go func() { <-ctx.Done(); srv.Close() }()
		go func() {
			var err error
			if l.scheme == "https" {
				srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}}
				err = srv.ListenAndServeTLS("", "")
			} else {
				err = srv.ListenAndServe()
			}
			if err != http.ErrServerClosed {
				errs <- fmt.Errorf("%s: %w", addr, err)
			}
		}()
	}
	msg := fmt.Sprintf("serving %d alternative endpoints on loopback", len(byAddr))
	if dead := slices.DeleteFunc(down, func(s string) bool { return s == "" }); len(dead) > 0 {
		msg += " (down on purpose: " + strings.Join(dead, ", ") + ")"
	}
	fmt.Println(msg)
	select {
	case <-ctx.Done():
		return nil
	case err := <-errs:
		return err
	}
}

func (l *listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if _, ok := l.paths[r.URL.Path]; !ok {
		http.NotFound(w, r)
		return
	}
	fmt.Fprintln(w, "ok")
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

//go:build !exitdrill_light

package engine

import (
	"context"
	"fmt"
	"net/http"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uioptions "github.com/temporalio/ui-server/v2/server/server_options"
)

// webUI is the Temporal Web UI served from the assets embedded in the binary,
// so it works offline.
type webUI struct {
	server *uiserver.Server
}

// startUI serves the Web UI on loopback port and waits until it answers. The
// port was checked free just before; ui-server exits the process if it cannot
// bind, which is why it must be.
func startUI(ctx context.Context, port int, grpcAddress, namespace string) (*webUI, error) {
	s := uiserver.NewServer(uioptions.WithConfigProvider(&uiconfig.Config{
		Host:                loopback,
		Port:                port,
		TemporalGRPCAddress: grpcAddress,
		EnableUI:            true,
		DefaultNamespace:    namespace,
		CORS:                uiconfig.CORS{CookieInsecure: true},
		HideLogs:            true,
		DisableNewsFetch:    true, // offline: no calls to temporal.io
	}))
	go func() { _ = s.Start() }()
	u := &webUI{server: s}
	if err := waitHTTP(ctx, fmt.Sprintf("http://%s/healthz", hostPort(port)), 10*time.Second); err != nil {
		u.stop()
		return nil, fmt.Errorf("start web UI: %w", err)
	}
	return u, nil
}

func (u *webUI) stop() { u.server.Stop() }

func waitHTTP(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("%s: %s", url, resp.Status)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer within %s: %w", url, timeout, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

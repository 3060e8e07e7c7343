//go:build integration

package integration

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/moby/moby/client"
)

// Labels on everything the suite creates: the suite's, and one per
// environment so that a test can check its own teardown.
const (
	labelSuite = "org.exitdrill.suite"
	labelRun   = "org.exitdrill.run"
	suiteValue = "integration"
	// labelOwner marks the containers exitdrill's checks start (container
	// steps, restore sandboxes): the checks remove them themselves.
	labelOwner = "org.exitdrill.owner"
	// labelStep and labelWorker: the step a check's container is for
	// (DRILL/PROCESS/STEP) and the worker that started it (its host name).
	labelStep   = "org.exitdrill.step"
	labelWorker = "org.exitdrill.worker"
)

// suiteStart is when this test binary started; check containers created
// since then are the suite's.
var suiteStart = time.Now()

func dockerClient() (*client.Client, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Ping(ctx, client.PingOptions{NegotiateAPIVersion: true}); err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("the Docker Engine at %s is not reachable: %w", c.DaemonHost(), err)
	}
	return c, nil
}

// leftovers lists what is left of the suite (run "") or of one environment:
// containers, networks and volumes by label, and the checks' containers
// created since the suite started.
func leftovers(ctx context.Context, d *client.Client, run string) (containers, networks, volumes []string, err error) {
	f := client.Filters{}.Add("label", labelSuite+"="+suiteValue)
	if run != "" {
		f = client.Filters{}.Add("label", labelRun+"="+run)
	}
	cs, err := d.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, c := range cs.Items {
		containers = append(containers, c.ID)
	}
	if run == "" {
		own, err := d.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: client.Filters{}.Add("label", labelOwner)})
		if err != nil {
			return nil, nil, nil, err
		}
		for _, c := range own.Items {
			if time.Unix(c.Created, 0).After(suiteStart.Add(-time.Second)) {
				containers = append(containers, c.ID)
			}
		}
	}
	ns, err := d.NetworkList(ctx, client.NetworkListOptions{Filters: f})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, n := range ns.Items {
		networks = append(networks, n.ID)
	}
	vs, err := d.VolumeList(ctx, client.VolumeListOptions{Filters: f})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, v := range vs.Items {
		volumes = append(volumes, v.Name)
	}
	return containers, networks, volumes, nil
}

// sweep removes the leftovers of the suite or of one environment and
// returns how many it removed.
func sweep(ctx context.Context, run string) int {
	d, err := dockerClient()
	if err != nil {
		fmt.Fprintln(os.Stderr, "integration: sweep:", err)
		return 0
	}
	defer d.Close()
	cs, ns, vs, err := leftovers(ctx, d, run)
	if err != nil {
		fmt.Fprintln(os.Stderr, "integration: sweep:", err)
		return 0
	}
	for _, id := range cs {
		_, _ = d.ContainerRemove(ctx, id, client.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	}
	for _, id := range ns {
		_, _ = d.NetworkRemove(ctx, id, client.NetworkRemoveOptions{})
	}
	for _, name := range vs {
		_, _ = d.VolumeRemove(ctx, name, client.VolumeRemoveOptions{Force: true})
	}
	return len(cs) + len(ns) + len(vs)
}

func imageSize(ctx context.Context, d *client.Client, image string) string {
	res, err := d.ImageInspect(ctx, image)
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return fmt.Sprintf("%.1f MB", float64(res.Size)/1e6)
}

// figures collects the measurements the suite prints at its end.
var figures measurements

type measurements struct {
	mu   sync.Mutex
	rows [][2]string
}

func (m *measurements) add(name, value string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.rows = append(m.rows, [2]string{name, value})
}

func printFigures(total time.Duration) {
	figures.add("integration test binary wall time", total.Round(time.Second).String())
	figures.mu.Lock()
	defer figures.mu.Unlock()
	rows := figures.rows
	w := 0
	for _, r := range rows {
		w = max(w, len(r[0]))
	}
	fmt.Println("integration figures:")
	for _, r := range rows {
		fmt.Printf("  %s%s  %s\n", r[0], strings.Repeat(" ", w-len(r[0])), r[1])
	}
}

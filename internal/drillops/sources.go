package drillops

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/forge"
)

// Repos fetches the repository subtree that a github:OWNER/REPO/PATH@REF
// source names, at the commit its ref resolves to. *GitHub is the real one.
type Repos interface {
	Fetch(ctx context.Context, spec forge.Spec) (forge.Fetched, error)
}

// GitHub is Repos on the GitHub API: commits are materialised under Cache,
// one directory per commit. The client is made from Config on the first
// fetch, so that drills from local files never depend on GitHub's settings.
// Use it by pointer; it is safe for concurrent use.
type GitHub struct {
	// Config says how to reach the API and with which token.
	Config forge.Config
	// Cache is where commits are materialised; "" means the user cache
	// directory's exitdrill/github ($XDG_CACHE_HOME/exitdrill/github).
	Cache string

	once   sync.Once
	client *forge.Client
	err    error
}

// Fetch implements Repos. A wrong API URL is an *InvalidError.
func (g *GitHub) Fetch(ctx context.Context, spec forge.Spec) (forge.Fetched, error) {
	g.once.Do(func() {
		g.client, g.err = forge.New(g.Config)
		if g.err != nil {
			g.err = &InvalidError{Err: g.err}
		}
	})
	if g.err != nil {
		return forge.Fetched{}, g.err
	}
	cache := g.Cache
	if cache == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return forge.Fetched{}, fmt.Errorf("no cache directory for repository sources: %w", err)
		}
		cache = filepath.Join(base, "exitdrill", "github")
	}
	return g.client.Fetch(ctx, spec, cache)
}

// Resolve turns definition sources into local paths. Ordinary paths (and
// scenario ids) pass through unchanged; github:OWNER/REPO/PATH@REF is
// fetched with repos and replaced by its local path. The sources say what was
// given and, for a repository, the commit, so that the evidence can reproduce
// the drill. role ("catalog", "scenario") names the sources in errors. A
// malformed spec, or a repository source when repos is nil, is an
// *InvalidError.
func Resolve(ctx context.Context, role string, specs []string, repos Repos) (paths []string, sources []drill.Source, err error) {
	got, err := resolveSources(ctx, role, specs, repos)
	for _, r := range got {
		paths = append(paths, r.path)
		sources = append(sources, r.source)
	}
	return paths, sources, err
}

// resolved is a definition source made local: its path, the source as the
// evidence records it and, for a repository source, the local directory
// that stands for the repository's root at its commit.
type resolved struct {
	path   string
	source drill.Source
	root   string
}

// resolveSources is Resolve, keeping each repository source's local root.
func resolveSources(ctx context.Context, role string, specs []string, repos Repos) ([]resolved, error) {
	var out []resolved
	for _, spec := range specs {
		if !forge.IsSpec(spec) {
			out = append(out, resolved{path: spec, source: drill.Source{Role: role, Spec: spec}})
			continue
		}
		sp, err := forge.ParseSpec(spec)
		if err != nil {
			return nil, &InvalidError{Err: fmt.Errorf("%s source %w", role, err)}
		}
		if repos == nil {
			return nil, &InvalidError{Err: fmt.Errorf("%s source %q: repository sources cannot be read here; give a directory or file", role, spec)}
		}
		f, err := repos.Fetch(ctx, sp)
		if err != nil {
			var inv *InvalidError
			if errors.As(err, &inv) {
				return nil, err
			}
			return nil, fmt.Errorf("load %s from %s: %w", role, spec, err)
		}
		out = append(out, resolved{path: f.Path, source: drill.Source{Role: role, Spec: spec, Commit: f.Commit}, root: f.Root})
	}
	return out, nil
}

package forge

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/google/go-github/v60/github"
)

// Limits on a fetched repository archive, so that a wrong spec cannot fill
// the disk.
const (
	maxArchiveBytes = 512 << 20
	maxArchiveFiles = 100_000
)

// Fetched is a repository subtree materialised on disk.
type Fetched struct {
	// Path is the local file or directory that Spec.Path names.
	Path string
	// Commit is the full SHA the ref resolved to.
	Commit string
	// Root is the local directory that stands for the repository's root at
	// Commit: Path is Spec.Path below it. Only the directory that holds
	// Spec.Path is materialised under it.
	Root string
}

// Fetch resolves spec's ref to a commit and materialises the directory that
// holds spec.Path at that commit under cacheDir/OWNER/REPO/SHA, so that files
// a catalog names relative to itself (exit plans, exports) are there too. A commit already in the cache is not
// downloaded again: a commit never changes.
func (c *Client) Fetch(ctx context.Context, spec Spec, cacheDir string) (Fetched, error) {
	sha, err := c.ResolveCommit(ctx, spec.Owner, spec.Repo, spec.Ref)
	if err != nil {
		return Fetched{}, err
	}
	if len(sha) != 40 || strings.Trim(sha, "0123456789abcdef") != "" {
		return Fetched{}, fmt.Errorf("resolve %s: GitHub answered %q, not a commit SHA", spec, truncate(sha, 60))
	}
	root := filepath.Join(cacheDir, spec.Owner, spec.Repo, sha)
	if _, err := os.Stat(filepath.Join(root, ".complete")); err == nil {
		return checkLocal(spec, root, sha)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(root)+"", ".fetch-")
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(root), 0o755); err != nil {
			return Fetched{}, fmt.Errorf("cache directory: %w", err)
		}
		if tmp, err = os.MkdirTemp(filepath.Dir(root), ".fetch-"); err != nil {
			return Fetched{}, fmt.Errorf("cache directory: %w", err)
		}
	}
	defer os.RemoveAll(tmp)
	if err := c.downloadTree(ctx, spec, sha, tmp); err != nil {
		return Fetched{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), []byte(sha+"\n"), 0o644); err != nil {
		return Fetched{}, err
	}
	if err := os.Rename(tmp, root); err != nil && !errors.Is(err, os.ErrExist) {
		if _, statErr := os.Stat(filepath.Join(root, ".complete")); statErr != nil {
			return Fetched{}, fmt.Errorf("cache %s: %w", spec, err)
		} // another process cached the same commit first
	}
	return checkLocal(spec, root, sha)
}

func checkLocal(spec Spec, root, sha string) (Fetched, error) {
	local := filepath.Join(root, filepath.FromSlash(spec.Path))
	if _, err := os.Stat(local); err != nil {
		return Fetched{}, fmt.Errorf("%s: %q does not exist at commit %s", spec, spec.Path, sha)
	}
	return Fetched{Path: local, Commit: sha, Root: root}, nil
}

// downloadTree downloads the tarball of sha and extracts the part of it under
// the subtree's directory into dir.
func (c *Client) downloadTree(ctx context.Context, spec Spec, sha, dir string) error {
	op := "download " + spec.FullName() + "@" + short(sha)
	var link string
	err := c.call(ctx, op, "read the repository contents", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		link, resp, err = c.archiveLink(ctx, spec, sha)
		return resp, err
	})
	if err != nil {
		return err
	}
	var body io.ReadCloser
	err = c.call(ctx, op, "read the repository contents", func() (*github.Response, error) {
		var resp *github.Response
		var err error
		body, resp, err = c.openArchive(ctx, link)
		return resp, err
	})
	if err != nil {
		return err
	}
	defer body.Close()
	if err := extract(body, path.Dir(spec.Path), dir); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// archiveLink asks for the tarball and returns where it redirects to, without
// following: the archive host gets no token.
func (c *Client) archiveLink(ctx context.Context, spec Spec, sha string) (string, *github.Response, error) {
	req, err := c.gh.NewRequest(http.MethodGet, fmt.Sprintf("repos/%s/%s/tarball/%s", spec.Owner, spec.Repo, sha), nil)
	if err != nil {
		return "", nil, err
	}
	resp, err := c.raw.Do(req.WithContext(ctx))
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	gr := &github.Response{Response: resp}
	switch {
	case resp.StatusCode == http.StatusFound || resp.StatusCode == http.StatusTemporaryRedirect:
		loc, err := req.URL.Parse(resp.Header.Get("Location"))
		if err != nil || loc.String() == "" {
			return "", gr, fmt.Errorf("the tarball answer has no usable Location")
		}
		return loc.String(), gr, nil
	case resp.StatusCode == http.StatusOK:
		return req.URL.String(), gr, nil // served in place: fetch it again, with the token
	}
	return "", gr, github.CheckResponse(resp)
}

// openArchive opens the archive at link. The token goes only to the API's
// own host; an archive host gets a URL that carries its own authorisation.
func (c *Client) openArchive(ctx context.Context, link string) (io.ReadCloser, *github.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, nil, err
	}
	hc := http.DefaultClient
	if u, _ := url.Parse(c.base); u != nil && req.URL.Host == u.Host && strings.HasPrefix(req.URL.Path, u.Path) {
		hc = c.raw
	}
	resp, err := hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, nil, fmt.Errorf("download the archive: %w", ue.Err) // the URL may hold a temporary token
		}
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, &github.Response{Response: resp}, github.CheckResponse(resp)
	}
	return resp.Body, &github.Response{Response: resp}, nil
}

// extract writes the entries of a GitHub tarball (one top directory,
// OWNER-REPO-SHORTSHA/) that lie under keep ("." for all) into dir, keeping
// their repository paths.
func extract(r io.Reader, keep, dir string) error {
	zr, err := gzip.NewReader(io.LimitReader(r, maxArchiveBytes))
	if err != nil {
		return fmt.Errorf("not a gzip archive: %w", err)
	}
	tr := tar.NewReader(zr)
	files := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading the archive: %w", err)
		}
		_, rel, ok := strings.Cut(h.Name, "/")
		rel = strings.TrimSuffix(rel, "/")
		if !ok || rel == "" || path.Clean(rel) != rel || strings.HasPrefix(rel, "../") || rel == ".." || !under(rel, keep) {
			continue
		}
		if files++; files > maxArchiveFiles {
			return fmt.Errorf("more than %d files", maxArchiveFiles)
		}
		if err := writeEntry(tr, h, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			return err
		}
	}
}

// under reports whether p is dir or inside it ("." and "" are the root).
func under(p, dir string) bool {
	return dir == "" || dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

func writeEntry(tr *tar.Reader, h *tar.Header, dest string) error {
	switch h.Typeflag {
	case tar.TypeDir:
		return os.MkdirAll(dest, 0o755)
	case tar.TypeReg:
		if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if h.Mode&0o111 != 0 {
			mode = 0o755 // runbook scripts stay executable
		}
		f, err := os.OpenFile(dest, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, tr)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return nil // symlinks and others are skipped: they could point outside the cache
}

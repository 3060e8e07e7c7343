package fakegithub

import (
	"bytes"
	"fmt"
	"net/http"
	"os/exec"
	"sort"
	"strings"
	"time"
)

type repo struct {
	owner, name string
	dir         string // git repository, "" for one with issues only
	private     bool
	issues      []*issue
	labels      []*label
	nextID      int64
}

// AddRepo adds owner/name backed by the git repository at dir ("" for a
// repository that only has issues). The owner account is created as an
// organisation when it does not exist.
func (s *Server) AddRepo(owner, name, dir string, private bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.accounts[owner]; !ok {
		s.accounts[owner] = "Organization"
	}
	s.repos[owner+"/"+name] = &repo{owner: owner, name: name, dir: dir, private: private, nextID: 1000}
}

func (s *Server) repoJSON(r *repo) map[string]any {
	full := r.owner + "/" + r.name
	def := "main"
	if r.dir != "" {
		if out, err := git(r.dir, "symbolic-ref", "--short", "HEAD"); err == nil {
			def = strings.TrimSpace(out)
		}
	}
	return map[string]any{
		"id": len(full) * 7919, "node_id": "R_" + full, "name": r.name, "full_name": full, "private": r.private,
		"owner":          map[string]any{"login": r.owner, "type": s.accounts[r.owner]},
		"html_url":       s.htmlURL(full),
		"url":            s.Server.URL + "/repos/" + full,
		"clone_url":      s.Server.URL + "/_git/" + full + ".git",
		"default_branch": def, "archived": false, "fork": false, "visibility": map[bool]string{true: "private", false: "public"}[r.private],
	}
}

// lookup finds owner/name; a private repository is invisible without the
// token, as on GitHub (404, not 403).
func (s *Server) lookup(w http.ResponseWriter, r *http.Request) *repo {
	s.mu.Lock()
	rp := s.repos[r.PathValue("owner")+"/"+r.PathValue("repo")]
	s.mu.Unlock()
	if rp == nil || (rp.private && !s.authed(r)) {
		notFound(w)
		return nil
	}
	return rp
}

func (s *Server) authed(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	return s.Token != "" && (h == "Bearer "+s.Token || h == "token "+s.Token)
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	typ, ok := s.accounts[r.PathValue("login")]
	s.mu.Unlock()
	if !ok {
		notFound(w)
		return
	}
	login := r.PathValue("login")
	writeJSON(w, http.StatusOK, map[string]any{"login": login, "id": len(login) * 31, "type": typ, "html_url": s.htmlURL(login)})
}

func (s *Server) listRepos(org bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		login := r.PathValue("login")
		s.mu.Lock()
		typ, ok := s.accounts[login]
		var list []map[string]any
		var names []string
		for full, rp := range s.repos {
			if rp.owner == login && (!rp.private || s.authed(r)) {
				names = append(names, full)
			}
		}
		sort.Strings(names)
		s.mu.Unlock()
		if !ok || (org && typ != "Organization") {
			notFound(w)
			return
		}
		for _, n := range names {
			s.mu.Lock()
			rp := s.repos[n]
			s.mu.Unlock()
			list = append(list, s.repoJSON(rp))
		}
		page(s, w, r, list)
	}
}

func (s *Server) getRepo(w http.ResponseWriter, r *http.Request) {
	if rp := s.lookup(w, r); rp != nil {
		writeJSON(w, http.StatusOK, s.repoJSON(rp))
	}
}

func (s *Server) listBranches(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	out, err := git(rp.dir, "for-each-ref", "--sort=refname", "--format=%(refname:short) %(objectname)", "refs/heads")
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errBody(err.Error()))
		return
	}
	var list []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		name, sha, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		list = append(list, map[string]any{"name": name, "protected": false,
			"commit": map[string]any{"sha": sha, "url": s.Server.URL + "/repos/" + rp.owner + "/" + rp.name + "/commits/" + sha}})
	}
	page(s, w, r, list)
}

// resolve returns the commit a ref names, or "".
func resolve(dir, ref string) string {
	out, err := git(dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(out)
}

func (s *Server) getCommit(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	ref := r.PathValue("ref")
	sha := resolve(rp.dir, ref)
	if sha == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"message": "No commit found for SHA: " + ref, "documentation_url": "https://docs.github.com/rest/commits/commits#get-a-commit"})
		return
	}
	if strings.Contains(r.Header.Get("Accept"), ".sha") {
		w.Header().Set("Content-Type", "application/vnd.github.sha; charset=utf-8")
		w.Header().Set("ETag", `"`+sha+`"`)
		_, _ = w.Write([]byte(sha))
		return
	}
	c, err := commitJSON(rp.dir, sha)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errBody(err.Error()))
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func commitJSON(dir, sha string) (map[string]any, error) {
	out, err := git(dir, "show", "-s", "--format=%H%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%s", sha)
	if err != nil {
		return nil, err
	}
	f := strings.Split(strings.TrimSpace(out), "\x00")
	if len(f) < 8 {
		return nil, fmt.Errorf("git show %s: unexpected %q", sha, out)
	}
	person := func(name, email, date string) map[string]any {
		t, _ := time.Parse(time.RFC3339, date)
		return map[string]any{"name": name, "email": email, "date": t.UTC().Format(time.RFC3339)}
	}
	return map[string]any{"sha": f[0], "commit": map[string]any{
		"author": person(f[1], f[2], f[3]), "committer": person(f[4], f[5], f[6]), "message": f[7]}}, nil
}

// compare answers GET /repos/{o}/{r}/compare/BASE...HEAD: status, ahead_by
// (commits in head not in base), behind_by, and the commits of head not in
// base, oldest first, paginated.
func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	base, head, ok := strings.Cut(r.PathValue("basehead"), "...")
	bs, hs := resolve(rp.dir, base), resolve(rp.dir, head)
	if !ok || bs == "" || hs == "" {
		notFound(w)
		return
	}
	ahead, err1 := revList(rp.dir, bs+".."+hs)
	behind, err2 := revList(rp.dir, hs+".."+bs)
	if err1 != nil || err2 != nil {
		writeJSON(w, http.StatusInternalServerError, errBody("git rev-list failed"))
		return
	}
	status := "identical"
	switch {
	case len(ahead) > 0 && len(behind) > 0:
		status = "diverged"
	case len(ahead) > 0:
		status = "ahead"
	case len(behind) > 0:
		status = "behind"
	}
	var commits []map[string]any
	for _, sha := range ahead {
		c, err := commitJSON(rp.dir, sha)
		if err != nil {
			writeJSON(w, http.StatusInternalServerError, errBody(err.Error()))
			return
		}
		commits = append(commits, c)
	}
	// GitHub paginates the commits of a comparison; the other fields are the same on every page.
	rec := &captureWriter{header: w.Header()}
	page(s, rec, r, commits)
	if commits == nil {
		rec.body = []byte("[]")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, `{"status":%q,"ahead_by":%d,"behind_by":%d,"total_commits":%d,"commits":%s}`,
		status, len(ahead), len(behind), len(ahead), bytes.TrimSpace(rec.body))
}

type captureWriter struct {
	header http.Header
	body   []byte
}

func (c *captureWriter) Header() http.Header { return c.header }
func (c *captureWriter) Write(p []byte) (int, error) {
	c.body = append(c.body, p...)
	return len(p), nil
}
func (c *captureWriter) WriteHeader(int) {}

func revList(dir, rng string) ([]string, error) {
	out, err := git(dir, "rev-list", "--reverse", rng)
	if err != nil {
		return nil, err
	}
	return strings.Fields(out), nil
}

// tarball redirects to the archive host, as GitHub does (302 to codeload).
func (s *Server) tarball(w http.ResponseWriter, r *http.Request) {
	rp := s.lookup(w, r)
	if rp == nil {
		return
	}
	sha := resolve(rp.dir, r.PathValue("ref"))
	if sha == "" {
		notFound(w)
		return
	}
	loc := fmt.Sprintf("%s/_codeload/%s/%s/legacy.tar.gz/%s", s.Server.URL, rp.owner, rp.name, sha)
	if rp.private {
		loc += "?token=TEMPCODELOADTOKEN"
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

func (s *Server) codeload(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rp := s.repos[r.PathValue("owner")+"/"+r.PathValue("repo")]
	s.mu.Unlock()
	sha := r.PathValue("sha")
	if rp == nil || rp.dir == "" || resolve(rp.dir, sha) != sha || (rp.private && r.URL.Query().Get("token") == "") {
		http.NotFound(w, r)
		return
	}
	cmd := exec.Command("git", "-C", rp.dir, "archive", "--format=tar.gz", fmt.Sprintf("--prefix=%s-%s-%s/", rp.owner, rp.name, sha[:7]), sha)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	w.Header().Set("Content-Type", "application/x-gzip")
	if err := cmd.Run(); err != nil {
		http.Error(w, stderr.String(), http.StatusInternalServerError)
	}
}

func git(dir string, args ...string) (string, error) {
	if dir == "" {
		return "", fmt.Errorf("repository has no git data")
	}
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	return out.String(), nil
}

package fakegithub

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// page answers a list request with one page of items, as GitHub does:
// per_page (default 30, at most 100) and page (from 1), and a Link header
// with next, last, first and prev where they exist.
func page[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T) {
	q := r.URL.Query()
	per := s.PerPageDefault
	if v, err := strconv.Atoi(q.Get("per_page")); err == nil && v > 0 {
		per = v
	}
	if s.MaxPerPage > 0 {
		per = min(per, s.MaxPerPage)
	}
	n := 1
	if v, err := strconv.Atoi(q.Get("page")); err == nil && v > 0 {
		n = v
	}
	last := max((len(items)+per-1)/per, 1)
	var links []string
	link := func(p int, rel string) {
		u := *r.URL
		qq := u.Query()
		qq.Set("page", strconv.Itoa(p))
		qq.Set("per_page", strconv.Itoa(per))
		u.RawQuery = qq.Encode()
		links = append(links, fmt.Sprintf(`<%s%s>; rel="%s"`, s.Server.URL, (&url.URL{Path: u.Path, RawQuery: u.RawQuery}).String(), rel))
	}
	if n < last {
		link(n+1, "next")
		link(last, "last")
	}
	if n > 1 {
		link(1, "first")
		link(n-1, "prev")
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	from, to := min((n-1)*per, len(items)), min(n*per, len(items))
	out := items[from:to]
	if out == nil {
		out = []T{}
	}
	writeJSON(w, http.StatusOK, out)
}

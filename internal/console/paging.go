package console

import (
	"fmt"
	"net/url"
	"strconv"
)

// The console's long lists (drills, findings) are shown a page at a time,
// newest first, with links to the newer and older pages that keep the
// list's filters.

// pageNumber reads a list's page parameter: 1 when it is absent, else what
// is wrong with it in words.
func pageNumber(p string) (int, string) {
	if p == "" {
		return 1, ""
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 {
		return 1, fmt.Sprintf("Unknown page %q: pages are numbered from 1.", p)
	}
	return n, ""
}

// pageURL is page n of the list at path with the filters of q ("" values
// left out); the first page has no page parameter.
func pageURL(path string, q url.Values, n int) string {
	v := url.Values{}
	for k, vs := range q {
		if len(vs) > 0 && vs[0] != "" && k != "page" {
			v.Set(k, vs[0])
		}
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

package testkit

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// ParseHTML parses a page, failing the test when it is not HTML.
func ParseHTML(t testing.TB, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("not HTML: %v", err)
	}
	return doc
}

// Walk calls f for every element under n (n included), in document order.
func Walk(n *html.Node, f func(*html.Node)) {
	if n == nil {
		return
	}
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, f)
	}
}

// Elements are the elements under n with tag name tag, in document order.
func Elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	Walk(n, func(e *html.Node) {
		if e.Data == tag {
			out = append(out, e)
		}
	})
	return out
}

// Element is the first element under n with tag name tag, or nil.
func Element(n *html.Node, tag string) *html.Node {
	if all := Elements(n, tag); len(all) > 0 {
		return all[0]
	}
	return nil
}

// Attr is the value of an element's attribute, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Text is the text under n, its text nodes trimmed and joined by spaces.
func Text(n *html.Node) string {
	var parts []string
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			if s := strings.TrimSpace(n.Data); s != "" {
				parts = append(parts, s)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return strings.Join(parts, " ")
}

// ByID is the element under n with that id, or nil.
func ByID(n *html.Node, id string) *html.Node {
	var found *html.Node
	Walk(n, func(e *html.Node) {
		if found == nil && Attr(e, "id") == id {
			found = e
		}
	})
	return found
}

package console

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path"

	"github.com/exitdrill/exitdrill/reports"
)

func (c *Console) reportsPage(w http.ResponseWriter, r *http.Request, ss *session) {
	bs, err := c.bundles(c.o.Reports)
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "reports: "+err.Error())
		return
	}
	c.render(w, http.StatusOK, "reports", newView(ss, "Reports", "reports", bs))
}

// findBundle returns the bundle named in the path: only one the listing
// finds, so a name cannot leave the reports directory.
func (c *Console) findBundle(w http.ResponseWriter, r *http.Request, ss *session) (bundleInfo, bool) {
	name := r.PathValue("name")
	bs, err := c.bundles(c.o.Reports)
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "reports: "+err.Error())
		return bundleInfo{}, false
	}
	for _, b := range bs {
		if b.Name == name {
			return b, true
		}
	}
	c.fail(w, r, ss, http.StatusNotFound, "no evidence bundle "+name)
	return bundleInfo{}, false
}

// reportHTML renders a verified bundle's HTML report through the reports'
// format table, as exitdrill render does.
func (c *Console) reportHTML(w http.ResponseWriter, r *http.Request, ss *session) {
	b, ok := c.findBundle(w, r, ss)
	if !ok {
		return
	}
	if b.Bundle == nil {
		c.fail(w, r, ss, http.StatusConflict, "bundle "+b.Name+" does not verify: "+b.Reason)
		return
	}
	const format = "html"
	var buf bytes.Buffer
	rep, err := reports.New(b.Bundle)
	if err == nil {
		err = reports.Render(&buf, format, rep)
	}
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "render report: "+err.Error())
		return
	}
	f, _ := reports.FormatNamed(format)
	// The report is a standalone document with inline styles and no script.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
	w.Header().Set("Content-Type", f.ContentType)
	_, _ = w.Write(buf.Bytes())
}

// bundle streams the bundle directory as a gzip'd tar.
func (c *Console) bundle(w http.ResponseWriter, r *http.Request, ss *session) {
	b, ok := c.findBundle(w, r, ss)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/gzip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+path.Base(b.Name)+`.tar.gz"`)
	zw := gzip.NewWriter(w)
	tw := tar.NewWriter(zw)
	if err := tw.AddFS(os.DirFS(b.Dir)); err != nil {
		c.o.Logger.Error("console: bundle download", "bundle", b.Name, "error", err)
		return // the response has started: the broken archive tells the client
	}
	_ = tw.Close()
	_ = zw.Close()
}

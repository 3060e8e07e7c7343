package console

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path"
	"slices"
	"time"

	"github.com/exitdrill/exitdrill/reports"
)

// reportRow is a bundle on the reports page.
type reportRow struct {
	bundleInfo
	Scenario, Mode, Verdict string
	Finished                time.Time
	// SignedBy names the signer as the trusted keys file does; Trust is
	// trusted, untrusted or unsigned.
	SignedBy, Trust string
}

func (c *Console) reportsPage(w http.ResponseWriter, r *http.Request, ss *session) {
	bs, err := c.bundles(c.o.Reports)
	if err != nil {
		c.fail(w, r, ss, http.StatusInternalServerError, "reports: "+err.Error())
		return
	}
	rows := make([]reportRow, len(bs))
	for i, b := range bs {
		rows[i] = c.reportRow(b)
	}
	// Newest first; bundles that do not verify (no date) last, by name.
	slices.SortStableFunc(rows, func(a, b reportRow) int { return b.Finished.Compare(a.Finished) })
	c.render(w, http.StatusOK, "reports", newView(ss, "Reports", "reports", rows))
}

// reportRow reads what the reports page shows of a bundle.
func (c *Console) reportRow(b bundleInfo) reportRow {
	row := reportRow{bundleInfo: b}
	switch {
	case b.Signer == "":
		row.Trust = "unsigned"
	case c.o.Trusted != nil && c.o.Trusted.Has(b.Signer):
		row.Trust = "trusted"
		if row.SignedBy = c.o.Trusted.Name(b.Signer); row.SignedBy == "" {
			row.SignedBy = "a trusted key without a name"
		}
	default:
		row.Trust = "untrusted"
	}
	if b.Bundle == nil || b.Bundle.Result == nil {
		return row
	}
	res := b.Bundle.Result
	row.Scenario, row.Mode, row.Finished = res.Scenario.Title, res.Scenario.Mode, res.Finished
	if row.Scenario == "" {
		row.Scenario = res.Scenario.ID
	}
	switch {
	case res.Abort != nil:
		row.Verdict = "aborted"
	case res.ObjectivesMet:
		row.Verdict = "objectives-met"
	case res.Missed():
		row.Verdict = "objectives-missed"
	case len(res.Inconclusive()) > 0:
		row.Verdict = "inconclusive"
	default:
		row.Verdict = "unproven"
	}
	return row
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

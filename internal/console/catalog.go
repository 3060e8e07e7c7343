package console

import (
	"net/http"
	"time"

	"github.com/exitdrill/exitdrill/catalog"
)

type catalogData struct {
	C       *catalog.Catalog
	Apps    []appLine
	Paths   []pathLine
	Missing bool
}

// appLine is an application with the state of its exit plan.
type appLine struct {
	*catalog.Application
	ExitPlan string // none, current, review overdue
}

// pathLine is how losing a supplier reaches a process.
type pathLine struct {
	Supplier, Process string
	Paths             []string
}

// exitPlanWindow is how recent an exit plan's review must be to count as
// current (as the exit-plan check's default).
const exitPlanWindow = 365 * 24 * time.Hour

func (c *Console) catalogPage(w http.ResponseWriter, r *http.Request, ss *session) {
	d := catalogData{Missing: len(c.o.Catalog) == 0}
	if !d.Missing {
		cat, err := c.loadCatalog()
		if err != nil {
			c.fail(w, r, ss, http.StatusInternalServerError, "catalog: "+err.Error())
			return
		}
		d.C = cat
		now := c.o.Now()
		for _, a := range cat.Applications {
			st := "none"
			if a.ExitPlan != nil {
				st = "current"
				if now.Sub(a.ExitPlan.Reviewed.Time) > exitPlanWindow {
					st = "review overdue"
				}
			}
			d.Apps = append(d.Apps, appLine{Application: a, ExitPlan: st})
		}
		for _, s := range cat.Suppliers {
			im := cat.Impact(catalog.Loss{Suppliers: []string{s.ID}})
			for _, pi := range im.Processes {
				pl := pathLine{Supplier: s.ID, Process: pi.Process.ID}
				for _, p := range pi.Paths {
					pl.Paths = append(pl.Paths, p.String())
				}
				d.Paths = append(d.Paths, pl)
			}
		}
	}
	c.render(w, http.StatusOK, "catalog", newView(ss, "Catalog", "catalog", d))
}

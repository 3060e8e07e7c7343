package console

import (
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// reviews are the after-action reviews of the counted bundles that verify
// and are signed by a trusted key; the others are logged and left out.
func (c *Console) reviews(ct countedBundles) map[*evidence.Bundle]*evidence.Review {
	trusted := c.o.Trusted
	if trusted == nil {
		trusted = &recorder.Trusted{From: "no trusted keys configured"}
	}
	reviews, problems := recorder.LoadReviews(c.o.Reports, ct.Names, trusted)
	for _, p := range problems {
		c.o.Logger.Warn("console: review left out of readiness", "problem", p)
	}
	return reviews
}

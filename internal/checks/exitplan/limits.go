package exitplan

import (
	"context"
	"github.com/exitdrill/exitdrill/internal/boundedio"
	"io"

	"github.com/exitdrill/exitdrill/drill"
)

// Default read limits (drill.ReadLimits; README "Security model").
const (
	defaultPlanBytes   = 8 << 20
	defaultRecordBytes = 16 << 20
	defaultExportBytes = 4 << 30
)

// limits are an exit plan's read limits with the defaults filled in.
type limits struct{ plan, record, export int64 }

func limitsOf(ep *drill.ExitPlan) limits {
	l := limits{defaultPlanBytes, defaultRecordBytes, defaultExportBytes}
	if ep == nil || ep.Limits == nil {
		return l
	}
	for _, v := range []struct {
		dst *int64
		set int64
	}{{&l.plan, ep.Limits.PlanBytes}, {&l.record, ep.Limits.RecordBytes}, {&l.export, ep.Limits.ExportBytes}} {
		if v.set > 0 {
			*v.dst = v.set
		}
	}
	return l
}

// source is one export, read through bounds: only a regular file, at most
// limits.export bytes per pass, at most limits.record bytes of one record or
// token, while the step's context lasts.
type source struct {
	ctx  context.Context
	file string
	lim  limits
	b    *boundedio.Bounded // of the pass in progress
}

// open opens the export for one pass of a parser.
func (s *source) open() (io.ReadCloser, error) {
	f, _, err := boundedio.OpenRegular(s.file)
	if err != nil {
		return nil, err
	}
	return readCloser{s.bound(f), f}, nil
}

// openWhole opens the export for a pass over its bytes that parses nothing
// (its hash): bounded in total, not per record.
func (s *source) openWhole() (io.ReadCloser, error) {
	f, _, err := boundedio.OpenRegular(s.file)
	if err != nil {
		return nil, err
	}
	b := s.bound(f)
	b.Window = nil
	return readCloser{b, f}, nil
}

// bound wraps r, one pass over the export's bytes (or over a member of an
// ods archive, decompressed).
func (s *source) bound(r io.Reader) *boundedio.Bounded {
	s.b = &boundedio.Bounded{Ctx: s.ctx, R: r,
		Total:  &boundedio.TooLargeError{What: "the export", Limit: s.lim.export, Setting: "exitPlan.limits.exportBytes"},
		Window: &boundedio.TooLargeError{What: "one record, line or token of the export", Limit: s.lim.record, Setting: "exitPlan.limits.recordBytes"}}
	return s.b
}

// progress says a record or token was parsed.
func (s *source) progress() {
	if s.b != nil {
		s.b.Progress()
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}

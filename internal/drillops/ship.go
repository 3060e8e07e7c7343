package drillops

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// shipFiles puts in the stamps of plan (stamped by stampFiles) the content
// of the files its steps read, step by step in the plan's order, so that a
// worker that cannot see the catalog still runs them (see drill.ShipBudget
// and drill.Ships: exit plan checks and commands, never backups):
// a step's files are shipped only all together, each a regular file of at
// most drill.ShipFileLimit bytes read again here with the hash of its stamp,
// and only while the plan's budget lasts. A step that reads a directory (a
// backup), a large file or one that changed since it was stamped ships
// nothing: its files stay named by path. It returns the shipped bytes (as
// they travel); its error is only ctx's.
func shipFiles(ctx context.Context, plan *drill.Plan) (int64, error) {
	var used int64
	read := map[string][]byte{} // path → content, nil when not shippable
	for _, p := range plan.Processes {
		for _, steps := range [][]*drill.StepPlan{p.Steps, p.Rollback} {
			for _, s := range steps {
				contents, cost, err := stepContents(ctx, s, read)
				if err != nil {
					return used, err
				}
				if contents == nil || used+cost > drill.ShipBudget {
					continue
				}
				used += cost
				for i := range s.Files {
					s.Files[i].Shipped, s.Files[i].Content = true, contents[i]
				}
			}
		}
	}
	return used, nil
}

// stepContents returns the content of each file step s reads and what they
// cost in the plan, or nil when one of them cannot be shipped. read caches
// what was read for earlier steps.
func stepContents(ctx context.Context, s *drill.StepPlan, read map[string][]byte) ([][]byte, int64, error) {
	if len(s.Files) == 0 || !drill.Ships(s.Kind) {
		return nil, 0, nil
	}
	var cost int64
	out := make([][]byte, len(s.Files))
	for i, f := range s.Files {
		if f.Kind != drill.FileRegular || f.SHA256 == "" || f.Size > drill.ShipFileLimit {
			return nil, 0, nil
		}
		data, ok := read[f.Path]
		if !ok {
			var err error
			if data, err = shippable(ctx, f); err != nil {
				return nil, 0, err
			}
			read[f.Path] = data
		}
		if data == nil {
			return nil, 0, nil
		}
		out[i] = data
		cost += drill.ShippedSize(int64(len(data)))
	}
	return out, cost, nil
}

// shippable reads the file of stamp f, bounded by drill.ShipFileLimit, and
// returns its content when it still holds the stamped bytes, else nil (it
// changed or vanished since it was stamped: the worker's check says so).
// Its error is only ctx's.
func shippable(ctx context.Context, f drill.FileStamp) ([]byte, error) {
	data, err := boundedio.ReadAllRegular(ctx, f.Path, drill.ShipFileLimit, "file to ship", "")
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, nil
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.SHA256 {
		return nil, nil
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

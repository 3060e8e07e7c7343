package drillops

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/yamldoc"
	"github.com/exitdrill/exitdrill/scenarios"
)

// load reads the catalog from its directories or files and resolves the
// scenario (an id or a file: see scenarios.Resolve) against it. Mistakes in the definitions
// come back as a *yamldoc.Invalid naming the file, the key and what is
// allowed.
func load(catalogs []string, scenarioRef string) (*catalog.Catalog, *scenarios.Scenario, error) {
	fsys := yamldoc.OSFS{}
	c, err := catalog.Load(fsys, catalogs...)
	if err != nil {
		return nil, nil, err
	}
	sc, err := scenarios.Resolve(fsys, scenarioRef, c)
	if err != nil {
		return nil, nil, err
	}
	var errs yamldoc.List
	scenarios.Check(sc, c, &errs)
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	return c, sc, nil
}

// input is the input of a drill of plan: the plan, where its definitions
// came from and the files themselves, and where its evidence goes (out, or a
// directory named after the drill under reports; made absolute, since the
// worker writes it).
func input(plan *drill.Plan, c *catalog.Catalog, sc *scenarios.Scenario, scenarioRef, out, reports string, sources []drill.Source) (drill.DrillInput, error) {
	defs, err := definitions(c, sc, scenarioRef)
	if err != nil {
		return drill.DrillInput{}, err
	}
	in := drill.DrillInput{Plan: plan, Definitions: defs, Sources: sources}
	for dst, p := range map[*string]string{&in.Evidence.Dir: out, &in.Evidence.Root: reports} {
		if p == "" {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return drill.DrillInput{}, err
		}
		*dst = abs
	}
	if dir := evidenceDir(in.Evidence, plan.DrillID); dir != "" {
		if _, err := os.Lstat(dir); err == nil {
			return drill.DrillInput{}, &InvalidError{Err: fmt.Errorf("evidence bundle %s already exists: a bundle is never overwritten; give the drill another id (--id) or another -o/--output", dir)}
		}
	}
	return in, nil
}

// Limits of who starts a drill and why: user text that goes into the
// evidence and the reports' headers.
const (
	// MaxNote is the most characters a drill's note may have.
	MaxNote = 1000
	// MaxStartedBy is the most characters of who started a drill.
	MaxStartedBy = 200
)

// SetStarter records in in who starts the drill and why, after checking
// them: valid UTF-8, at most MaxStartedBy and MaxNote characters, no control
// characters (the note may have newlines and tabs; a CR LF, as browsers send
// a textarea's lines, becomes a newline). Surrounding space is trimmed. The
// errors say what is wrong without quoting the text.
func SetStarter(in *drill.DrillInput, startedBy, note string) error {
	startedBy = strings.TrimSpace(startedBy)
	note = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(note, "\r\n", "\n"), "\r", "\n"))
	if err := checkText("the actor", startedBy, MaxStartedBy, false); err != nil {
		return err
	}
	if err := checkText("the note", note, MaxNote, true); err != nil {
		return err
	}
	in.StartedBy, in.Note = startedBy, note
	return nil
}

// checkText checks user text (see drill.CheckText).
func checkText(what, s string, limit int, lines bool) error {
	return drill.CheckText(what, s, limit, lines)
}

// definitions gathers the files a drill is planned from, for its evidence:
// every catalog file read (under catalog/, relative to their common
// directory) and the scenario (its file, or a built-in scenario as YAML).
func definitions(c *catalog.Catalog, sc *scenarios.Scenario, scenarioRef string) ([]byte, error) {
	var defs []evidence.Definition
	base := commonDir(c.Files)
	for _, f := range c.Files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("evidence: read definition: %w", err)
		}
		rel, err := filepath.Rel(base, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Base(f)
		}
		defs = append(defs, evidence.Definition{Path: "catalog/" + filepath.ToSlash(rel), Data: data})
	}
	if !sc.Builtin && sc.Src.Pos.File != "" {
		data, err := os.ReadFile(sc.Src.Pos.File)
		if err != nil {
			return nil, fmt.Errorf("evidence: read scenario: %w", err)
		}
		defs = append(defs, evidence.Definition{Path: "scenario/" + filepath.Base(sc.Src.Pos.File), Data: data})
	} else {
		data, err := yaml.Marshal(sc)
		if err != nil {
			return nil, fmt.Errorf("evidence: scenario %s: %w", sc.ID, err)
		}
		defs = append(defs, evidence.Definition{Path: "scenario/" + sc.ID + ".yaml", Data: data})
	}
	return evidence.Pack(defs)
}

// commonDir is the deepest directory holding every file.
func commonDir(files []string) string {
	if len(files) == 0 {
		return "."
	}
	dir := filepath.Dir(files[0])
	for _, f := range files[1:] {
		for !strings.HasPrefix(filepath.Dir(f)+string(filepath.Separator), dir+string(filepath.Separator)) && dir != filepath.Dir(dir) {
			dir = filepath.Dir(dir)
		}
	}
	return dir
}

// evidenceDir is where the bundle of drill id goes: the explicit directory,
// or one named after the drill under the reports; "" when neither is set.
func evidenceDir(e drill.EvidenceOptions, id string) string {
	if e.Dir == "" && e.Root != "" {
		return filepath.Join(e.Root, id)
	}
	return e.Dir
}

package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/scenarios"
)

// definitions gathers the files a drill is planned from, for its evidence:
// every catalog file read (under catalog/, relative to their common
// directory) and the scenario (its file, or a library scenario as YAML).
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
	if scenarios.Find(scenarioRef) == nil && sc.Src.Pos.File != "" {
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

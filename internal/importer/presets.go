package importer

import (
	"context"
	"strings"
)

// Preset is a source format an import knows without a mapping.
type Preset struct {
	Name string
	// Help says in one line what the preset reads.
	Help string
	Read func(ctx context.Context, paths []string, opt Options) (*Result, error)
}

// Presets are the presets, declared once: the command's flag, its help and
// its errors read this table.
var Presets = []Preset{
	{Name: "cmdb-csv", Help: "ServiceNow or TOPdesk CSV exports of business applications (name, vendor, depends on) and of relationships (Parent, Type, Child)", Read: CMDB},
	{Name: "dora-roi", Help: "the DORA register of information, as an xBRL-CSV report package (.zip) or the Excel template (.xlsx)", Read: DORAROI},
}

// FindPreset returns the preset called name.
func FindPreset(name string) (Preset, bool) {
	for _, p := range Presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// PresetNames lists the presets' names, for messages.
func PresetNames() string {
	names := make([]string, len(Presets))
	for i, p := range Presets {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

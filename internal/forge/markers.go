package forge

import (
	"fmt"
	"regexp"
	"strings"
)

// Markers are HTML comments in an issue's body or a comment: invisible on
// GitHub, and how exitdrill finds its own issues again. A finding's marker
// holds its fingerprint and scope (the scenario, by default), so a later
// drill updates the issue instead of opening another.
var (
	findingMarker  = regexp.MustCompile(`<!-- exitdrill:finding fingerprint=([0-9A-Za-z_-]+) scope=(\S*) -->`)
	trackingMarker = regexp.MustCompile(`<!-- exitdrill:tracking scope=(\S*) -->`)
	reportMarker   = regexp.MustCompile(`<!-- exitdrill:report drill=(\S+) -->`)
)

// key identifies a finding's issue: scope and fingerprint.
type key struct{ scope, fingerprint string }

func findingMarkerText(k key) string {
	return fmt.Sprintf("<!-- exitdrill:finding fingerprint=%s scope=%s -->", k.fingerprint, k.scope)
}

func trackingMarkerText(scope string) string {
	return fmt.Sprintf("<!-- exitdrill:tracking scope=%s -->", scope)
}

func reportMarkerText(drill string) string {
	return fmt.Sprintf("<!-- exitdrill:report drill=%s -->", drill)
}

// parseFinding returns the key in body's finding marker.
func parseFinding(body string) (key, bool) {
	m := findingMarker.FindStringSubmatch(body)
	if m == nil {
		return key{}, false
	}
	return key{scope: m[2], fingerprint: m[1]}, true
}

func parseTracking(body string) (string, bool) {
	m := trackingMarker.FindStringSubmatch(body)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func hasReport(body, drill string) bool {
	for _, m := range reportMarker.FindAllStringSubmatch(body, -1) {
		if m[1] == drill {
			return true
		}
	}
	return false
}

// markerSafe makes s usable inside a marker: no spaces, no "--".
func markerSafe(s string) string {
	s = strings.Join(strings.Fields(s), "_")
	return strings.ReplaceAll(s, "--", "-")
}

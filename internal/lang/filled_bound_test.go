package lang

import (
	"strings"
	"testing"
	"time"
)

// TestFilledHostileTextIsBounded: a reason is partly what a tool or a
// provider said; however long and however joined, translating it takes
// little time, and a text too long to be a template's is shown as it is.
func TestFilledHostileTextIsBounded(t *testing.T) {
	p := Dutch.Printer()
	for name, text := range map[string]string{
		"joined parts, at the limit": strings.Repeat("a; also not covered: ", maxFilled/21),
		"joined parts, past it":      strings.Repeat("a; also not covered: ", 5000),
		"many parts":                 strings.Repeat("exit code 1; ", 20000),
		"one long part":              strings.Repeat("x", 1<<20),
	} {
		start := time.Now()
		out := p.Filled(text)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s (%d bytes): Filled took %s", name, len(text), took)
		}
		if len(text) > maxFilled && out != text {
			t.Errorf("%s (%d bytes): a text past the limit was changed", name, len(text))
		}
	}
	if got := p.Filled("exit code 3"); got != "afsluitcode 3" {
		t.Errorf("Filled(exit code 3) = %q: texts within the limit are still translated", got)
	}
}

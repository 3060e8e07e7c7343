package searchattr

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// TestSuppliersValueFits: a scenario that loses hundreds of suppliers still
// starts (the server refuses a value over 2 KB), its value says that more
// were lost, and one that loses a few carries them all.
func TestSuppliersValueFits(t *testing.T) {
	few := []string{"microsoft", "kpn"}
	if got := SuppliersValue(few); !slices.Equal(got, few) {
		t.Errorf("SuppliersValue(%v) = %v, want them all", few, got)
	}
	var many []string
	for i := range 750 {
		many = append(many, fmt.Sprintf("vendor-%03d", i))
	}
	got := SuppliersValue(many)
	b, _ := json.Marshal(got)
	if len(b) > 2048 || got[len(got)-1] != MoreSuppliers || !slices.Equal(got[:len(got)-1], many[:len(got)-1]) {
		t.Errorf("SuppliersValue of 750 suppliers: %d bytes, ends %q; want at most 2,048 bytes, the first ids and %q", len(b), got[len(got)-1], MoreSuppliers)
	}
}

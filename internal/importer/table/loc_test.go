package table

import "testing"

func TestColumnNames(t *testing.T) {
	for i, want := range map[int]string{0: "A", 7: "H", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
		if got, ok := ColumnIndex(want); !ok || got != i {
			t.Errorf("ColumnIndex(%q) = %d, %v; want %d", want, got, ok, i)
		}
	}
	for loc, want := range map[Loc]string{
		{File: "roi.xlsx", Sheet: "B_06.01", Row: 12, Col: 5}: "roi.xlsx!B_06.01!F12",
		{File: "apps.csv", Row: 7, Col: 2}:                    "apps.csv!C7",
		{File: "apps.csv", Row: 7, Col: -1}:                   "apps.csv row 7",
		{File: "roi.zip", Sheet: "reports/b_05.01.csv"}:       "roi.zip!reports/b_05.01.csv",
	} {
		if got := loc.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", loc, got, want)
		}
	}
}

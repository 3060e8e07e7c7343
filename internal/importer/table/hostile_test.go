package table

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"strings"
	"testing"
)

// TestHostileInput: what would exhaust memory or time is refused with a
// message that says which limit, at the place it was hit.
func TestHostileInput(t *testing.T) {
	tests := []struct {
		name string
		read func() error
		want string
	}{
		{"a member that declares a terabyte", func() error {
			_, err := OpenZip("bomb.zip", rawZip(t, "reports/b_05.01.csv", 1<<40, []byte("c0010\n")), Limits{})
			return err
		}, "bomb.zip!reports/b_05.01.csv: the member decompresses to 1024 GiB, more than the limit of 64 MiB (a zip bomb?)"},
		{"a member that inflates past what it declares", func() error {
			z, err := OpenZip("liar.zip", rawZip(t, "reports/b_05.01.csv", 100, bytes.Repeat([]byte{'0'}, 10<<20)), Limits{})
			if err != nil {
				return err
			}
			_, err = z.Read("reports/b_05.01.csv")
			return err
		}, "liar.zip!reports/b_05.01.csv: cannot read the member: zip: not a valid zip file"},
		{"members that add up", func() error {
			files := map[string]int{}
			for _, n := range []string{"a", "b", "c", "d", "e"} {
				files[n] = 60 << 20
			}
			_, err := OpenZip("many.zip", declaredZip(t, files), Limits{})
			return err
		}, "many.zip: the members decompress to more than 256 MiB, the limit (a zip bomb?)"},
		{"too many members", func() error {
			files := map[string]int{}
			for i := range 2001 {
				files["m"+itoa(i)] = 1
			}
			_, err := OpenZip("wide.zip", declaredZip(t, files), Limits{})
			return err
		}, "wide.zip: the archive has 2001 members, more than the limit of 2000"},
		{"an XLSX workbook that is a zip bomb", func() error {
			_, err := OpenXLSX("roi.xlsx", rawZip(t, "xl/worksheets/sheet1.xml", 1<<36, []byte("<x/>")), Limits{})
			return err
		}, "roi.xlsx!xl/worksheets/sheet1.xml: the member decompresses to 64 GiB, more than the limit of 64 MiB (a zip bomb?)"},
		{"a huge CSV field", func() error {
			_, err := ReadCSV("cmdb.csv", "", []byte("Name,Vendor\nA,"+strings.Repeat("x", 65<<10)+"\n"), Limits{})
			return err
		}, "cmdb.csv!B2: cell is larger than 64 KiB, the limit of one cell"},
		{"a huge quoted CSV field spanning lines", func() error {
			_, err := ReadCSV("cmdb.csv", "", []byte("Name\n\""+strings.Repeat("x\n", 40<<10)+"\"\n"), Limits{})
			return err
		}, "cmdb.csv!A2: cell is larger than 64 KiB, the limit of one cell"},
		{"too many rows", func() error {
			_, err := ReadCSV("cmdb.csv", "", []byte("Name\n"+strings.Repeat("a\n", 200_000)), Limits{})
			return err
		}, "cmdb.csv row 200001: more than 200000 rows, the limit of one sheet or CSV file"},
		{"too many columns", func() error {
			_, err := ReadCSV("cmdb.csv", "", []byte(strings.Repeat("a,", 600)+"\n"), Limits{})
			return err
		}, "cmdb.csv row 1: more than 512 columns, the limit of one row"},
		{"a file larger than the limit", func() error {
			_, err := ReadCSV("big.csv", "", make([]byte, 2048), Limits{FileBytes: 1024})
			return err
		}, "big.csv: file is larger than the limit of 1 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read()
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// rawZip makes a zip of one deflated member whose header declares size
// bytes, whatever data really inflates to.
func rawZip(t *testing.T, name string, size uint64, data []byte) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(data)
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// declaredZip makes a zip of stored members that declare the given sizes
// (and hold nothing: only the declarations are read before refusing).
func declaredZip(t *testing.T, files map[string]int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, size := range files {
		if _, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: uint64(size)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

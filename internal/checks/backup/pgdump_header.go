package backup

import (
	"errors"
	"fmt"
	"time"
)

// dumpHeader is the header of a pg_dump archive (custom format, or the
// toc.dat of the directory format), as pg_backup_archiver.c writes it.
type dumpHeader struct {
	version     string // archive format version, "1.14"
	format      byte   // 1 custom, 5 directory
	created     time.Time
	dbname      string
	dumpVersion string // the pg_dump that wrote it
}

var errNotDump = errors.New("not a pg_dump archive")

// Archive format versions that changed the header.
const (
	dumpV17  = 1<<16 | 7<<8  // offset size byte
	dumpV14  = 1<<16 | 4<<8  // compression as an int, creation time
	dumpV110 = 1<<16 | 10<<8 // server and pg_dump versions
	dumpV115 = 1<<16 | 15<<8 // compression algorithm as a byte
)

// parseDumpHeader reads the header. The creation time is stored as the dump
// machine's local broken-down time without a zone; it is read in the
// worker's time zone (a dump made in another zone is off by the difference).
func parseDumpHeader(b []byte) (*dumpHeader, error) {
	if len(b) < 11 || string(b[:5]) != "PGDMP" {
		return nil, errNotDump
	}
	r := &headerReader{b: b, off: 5}
	vmaj, vmin, vrev := r.byte(), r.byte(), r.byte()
	v := int(vmaj)<<16 | int(vmin)<<8 | int(vrev)
	h := &dumpHeader{version: fmt.Sprintf("%d.%d", vmaj, vmin)}
	r.intSize = int(r.byte())
	if v >= dumpV17 {
		r.byte() // offset size
	}
	h.format = r.byte()
	if h.format != 1 && h.format != 5 {
		return nil, fmt.Errorf("unsupported pg_dump archive format %d", h.format)
	}
	switch {
	case v >= dumpV115:
		r.byte()
	case v >= dumpV14:
		r.int()
	default:
		return nil, fmt.Errorf("pg_dump archive version %s has no creation time", h.version)
	}
	var tm [7]int // sec, min, hour, mday, mon, year, isdst
	for i := range tm {
		tm[i] = r.int()
	}
	h.dbname = r.str()
	if v >= dumpV110 {
		r.str() // the server's version
		h.dumpVersion = r.str()
	}
	if r.err != nil {
		return nil, r.err
	}
	h.created = time.Date(tm[5]+1900, time.Month(tm[4]+1), tm[3], tm[2], tm[1], tm[0], 0, time.Local)
	return h, nil
}

// headerReader reads pg_dump's header encoding: an int is a sign byte and
// intSize little-endian bytes, a string an int length and the bytes.
type headerReader struct {
	b       []byte
	off     int
	intSize int
	err     error
}

func (r *headerReader) byte() byte {
	if r.off >= len(r.b) {
		r.err = errors.New("pg_dump header is truncated")
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *headerReader) int() int {
	if r.intSize < 1 || r.intSize > 8 {
		r.err = fmt.Errorf("pg_dump header has integer size %d", r.intSize)
		return 0
	}
	neg := r.byte() != 0
	v := 0
	for i := 0; i < r.intSize; i++ {
		v |= int(r.byte()) << (8 * i)
	}
	if neg {
		return -v
	}
	return v
}

func (r *headerReader) str() string {
	n := r.int()
	if n <= 0 || r.err != nil {
		return ""
	}
	if r.off+n > len(r.b) {
		r.err = errors.New("pg_dump header is truncated")
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

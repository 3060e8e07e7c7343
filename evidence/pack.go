package evidence

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"time"
)

// maxDefinitions bounds the unpacked size of a definitions archive.
const maxDefinitions = 64 << 20

// Pack puts definition files into one gzip'd tar, small enough to travel in
// a workflow's input. The archive is deterministic (no times, no owners).
func Pack(defs []Definition) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, d := range defs {
		hdr := &tar.Header{Name: d.Path, Mode: 0o644, Size: int64(len(d.Data)), ModTime: time.Unix(0, 0).UTC(), Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, fmt.Errorf("pack definitions: %s: %w", d.Path, err)
		}
		if _, err := tw.Write(d.Data); err != nil {
			return nil, fmt.Errorf("pack definitions: %s: %w", d.Path, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Unpack reads an archive made by Pack. An empty archive is no definitions.
func Unpack(data []byte) ([]Definition, error) {
	if len(data) == 0 {
		return nil, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("unpack definitions: %w", err)
	}
	tr := tar.NewReader(io.LimitReader(zr, maxDefinitions))
	var out []Definition
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("unpack definitions: %w", err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("unpack definitions: %s: %w", hdr.Name, err)
		}
		out = append(out, Definition{Path: hdr.Name, Data: data})
	}
}

package recorder

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/exitdrill/exitdrill/evidence"
	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// maxStartedLine bounds how much of an existing journal is read to learn
// which drill it records: its first line, the drill.started event.
const maxStartedLine = 1 << 20

// ErrOtherDrill is returned when the directory a bundle is to be written to
// already holds the bundle of another drill: evidence is never overwritten.
var ErrOtherDrill = errors.New("holds the evidence of another drill")

// checkSameDrill allows writing files as the bundle in dir only when dir does
// not exist or holds a bundle of the same drill — the same drill.started
// event, first line of the journal: the drill's own bundle written again
// after a retried activity, or rebuilt by `exitdrill report`. Anything else
// in dir (another drill's bundle, a bundle whose journal cannot be read,
// other files) is kept and the write refused.
func checkSameDrill(dir string, files evidence.Files) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	want := firstLine(bytes.NewReader(files[evidence.JournalFile]))
	f, _, err := boundedio.OpenRegular(filepath.Join(dir, evidence.JournalFile)) // a FIFO there must not block the activity
	if err != nil {
		return fmt.Errorf("evidence bundle %s: the directory exists and is not a bundle of this drill (%v); a bundle is never overwritten: give the drill another id or move the directory", dir, err)
	}
	defer f.Close()
	if got := firstLine(f); got == nil || !bytes.Equal(got, want) {
		return fmt.Errorf("evidence bundle %s: %w; a bundle is never overwritten: give the drill another id or move the directory", dir, ErrOtherDrill)
	}
	return nil
}

// firstLine is r's first line without its newline, nil when no newline comes
// within maxStartedLine bytes.
func firstLine(r io.Reader) []byte {
	line, err := bufio.NewReader(io.LimitReader(r, maxStartedLine)).ReadBytes('\n')
	if err != nil {
		return nil
	}
	return bytes.TrimSuffix(line, []byte("\n"))
}

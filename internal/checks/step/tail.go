package step

import (
	"bytes"
	"fmt"
	"sync"
)

// TailBuffer keeps the last bytes written to it, up to its cap, and says how
// much it dropped: a program's errors come at the end of its output. Make one
// with NewTailBuffer; it is safe for concurrent writes.
type TailBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	max     int
	dropped int
}

// NewTailBuffer returns a TailBuffer keeping the last max bytes.
func NewTailBuffer(max int) *TailBuffer { return &TailBuffer{max: max} }

// Write keeps p, dropping the oldest bytes beyond the cap.
func (t *TailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.dropped += over
		rest := append([]byte(nil), t.buf.Bytes()[over:]...)
		t.buf.Reset()
		t.buf.Write(rest)
	}
	return len(p), nil
}

// String returns what is kept, after a line saying how much was dropped.
func (t *TailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dropped > 0 {
		return fmt.Sprintf("[%d bytes of earlier output dropped]\n%s", t.dropped, t.buf.String())
	}
	return t.buf.String()
}

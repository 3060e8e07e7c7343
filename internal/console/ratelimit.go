package console

import (
	"sync"
	"time"
)

// limiter bounds sign-in attempts per client address: at most burst attempts,
// refilled at one per every. It keeps one bucket per address and forgets full
// ones.
type limiter struct {
	mu    sync.Mutex
	burst float64
	every time.Duration
	now   func() time.Time
	b     map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(burst int, every time.Duration, now func() time.Time) *limiter {
	return &limiter{burst: float64(burst), every: every, now: now, b: map[string]*bucket{}}
}

// allow takes a token for key and says whether one was there; when not, it
// also returns how long until the next one.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.b) > 10_000 { // bound memory: forget buckets that have refilled
		for k, v := range l.b {
			if l.refill(v, now) >= l.burst {
				delete(l.b, k)
			}
		}
	}
	bk := l.b[key]
	if bk == nil {
		bk = &bucket{tokens: l.burst, last: now}
		l.b[key] = bk
	}
	bk.tokens = l.refill(bk, now)
	bk.last = now
	if bk.tokens < 1 {
		return false, time.Duration((1 - bk.tokens) * float64(l.every))
	}
	bk.tokens--
	return true, 0
}

func (l *limiter) refill(bk *bucket, now time.Time) float64 {
	return min(l.burst, bk.tokens+float64(now.Sub(bk.last))/float64(l.every))
}

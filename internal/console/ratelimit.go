package console

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxBuckets is how many addresses the limiter holds before it forgets those
// whose bucket has refilled: it bounds the memory an attacker can make it use.
const maxBuckets = 10_000

// limiter bounds sign-in attempts per client address: a token bucket per
// address (golang.org/x/time/rate) allows burst attempts, refilled at one per
// every. now is the clock, so tests can move time.
type limiter struct {
	mu    sync.Mutex
	burst int
	limit rate.Limit
	now   func() time.Time
	b     map[string]*rate.Limiter
}

func newLimiter(burst int, every time.Duration, now func() time.Time) *limiter {
	return &limiter{burst: burst, limit: rate.Every(every), now: now, b: map[string]*rate.Limiter{}}
}

// allow takes a token for key and says whether one was there; when not, it
// also returns how long until the next one.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.b) > maxBuckets {
		for k, v := range l.b {
			if v.TokensAt(now) >= float64(l.burst) {
				delete(l.b, k)
			}
		}
	}
	lim := l.b[key]
	if lim == nil {
		lim = rate.NewLimiter(l.limit, l.burst)
		l.b[key] = lim
	}
	r := lim.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now) // a refused attempt takes no token
		return false, wait
	}
	return true, 0
}

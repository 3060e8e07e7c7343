package testkit

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// MaxRSS is the most resident memory a fuzz target's process may ever have
// used (issue 16: every reader stays under 512 MB on any input).
const MaxRSS = 512 << 20

// PeakRSS returns this process's peak resident set size (VmHWM), in bytes; 0
// when the kernel does not say.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// CheckPeakRSS fails t when the process's peak resident memory passed
// MaxRSS.
func CheckPeakRSS(t testing.TB) {
	t.Helper()
	if rss := PeakRSS(); rss > MaxRSS {
		t.Fatalf("peak RSS %d MB, more than %d MB", rss>>20, MaxRSS>>20)
	}
}

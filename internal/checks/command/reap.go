package command

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"strconv"
	"syscall"
)

// markerVar marks every process of one run of a command step: it is the
// first variable of the command's environment, with a value made for that
// run, and children inherit it. Killing the command's process group does not
// reach a child that left the group (setsid, a daemonising double fork); the
// marker still names it.
const markerVar = "EXITDRILL_STEP_RUN"

// maxEnvironPrefix is how much of a process's environment is read to find the
// marker: the marker is its first variable.
const maxEnvironPrefix = 4 << 10

// newMarker returns the marker variable of a new run: "EXITDRILL_STEP_RUN=…".
func newMarker() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return markerVar + "=" + hex.EncodeToString(b)
}

// killRun sends SIGKILL to the process group pgid and to every process whose
// environment holds marker, until none is left (a few rounds, for processes
// forked while the first were killed). It returns how many it killed outside
// the group.
func killRun(pgid int, marker string) int {
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	needle := append([]byte(marker), 0)
	killed := 0
	for range 5 {
		n := 0
		for _, pid := range markedProcesses(needle) {
			if syscall.Kill(pid, syscall.SIGKILL) == nil {
				n++
			}
		}
		killed += n
		if n == 0 {
			break
		}
	}
	return killed
}

// markedProcesses lists the live processes (not zombies) whose environment
// starts with needle, read from /proc (processes of other users are
// unreadable and skipped).
func markedProcesses(needle []byte) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		if env := readPrefix("/proc/"+e.Name()+"/environ", maxEnvironPrefix); bytes.HasPrefix(env, needle) && !zombie(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// zombie reports whether pid has exited and waits for its parent to reap it.
func zombie(pid int) bool {
	stat := readPrefix("/proc/"+strconv.Itoa(pid)+"/stat", 512)
	i := bytes.LastIndexByte(stat, ')')
	return i >= 0 && i+2 < len(stat) && stat[i+2] == 'Z'
}

// readPrefix reads at most n bytes of a file; nil when it cannot be read.
func readPrefix(name string, n int64) []byte {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, n))
	return b
}

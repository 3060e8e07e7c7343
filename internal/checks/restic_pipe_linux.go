package checks

import (
	"os"
	"syscall"
)

// fSetPipeSize is fcntl's F_SETPIPE_SZ (Linux 2.6.35 and later).
const fSetPipeSize = 1031

// growPipe asks for a 1 MiB pipe buffer (the unprivileged maximum by default)
// instead of 64 KiB: restic and the unpacking take turns less often. A pipe
// that cannot grow works as it is.
func growPipe(f *os.File) {
	if sc, err := f.SyscallConn(); err == nil {
		_ = sc.Control(func(fd uintptr) {
			_, _, _ = syscall.Syscall(syscall.SYS_FCNTL, fd, fSetPipeSize, 1<<20)
		})
	}
}

package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/exitdrill/exitdrill/internal/checks/step"
)

// pgServer is a throwaway PostgreSQL server for one restore: its own cluster in
// a sandbox directory, listening on a free loopback port only, with a random
// superuser password. Start it with startPostgres; stop it with stop (the
// sandbox does so when it closes).
type pgServer struct {
	bin      string // directory of the PostgreSQL programs
	data     string // the cluster's data directory
	port     int
	password string
	cred     *syscall.Credential // the server's user when the worker is root
	// fromTemplate is true when the cluster is a copy of the worker's
	// template rather than made by initdb.
	fromTemplate bool
}

// pgBinGlob is where Debian installs the PostgreSQL server programs.
const pgBinGlob = "/usr/lib/postgresql/*/bin"

// findPostgres returns the directory of the newest PostgreSQL installation
// that has the programs a restore needs.
func findPostgres() (string, error) {
	dirs, _ := filepath.Glob(pgBinGlob)
	slices.SortFunc(dirs, func(a, b string) int { return pgMajor(b) - pgMajor(a) })
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, d := range dirs {
		if hasPrograms(d, "initdb", "pg_ctl", "postgres", "pg_restore", "psql") {
			return d, nil
		}
	}
	return "", step.Inconclusive("PostgreSQL is not installed on this worker (no initdb, pg_ctl and postgres under %s): run scripts/setup (or apt-get install postgresql)", pgBinGlob)
}

// pgMajor is the major version in /usr/lib/postgresql/15/bin.
func pgMajor(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func hasPrograms(dir string, names ...string) bool {
	for _, n := range names {
		if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.IsDir() {
			return false
		}
	}
	return true
}

// serverCredential is the user the server runs as: PostgreSQL refuses to run
// as root, so a root worker runs it as the postgres system user.
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, step.Inconclusive("PostgreSQL refuses to run as root and this worker has no postgres user: run scripts/setup (or apt-get install postgresql)")
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// startPostgres creates a cluster in dir (which must not exist) and starts it
// on a free loopback port.
func startPostgres(ctx context.Context, bin, dir string) (*pgServer, error) {
	cred, err := serverCredential()
	if err != nil {
		return nil, err
	}
	s := &pgServer{bin: bin, data: filepath.Join(dir, "data"), cred: cred, password: randomHex(16)}
	if err := s.prepare(ctx, dir); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		err = s.pgctl(ctx, "start", "-w", "-t", "60", "-l", filepath.Join(dir, "server.log"), "-o", "-p "+strconv.Itoa(s.port))
		if err == nil || ctx.Err() != nil || attempt == 2 {
			break
		}
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		if !strings.Contains(string(log), "could not bind") && !strings.Contains(string(log), "already in use") {
			break
		}
	}
	if ctx.Err() != nil {
		return s, ctx.Err()
	}
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
		return s, fmt.Errorf("start the sandbox PostgreSQL: %w: %s", err, lastMessage(string(log), ""))
	}
	return s, nil
}

// initdb makes the cluster, owned by the server's user, with password
// authentication only.
func (s *pgServer) initdb(ctx context.Context, dir string) error {
	if err := s.makeDir(dir); err != nil {
		return err
	}
	pwfile := filepath.Join(dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(s.password+"\n"), 0o600); err != nil {
		return err
	}
	if s.cred != nil {
		if err := os.Chown(pwfile, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			return err
		}
	}
	t := tool{path: filepath.Join(s.bin, "initdb"), cred: s.cred, dir: dir, env: pgEnv(dir),
		args: []string{"-D", s.data, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale", "--no-sync",
			"--wal-segsize=1"}} // 1 MB WAL segments: a smaller cluster to copy
	stderr, err := t.run(ctx)
	_ = os.Remove(pwfile)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("initdb for the sandbox PostgreSQL (as uid %s): %s: %s", credUID(s.cred), exitText(err), lastMessage(stderr, "initdb: error: "))
	}
	conf := "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
	f, err := os.OpenFile(filepath.Join(s.data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(conf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// makeDir makes dir for the cluster, owned by the server's user, who must
// reach it: the sandbox above it may be entered, not listed.
func (s *pgServer) makeDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil {
		return err
	}
	if s.cred == nil {
		return nil
	}
	_ = os.Chmod(filepath.Dir(dir), 0o711)
	return os.Chown(dir, int(s.cred.Uid), int(s.cred.Gid))
}

// pgctl runs pg_ctl on the cluster as the server's user.
func (s *pgServer) pgctl(ctx context.Context, args ...string) error {
	t := tool{path: filepath.Join(s.bin, "pg_ctl"), cred: s.cred, dir: filepath.Dir(s.data), env: pgEnv(filepath.Dir(s.data)),
		args: append(args, "-D", s.data)}
	stderr, err := t.run(ctx)
	if err != nil {
		return fmt.Errorf("pg_ctl %s: %s: %s", args[0], exitText(err), lastMessage(stderr, "pg_ctl: "))
	}
	return nil
}

// stop stops the server at once (its data is thrown away) and, should pg_ctl
// fail, kills it.
func (s *pgServer) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if s.pgctl(ctx, "stop", "-m", "immediate", "-w", "-t", "30") == nil {
		return
	}
	b, err := os.ReadFile(filepath.Join(s.data, "postmaster.pid"))
	if err != nil {
		return
	}
	first, _, _ := strings.Cut(string(b), "\n")
	if pid, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && pid > 0 {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// connEnv is the environment of a client of the server; the password goes to
// the child only.
func (s *pgServer) connEnv(base []string) []string {
	return append(base, "PGHOST=127.0.0.1", "PGPORT="+strconv.Itoa(s.port), "PGUSER=postgres",
		"PGPASSWORD="+s.password, "PGCONNECT_TIMEOUT=10", "PGAPPNAME=exitdrill")
}

// psql runs one query and returns its unaligned output.
func (s *pgServer) psql(ctx context.Context, base []string, db, query string) (string, error) {
	var out strings.Builder
	t := tool{path: filepath.Join(s.bin, "psql"), env: s.connEnv(base), stdout: &out,
		args: []string{"-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", query}}
	stderr, err := t.run(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", errors.New(firstMessage(stderr))
	}
	return strings.TrimSpace(out.String()), nil
}

// pgEnv is the environment of the server's programs.
func pgEnv(dir string) []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	return []string{"LC_ALL=C", "PATH=" + path, "HOME=" + dir, "TMPDIR=" + dir}
}

func credUID(c *syscall.Credential) string {
	if c == nil {
		return strconv.Itoa(os.Getuid())
	}
	return strconv.FormatUint(uint64(c.Uid), 10)
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port for the sandbox PostgreSQL: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

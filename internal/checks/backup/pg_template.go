package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// A sandbox cluster is a copy of a template the worker keeps in its cache
// directory, one per PostgreSQL installation: initdb runs once (about 1.5 s
// here), a copy and a new superuser password take a fraction of that. The
// template is a cluster initdb made for an earlier sandbox, saved before its
// server first started; its password is replaced in single-user mode (no
// network) before each copy starts, so no two sandboxes share a password.

// templateMu serialises the making of templates within the worker.
var templateMu sync.Mutex

// pgTemplatePath is where the template of the PostgreSQL programs in bin is
// kept, named by their version and identity (a new installation gets a new
// template); "" when the worker has no cache directory.
func pgTemplatePath(bin string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", bin)
	for _, p := range []string{"initdb", "postgres"} {
		fi, err := os.Stat(filepath.Join(bin, p))
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
	}
	return filepath.Join(cache, "exitdrill", fmt.Sprintf("pg-template-%d-%s", pgMajor(bin), hex.EncodeToString(h.Sum(nil))[:12]))
}

// usableTemplate says whether tmpl is a template this worker made: a
// directory of its own user that nobody else may write, with a cluster in it.
func usableTemplate(tmpl string) bool {
	fi, err := os.Lstat(tmpl)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o022 != 0 {
		return false
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != os.Geteuid() {
		return false
	}
	_, err = os.Lstat(filepath.Join(tmpl, "data", "PG_VERSION"))
	return err == nil
}

// prepare makes the sandbox's cluster in dir (which must not exist): a copy
// of the worker's template when there is one, else initdb, whose cluster
// then becomes the template.
func (s *pgServer) prepare(ctx context.Context, dir string) error {
	tmpl := pgTemplatePath(s.bin)
	if tmpl != "" && usableTemplate(tmpl) {
		err := s.copyTemplate(ctx, tmpl, dir)
		if err == nil {
			s.fromTemplate = true
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// A template that does not work is dropped; initdb runs instead.
		_ = os.RemoveAll(tmpl)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
	}
	if err := s.initdb(ctx, dir); err != nil {
		return err
	}
	if tmpl != "" {
		saveTemplate(s.data, tmpl)
	}
	return nil
}

// copyTemplate makes dir a copy of the template's cluster owned by the
// server's user and gives it this server's superuser password.
func (s *pgServer) copyTemplate(ctx context.Context, tmpl, dir string) error {
	if err := s.makeDir(dir); err != nil {
		return err
	}
	if err := copyCluster(filepath.Join(tmpl, "data"), s.data, s.cred); err != nil {
		return fmt.Errorf("copy the template cluster: %w", err)
	}
	t := tool{path: filepath.Join(s.bin, "postgres"), cred: s.cred, dir: dir, env: pgEnv(dir),
		args:  []string{"--single", "-D", s.data, "-c", "listen_addresses=", "postgres"},
		stdin: strings.NewReader("ALTER USER postgres PASSWORD '" + s.password + "';\n")}
	if stderr, err := t.run(ctx); err != nil {
		return fmt.Errorf("set the sandbox's password in single-user mode: %s: %s", exitText(err), lastMessage(stderr, ""))
	}
	return nil
}

// saveTemplate keeps a copy of a cluster initdb has just made as the
// template; a failure only means the next sandbox runs initdb again.
func saveTemplate(data, tmpl string) {
	templateMu.Lock()
	defer templateMu.Unlock()
	if usableTemplate(tmpl) {
		return
	}
	parent := filepath.Dir(tmpl)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return
	}
	tmp, err := os.MkdirTemp(parent, ".pg-template-")
	if err != nil {
		return
	}
	if copyCluster(data, filepath.Join(tmp, "data"), nil) != nil || os.Rename(tmp, tmpl) != nil {
		_ = os.RemoveAll(tmp)
	}
}

// copyCluster copies the directories and regular files below src to dst
// (which must not exist) with their permissions, owned by cred's user when
// cred is not nil. Anything else (a link, a device) is refused.
func copyCluster(src, dst string, cred *syscall.Credential) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			err = os.Mkdir(target, info.Mode().Perm())
		case d.Type().IsRegular():
			err = copyClusterFile(p, target, info.Mode().Perm())
		default:
			return fmt.Errorf("%s: not a directory or regular file", p)
		}
		if err == nil && cred != nil {
			err = os.Lchown(target, int(cred.Uid), int(cred.Gid))
		}
		return err
	})
}

func copyClusterFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/exitdrill/exitdrill/internal/console"
	"github.com/exitdrill/exitdrill/internal/engine"
	"github.com/exitdrill/exitdrill/internal/forge"
	"github.com/exitdrill/exitdrill/internal/recorder"
)

// defaultConsoleListen is the console's address when --listen is not given;
// when that port is taken, a free loopback port is used instead.
const defaultConsoleListen = "127.0.0.1:8234"

// UsersFile is the default users file of the console, in the state directory.
const UsersFile = "console-users"

// consoleFlags configure the web console, for `exitdrill console` and
// `exitdrill server`.
type consoleFlags struct {
	Listen  string
	Users   string
	Catalog []string
	Reports string
	Secure  bool
	// TrustedKeys names the file of keys whose bundles count in readiness
	// (default: the state directory's own key).
	TrustedKeys string
	// Scenarios and GitHubAllow widen what the start and schedule forms may
	// read (console.Options).
	Scenarios   []string
	GitHubAllow []string
	// GitHubCatalogs are catalogs in repositories that the forms offer
	// beside Catalog.
	GitHubCatalogs []string
	// ActionsRepo (OWNER/REPO) is where the review page publishes action
	// items as issues, assigning the logins ActionsOwners maps owners to.
	ActionsRepo   string
	ActionsOwners string
	Cert          string
	Key           string
	oidc          oidcFlags
	github        githubFlags
	flags         *pflag.FlagSet
}

// oidcFlags configure single sign-on; the client secret comes from the
// environment only.
type oidcFlags struct {
	Issuer, ClientID, RedirectURL, RoleClaim, StepRolesClaim string
	Roles                                                    map[string]string
}

// config is the console's OIDC configuration, nil without --oidc-issuer.
// databaseDir is the state directory whose database eng's server keeps, ""
// when it keeps none here (a cluster, an in-memory server).
func databaseDir(eng *engine.Engine) string {
	if eng.Database == "" && (eng.Shared == nil || eng.Shared.Database == "") {
		return ""
	}
	return eng.StateDir
}

func (f *oidcFlags) config() *console.OIDC {
	if f.Issuer == "" {
		return nil
	}
	return &console.OIDC{Issuer: f.Issuer, ClientID: f.ClientID, ClientSecret: os.Getenv("EXITDRILL_OIDC_CLIENT_SECRET"),
		RedirectURL: f.RedirectURL, RoleClaim: f.RoleClaim, Roles: f.Roles, StepRolesClaim: f.StepRolesClaim}
}

func (f *consoleFlags) addFlags(cmd *cobra.Command, prefix string) {
	fl := cmd.Flags()
	f.flags = fl
	fl.StringVar(&f.Listen, prefix+"listen", defaultConsoleListen, "address of the web console (loopback by default; when the default port is taken, a free one)")
	fl.StringVar(&f.Users, "users", envOr("EXITDRILL_CONSOLE_USERS", ""), "users file of the console (default STATE-DIR/"+UsersFile+"; env EXITDRILL_CONSOLE_USERS); add users with exitdrill console adduser")
	fl.StringSliceVar(&f.Catalog, "catalog", nil, "catalog directory or file for the readiness and catalog pages (repeatable)")
	fl.StringVar(&f.Reports, "reports", envOr("EXITDRILL_REPORTS", "drill-reports"), "directory of evidence bundles (env EXITDRILL_REPORTS)")
	fl.StringSliceVar(&f.Scenarios, "scenarios", nil, "directory of scenario files the console's forms may name, besides library ids and files beside the catalogs (repeatable)")
	fl.StringSliceVar(&f.GitHubAllow, "github-allow", nil, "OWNER/REPO (or OWNER/*) whose github: definitions the console's forms may name (repeatable); none by default")
	fl.StringSliceVar(&f.GitHubCatalogs, "github-catalog", nil, "github:OWNER/REPO/PATH@REF catalog the start and schedule forms offer beside the --catalog entries (repeatable); read through GitHub when chosen")
	fl.StringVar(&f.TrustedKeys, "trusted-keys", "", "file of public keys (PEM blocks or ed25519:BASE64 lines; env "+recorder.EnvTrustedKeys+") whose bundles count in readiness; default: the state directory's own signing key")
	fl.BoolVar(&f.Secure, prefix+"secure", false, "mark cookies Secure although the console serves plain HTTP (behind a TLS proxy); browsers drop Secure cookies over plain HTTP")
	fl.StringVar(&f.Cert, prefix+"cert", "", "serve the console over HTTPS with this certificate PEM file (with --"+prefix+"key)")
	fl.StringVar(&f.Key, prefix+"key", "", "private key PEM file for --"+prefix+"cert")
	fl.StringVar(&f.oidc.Issuer, "oidc-issuer", "", "OpenID Connect issuer URL for single sign-on (client secret in env EXITDRILL_OIDC_CLIENT_SECRET)")
	fl.StringVar(&f.oidc.ClientID, "oidc-client-id", "", "OpenID Connect client id")
	fl.StringVar(&f.oidc.RedirectURL, "oidc-redirect-url", "", "this console's callback as registered at the provider: https://HOST/login/oidc/callback")
	fl.StringVar(&f.oidc.RoleClaim, "oidc-role-claim", "groups", "ID token claim whose values map to console roles")
	fl.StringToStringVar(&f.oidc.Roles, "oidc-role", nil, "claim value mapped to a console role, VALUE=ROLE (repeatable), e.g. bcm-team=continuity-manager")
	fl.StringVar(&f.oidc.StepRolesClaim, "oidc-step-roles-claim", "", "ID token claim listing the runbook roles in which the user completes manual steps")
	fl.StringVar(&f.ActionsRepo, "actions-repo", "", "OWNER/REPO whose issues the after-action review page publishes action items to (as exitdrill review --github; token from --token-env); none by default")
	fl.StringVar(&f.ActionsOwners, "actions-owners", "", "with --actions-repo: YAML file mapping action owners to GitHub logins, who are assigned")
	f.github.AddFlags(cmd)
}

// actionIssues is where the review page publishes action items, nil
// without --actions-repo.
func (f *consoleFlags) actionIssues() (*console.ActionIssues, error) {
	if f.ActionsRepo == "" {
		if f.ActionsOwners != "" {
			return nil, withCode(ExitInvalid, errors.New("console: --actions-owners needs --actions-repo"))
		}
		return nil, nil
	}
	if _, _, ok := forge.SplitRepo(f.ActionsRepo); !ok {
		return nil, withCode(ExitInvalid, fmt.Errorf("console: --actions-repo %q: want OWNER/REPO, for example voorbeeldstad/continuity", f.ActionsRepo))
	}
	owners, err := loadOwners(f.ActionsOwners)
	if err != nil {
		return nil, err
	}
	gh, err := f.github.client(nil)
	if err != nil {
		return nil, err
	}
	return &console.ActionIssues{Publisher: gh, Repo: f.ActionsRepo, Owners: owners}, nil
}

// usersPath is the users file: --users, else the state directory's.
func (f *consoleFlags) usersPath(stateDir string) string {
	if f.Users != "" {
		return f.Users
	}
	if stateDir == "" {
		stateDir = engine.DefaultStateDir()
	}
	return filepath.Join(stateDir, UsersFile)
}

// runningConsole is a console serving in the background.
type runningConsole struct {
	URL   string
	Users string
	srv   *http.Server
	done  chan error
}

// Close stops the console, letting requests in flight finish for a moment.
func (rc *runningConsole) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := rc.srv.Shutdown(ctx)
	if serr := <-rc.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// startConsole serves the console for eng in the background; log gets one
// line per action.
func startConsole(eng *engine.Engine, f *consoleFlags, s *Streams, log *slog.Logger) (*runningConsole, error) {
	if (f.Cert == "") != (f.Key == "") {
		return nil, withCode(ExitInvalid, errors.New("console: give both the certificate and the key, or neither"))
	}
	path := f.usersPath(eng.StateDir)
	users, err := console.LoadUsers(path)
	if errors.Is(err, os.ErrNotExist) && f.oidc.Issuer != "" {
		users, err, path = nil, nil, "single sign-on only"
	}
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("console: %w (add a user with: exitdrill console adduser --users %s --name NAME --role continuity-manager)", err, path))
	}
	if w := usersFileWarning(path); w != "" {
		fmt.Fprintln(s.Err, s.printer().Filled(w))
	}
	var catalogs []string
	for _, c := range f.Catalog {
		if forge.IsSpec(c) {
			return nil, withCode(ExitInvalid, fmt.Errorf("console: --catalog %s: the readiness and catalog pages read local catalogs only; give a catalog in a repository to the start and schedule forms with --github-catalog", c))
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			return nil, err
		}
		catalogs = append(catalogs, abs)
	}
	reports, err := filepath.Abs(f.Reports)
	if err != nil {
		return nil, err
	}
	trusted, err := recorder.LoadTrustedKeys(f.TrustedKeys, eng.StateDir, os.LookupEnv)
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("console: %w", err))
	}
	// Reviews recorded in the console are signed as the drills are by
	// default: the key of the environment, else the state directory's own.
	key, err := recorder.LoadSigningKey("", os.LookupEnv)
	if err == nil && key == nil && eng.StateDir != "" {
		key, err = recorder.StateKey(eng.StateDir, true)
	}
	if err != nil {
		return nil, withCode(ExitInvalid, fmt.Errorf("console: %w", err))
	}
	actions, err := f.actionIssues()
	if err != nil {
		return nil, err
	}
	c, err := console.New(console.Options{
		Actions: actions,
		Trusted: trusted, SigningKey: key, Scenarios: f.Scenarios, GitHubAllow: f.GitHubAllow, GitHubCatalogs: f.GitHubCatalogs,
		Users: users, Backend: &console.Temporal{Client: eng.Client, Namespace: eng.Namespace},
		Catalog: catalogs, Reports: reports, Secure: f.Secure, StateDir: databaseDir(eng),
		GitHub: f.github.repos(), OIDC: f.oidc.config(),
		// Beside the users file: sessions survive a restart. Not path, which
		// names single sign-on when there is no users file.
		SessionsFile: f.usersPath(eng.StateDir) + ".sessions",
		Logger:       log,
	})
	if err != nil {
		return nil, withCode(ExitInvalid, err)
	}
	ln, err := net.Listen("tcp", f.Listen)
	if err != nil && !f.flags.Changed(f.flagName()) && f.Listen == defaultConsoleListen {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		return nil, fmt.Errorf("console: listen on %s: %w", f.Listen, err)
	}
	if plainOffLoopback(ln.Addr(), f.Cert != "" || f.Secure) {
		fmt.Fprint(s.Err, s.printer().F("warning: the console listens on %s without TLS: passwords and session cookies cross the network in clear text; give --cert and --key, or --secure behind a TLS proxy\n", ln.Addr()))
	}
	srv := &http.Server{Handler: c, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	rc := &runningConsole{srv: srv, done: make(chan error, 1), Users: path}
	scheme := "http"
	if f.Cert != "" {
		scheme = "https"
		go func() { rc.done <- srv.ServeTLS(ln, f.Cert, f.Key) }()
	} else {
		go func() { rc.done <- srv.Serve(ln) }()
	}
	rc.URL = scheme + "://" + ln.Addr().String() + "/"
	return rc, nil
}

// flagName is the name of the listen flag this set was registered with.
func (f *consoleFlags) flagName() string {
	if f.flags != nil && f.flags.Lookup("console-listen") != nil {
		return "console-listen"
	}
	return "listen"
}

type consoleOptions struct {
	console consoleFlags
	engine  engineFlags
	signing signingFlag
	metrics metricsFlag
}

func newConsoleCmd(s *Streams) *cobra.Command {
	var o consoleOptions
	cmd := &cobra.Command{
		Use:   "console",
		Short: "Serve the web console for continuity managers, operators and management",
		Long: `Console serves the web console on loopback (--listen to change it): readiness,
drills and their live view (continuity managers also start one), the inbox of manual steps, schedules, reports and
the catalog. It talks to the Temporal server as the other commands do (the
exitdrill server on the state directory, --address, or an embedded one). The
console also runs inside exitdrill server, unless --no-console.

The forms that start and schedule drills read the catalog and the scenario as
exitdrill run does, github:OWNER/REPO/PATH@REF included (--github-api-url,
--token-env).

Users sign in from a users file (default STATE-DIR/` + UsersFile + `) holding bcrypt
hashes; add them with exitdrill console adduser. Roles: continuity-manager
(start drills, schedule, abort, emergency stop, and all an operator can), operator (complete
manual steps in the runbook roles given with --step-role), viewer (read).

Cookies are HttpOnly and SameSite=Strict; they are marked Secure when the
console serves HTTPS (--cert/--key) or with --secure behind a TLS proxy. Plain
HTTP on loopback keeps them without Secure, since browsers drop Secure cookies
there.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runConsole(cmd.Context(), &o, s) },
	}
	o.console.addFlags(cmd, "")
	o.engine.AddFlags(cmd)
	o.signing.AddFlags(cmd)
	o.metrics.AddFlags(cmd)
	cmd.AddCommand(newAddUserCmd(s))
	return cmd
}

func runConsole(ctx context.Context, o *consoleOptions, s *Streams) error {
	o.engine.lasting = true
	if err := o.metrics.start(s, &o.engine); err != nil {
		return err
	}
	defer o.metrics.close()
	eng, err := o.engine.open(ctx, s)
	if err != nil {
		return err
	}
	register, err := o.signing.registrar(eng, o.console.github.repos())
	if err != nil {
		eng.Close()
		return err
	}
	defer eng.Close()
	o.metrics.watch(ctx, eng)
	if eng.Embedded {
		// Without a server of its own nothing would run the drills.
		if err := eng.StartWorker(register); err != nil {
			return err
		}
	}
	rc, err := startConsole(eng, &o.console, s, o.engine.own)
	if err != nil {
		return err
	}
	fmt.Fprint(s.Out, s.printer().F("exitdrill console: %s (users from %s, Temporal %s)\n", rc.URL, rc.Users, eng.Address))
	<-ctx.Done()
	fmt.Fprint(s.Err, s.printer().T("exitdrill console: stopping\n"))
	return rc.Close()
}

type addUserOptions struct {
	Users     string
	Name      string
	Role      string
	StepRoles []string
}

func newAddUserCmd(s *Streams) *cobra.Command {
	var o addUserOptions
	cmd := &cobra.Command{
		Use:   "adduser --users FILE --name NAME --role ROLE [--step-role ROLE]...",
		Short: "Add a console user (or set a user's role and password); the password is read from the terminal or stdin",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runAddUser(&o, s) },
	}
	cmd.Flags().StringVar(&o.Users, "users", envOr("EXITDRILL_CONSOLE_USERS", ""), "users file (default STATE-DIR/"+UsersFile+"; env EXITDRILL_CONSOLE_USERS)")
	cmd.Flags().StringVar(&o.Name, "name", "", "user name")
	cmd.Flags().StringVar(&o.Role, "role", "", "console role: "+strings.Join(console.Roles, ", "))
	cmd.Flags().StringSliceVar(&o.StepRoles, "step-role", nil, "runbook role in which the user completes manual steps, e.g. process-owner (repeatable)")
	_ = cmd.MarkFlagRequired("name")
	_ = cmd.MarkFlagRequired("role")
	return cmd
}

func runAddUser(o *addUserOptions, s *Streams) error {
	path := o.Users
	if path == "" {
		dir := engine.DefaultStateDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		path = filepath.Join(dir, UsersFile)
	}
	pw, err := readPassword(s)
	if err != nil {
		return err
	}
	if err := console.AddUser(path, o.Name, o.Role, o.StepRoles, pw); err != nil {
		return withCode(ExitInvalid, err)
	}
	fmt.Fprint(s.Out, s.printer().F("user %s (%s) written to %s\n", o.Name, o.Role, path))
	return nil
}

// readPassword asks twice on a terminal, without echo; otherwise it reads the
// first line of stdin. Never a flag: it would show in ps and shell history.
func readPassword(s *Streams) ([]byte, error) {
	if f, ok := s.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(s.Err, s.printer().T("Password: "))
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.Err)
		if err != nil {
			return nil, err
		}
		fmt.Fprint(s.Err, s.printer().T("Again: "))
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.Err)
		if err != nil {
			return nil, err
		}
		if string(pw) != string(again) {
			return nil, withCode(ExitInvalid, errors.New("the passwords differ"))
		}
		return pw, nil
	}
	line, err := bufio.NewReader(s.In).ReadString('\n')
	if err != nil && line == "" {
		return nil, withCode(ExitInvalid, errors.New("no password on stdin"))
	}
	return []byte(strings.TrimRight(line, "\r\n")), nil
}

// serverConsole starts the console inside exitdrill server, unless
// --no-console; without a users file the server runs without it (nil).
func serverConsole(eng *engine.Engine, o *serverOptions, s *Streams) (*runningConsole, error) {
	if o.noConsole {
		return nil, nil
	}
	if _, err := os.Stat(o.console.usersPath(eng.StateDir)); errors.Is(err, os.ErrNotExist) && o.console.Users == "" && o.console.oidc.Issuer == "" {
		return nil, nil
	}
	return startConsole(eng, &o.console, s, o.engine.own)
}

// printConsole adds the console's line to the server's endpoints.
func printConsole(s *Streams, rc *runningConsole, o *serverOptions) {
	switch {
	case rc != nil:
		fmt.Fprint(s.Out, s.printer().F("Web console:  %s (users from %s)\n", rc.URL, rc.Users))
	case !o.noConsole:
		fmt.Fprint(s.Out, s.printer().T("Web console:  off, no users yet: exitdrill console adduser --name NAME --role continuity-manager, then restart the server\n"))
	}
}

// plainOffLoopback says whether a console on addr serves plain HTTP to other
// machines: not on loopback, and neither TLS nor a TLS proxy (--secure).
func plainOffLoopback(addr net.Addr, tls bool) bool {
	ta, ok := addr.(*net.TCPAddr)
	return ok && !tls && !ta.IP.IsLoopback()
}

// usersFileWarning is a warning when the console users file (password
// hashes) can be read by others than its owner; "" when it cannot.
func usersFileWarning(path string) string {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("warning: the console users file %s is readable by others (mode %04o): its password hashes can be attacked offline; chmod 600 %s", path, fi.Mode().Perm(), path)
}

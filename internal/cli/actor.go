package cli

import (
	"errors"
	"os"
	"os/user"
	"strings"
)

// actorHelp is the --actor flag's help, the same for every command that
// records who acted.
const actorHelp = "default $EXITDRILL_ACTOR, else the account you are logged in as ($USER, $LOGNAME); refused when none is known"

// osUser returns the name of the account this process runs as. It is a
// variable so that a test can stand in a machine where the account has no
// name (a container's uid without a passwd entry).
var osUser = func() (string, error) {
	u, err := user.Current()
	if err != nil {
		return "", err
	}
	return u.Username, nil
}

// errNoActor is the refusal when nobody can be named for the record.
var errNoActor = errors.New("nobody to record as the actor: no --actor, $EXITDRILL_ACTOR, OS account name, $USER or $LOGNAME; pass --actor NAME")

// actor says who runs a command, for the evidence: --actor, else
// $EXITDRILL_ACTOR, else the OS account. The OS account is returned too, to be
// recorded beside the name (drill.Who): a name anyone can type never stands
// alone. When nobody can be named the command is refused with exit 2:
// evidence that says "unknown" did it is not evidence. Drills started in the
// console record the signed-in user instead (console.User.Actor).
func actor(flag string) (who, account string, err error) {
	account = osAccount()
	if v := strings.TrimSpace(flag); v != "" {
		return v, account, nil
	}
	if v := strings.TrimSpace(os.Getenv("EXITDRILL_ACTOR")); v != "" {
		return v, account, nil
	}
	if account != "" {
		return account, account, nil
	}
	return "", "", withCode(ExitInvalid, errNoActor)
}

// osAccount is the OS account this process runs as: its name in the user
// database, then $USER, then $LOGNAME; "" when none names it.
func osAccount() string {
	if name, err := osUser(); err == nil && strings.TrimSpace(name) != "" {
		return strings.TrimSpace(name)
	}
	for _, k := range []string{"USER", "LOGNAME"} {
		if v := strings.TrimSpace(os.Getenv(k)); v != "" {
			return v
		}
	}
	return ""
}

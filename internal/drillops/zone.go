package drillops

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// CheckZone reports whether name is an IANA time zone name that a schedule's
// cron can be read in, such as Europe/Amsterdam or UTC. Go's "Local" and ""
// load, but the Temporal server, which reads the name, knows neither.
func CheckZone(name string) error {
	if name == "" || name == "Local" {
		return zoneError(name)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return zoneError(name)
	}
	return nil
}

func zoneError(name string) error {
	return &InvalidError{fmt.Errorf("time zone %q: not an IANA time zone name, for example Europe/Amsterdam or UTC", name)}
}

// LocalZone returns the IANA name of the local time zone, which a schedule
// created without one reads its cron in, and where the name was found: Go
// calls the zone of /etc/localtime "Local", a name the server does not know,
// so the name is then read from $TZ, the target of the /etc/localtime link or
// /etc/timezone; failing all of them it is UTC.
func LocalZone() (name, from string) {
	return zoneSystem{local: time.Local, getenv: os.Getenv, readlink: os.Readlink, readFile: os.ReadFile}.localZone()
}

// zoneSystem is what LocalZone reads, replaced in tests.
type zoneSystem struct {
	local    *time.Location
	getenv   func(string) string
	readlink func(string) (string, error)
	readFile func(string) ([]byte, error)
}

func (s zoneSystem) localZone() (name, from string) {
	if name := s.local.String(); CheckZone(name) == nil {
		return name, "the local time zone"
	}
	if name := zoneName(strings.TrimPrefix(s.getenv("TZ"), ":")); name != "" {
		return name, "$TZ"
	}
	if link, err := s.readlink("/etc/localtime"); err == nil {
		if name := zoneName(link); name != "" {
			return name, "/etc/localtime"
		}
	}
	if b, err := s.readFile("/etc/timezone"); err == nil {
		if name := zoneName(strings.TrimSpace(string(b))); name != "" {
			return name, "/etc/timezone"
		}
	}
	return "UTC", "no local time zone name found"
}

// zoneName returns the zone name in s, a name or a path into a zoneinfo
// directory, or "" if it names none.
func zoneName(s string) string {
	if _, after, ok := strings.Cut(s, "zoneinfo/"); ok {
		s = after
	}
	if CheckZone(s) != nil {
		return ""
	}
	return s
}

package drillops

import (
	"io/fs"
	"testing"
	"time"
)

func TestCheckZone(t *testing.T) {
	for _, name := range []string{"Europe/Amsterdam", "UTC", "America/New_York", "Etc/GMT+2"} {
		if err := CheckZone(name); err != nil {
			t.Errorf("CheckZone(%q) = %v, want nil", name, err)
		}
	}
	// "Local" and "" load in Go but name no zone the Temporal server knows.
	for _, name := range []string{"Mars/Olympus", "Local", "", "CEST", "+01:00", "../../etc/passwd"} {
		err := CheckZone(name)
		want := `time zone "` + name + `": not an IANA time zone name, for example Europe/Amsterdam or UTC`
		if err == nil || err.Error() != want || !IsInvalid(err) {
			t.Errorf("CheckZone(%q) = %v; want an invalid-input error %q", name, err, want)
		}
	}
}

func TestLocalZone(t *testing.T) {
	amsterdam, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	local := time.FixedZone("Local", 3600) // what time.Local is called when TZ is unset
	noLink := func(string) (string, error) { return "", fs.ErrNotExist }
	noFile := func(string) ([]byte, error) { return nil, fs.ErrNotExist }
	tests := []struct {
		name     string
		sys      zoneSystem
		want     string
		wantFrom string
	}{
		{"named local zone", zoneSystem{local: amsterdam, readlink: noLink, readFile: noFile}, "Europe/Amsterdam", "the local time zone"},
		{"TZ", zoneSystem{local: local, getenv: env("TZ", "Asia/Tokyo"), readlink: noLink, readFile: noFile}, "Asia/Tokyo", "$TZ"},
		{"TZ with a colon", zoneSystem{local: local, getenv: env("TZ", ":Asia/Tokyo"), readlink: noLink, readFile: noFile}, "Asia/Tokyo", "$TZ"},
		{"/etc/localtime link", zoneSystem{local: local, getenv: env("TZ", "not/a zone"),
			readlink: func(string) (string, error) { return "../usr/share/zoneinfo/Europe/Amsterdam", nil }, readFile: noFile},
			"Europe/Amsterdam", "/etc/localtime"},
		{"/etc/timezone", zoneSystem{local: local, readlink: func(string) (string, error) { return "/somewhere/else", nil },
			readFile: func(string) ([]byte, error) { return []byte("Europe/Amsterdam\n"), nil }}, "Europe/Amsterdam", "/etc/timezone"},
		{"nothing", zoneSystem{local: local, readlink: noLink, readFile: func(string) ([]byte, error) { return []byte("nonsense\n"), nil }},
			"UTC", "no local time zone name found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.sys.getenv == nil {
				tt.sys.getenv = env("", "")
			}
			got, from := tt.sys.localZone()
			if got != tt.want || from != tt.wantFrom {
				t.Errorf("localZone() = %q, %q; want %q, %q", got, from, tt.want, tt.wantFrom)
			}
		})
	}
	// The real one names a zone the server accepts.
	if name, from := LocalZone(); CheckZone(name) != nil || from == "" {
		t.Errorf("LocalZone() = %q, %q; want a valid zone and where it came from", name, from)
	}
}

func env(key, value string) func(string) string {
	return func(k string) string {
		if k == key {
			return value
		}
		return ""
	}
}

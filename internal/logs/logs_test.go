package logs

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenRoutesRecords(t *testing.T) {
	dir := t.TempDir()
	var term bytes.Buffer
	l, err := Open(Default, dir, &term, slog.Int("pid", 42))
	if err != nil {
		t.Fatal(err)
	}
	l.Own.Info("own progress detail")
	l.Own.Warn("own warning")
	srv := l.Temporal.With("component", "temporal-server")
	srv.Info("server started")
	srv.Warn("server warning")
	srv.Error("Unable to call matching.", "error", errors.New("disk full\ngoroutine 1 [running]:"), "stack", "main.go:1")
	srv.Error("Unable to call matching.", "error", errors.New("disk full again"))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	file := filepath.Join(dir, Dir, File)
	if l.File != file {
		t.Errorf("File %q, want %q", l.File, file)
	}
	wantTerm := "level=WARN msg=\"own warning\"\nexitdrill: Temporal reported a fault: Unable to call matching: disk full (details in " + file + ")\n"
	if got := stripTime(term.String()); got != wantTerm {
		t.Errorf("terminal:\n%s\nwant:\n%s", got, wantTerm)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{"own progress detail", "own warning", "server started", "server warning", "disk full again", "stack=main.go:1", "component=temporal-server", "pid=42"} {
		if !strings.Contains(got, want) {
			t.Errorf("log file lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "\n") != 6 {
		t.Errorf("log file has %d lines, want 6:\n%s", strings.Count(got, "\n"), got)
	}
}

// At info, the operator sees the server's records on the terminal as they
// are; --log-format json makes every line a JSON object.
func TestOpenVerboseJSON(t *testing.T) {
	dir := t.TempDir()
	var term bytes.Buffer
	l, err := Open(Config{Level: slog.LevelInfo, Format: JSON}, dir, &term)
	if err != nil {
		t.Fatal(err)
	}
	l.Temporal.Info("server started")
	l.Own.Debug("own debug")
	l.Close()
	lines := strings.Split(strings.TrimSpace(term.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("terminal has %d lines, want the server's info record:\n%s", len(lines), term.String())
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil || rec["msg"] != "server started" || rec["level"] != "INFO" {
		t.Errorf("terminal line %q: %v; want the JSON record of 'server started'", lines[0], err)
	}
}

// Without a state directory there is no file: a Temporal fault is still one
// line on the terminal.
func TestOpenWithoutStateDir(t *testing.T) {
	var term bytes.Buffer
	l, err := Open(Default, "", &term)
	if err != nil {
		t.Fatal(err)
	}
	l.Temporal.Error("Activity error.", "Error", errors.New("worker lost its connection"))
	if got, want := term.String(), "exitdrill: Temporal reported a fault: Activity error: worker lost its connection\n"; got != want {
		t.Errorf("terminal %q, want %q", got, want)
	}
	if l.File != "" || l.Close() != nil {
		t.Errorf("File %q; want none", l.File)
	}
}

func TestParseLevelAndFormat(t *testing.T) {
	for name, want := range map[string]slog.Level{"debug": slog.LevelDebug, "INFO": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError} {
		if got, err := ParseLevel(name); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", name, got, err, want)
		}
	}
	if _, err := ParseLevel("verbose"); err == nil || !strings.Contains(err.Error(), "debug, info, warn, error") {
		t.Errorf("ParseLevel(verbose): %v; want the levels listed", err)
	}
	if CheckFormat("json") != nil || CheckFormat("text") != nil || CheckFormat("yaml") == nil {
		t.Error("CheckFormat: want text and json only")
	}
}

// stripTime drops the time= field of text records.
func stripTime(s string) string {
	var out []string
	for _, l := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(l, "time=") {
			_, l, _ = strings.Cut(l, " ")
		}
		out = append(out, l)
	}
	return strings.Join(out, "")
}

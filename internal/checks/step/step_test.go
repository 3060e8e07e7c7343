package step

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/exitdrill/exitdrill/drill"
	"go.temporal.io/sdk/temporal"
)

func TestRun(t *testing.T) {
	errRun := errors.New("cannot run")
	tests := []struct {
		name     string
		f        Func
		wantType string // the application error's type; "" for none
		wantErr  error
	}{
		{"passed", func(context.Context, *Config, drill.StepInput) (drill.StepOutput, error) {
			time.Sleep(time.Millisecond)
			return drill.StepOutput{Passed: true}, nil
		}, "", nil},
		{"did not pass", func(context.Context, *Config, drill.StepInput) (drill.StepOutput, error) {
			return drill.StepOutput{Reason: "status 503, want 200"}, nil
		}, drill.ErrCheckFailed, nil},
		{"could not run", func(context.Context, *Config, drill.StepInput) (drill.StepOutput, error) {
			return drill.StepOutput{}, errRun
		}, "", errRun},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Run(context.Background(), tt.f, &Config{}, drill.StepInput{Step: &drill.StepPlan{ID: "s"}})
			var appErr *temporal.ApplicationError
			switch {
			case tt.wantType != "":
				if !errors.As(err, &appErr) || appErr.Type() != tt.wantType || appErr.Message() != out.Reason {
					t.Fatalf("err = %v, want a %s error saying %q", err, tt.wantType, out.Reason)
				}
				var got drill.StepOutput
				if err := appErr.Details(&got); err != nil || got.Reason != out.Reason {
					t.Errorf("the error carries %+v (%v), want the step's output", got, err)
				}
			case err != tt.wantErr:
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.name == "passed" && out.Took < time.Millisecond {
				t.Errorf("Took = %s, want the step measured (at least 1ms)", out.Took)
			}
		})
	}
}

func TestBadStep(t *testing.T) {
	err := BadStep("backup %s names no passwordEnv", "r")
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != drill.ErrBadStep || !appErr.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable %s", err, drill.ErrBadStep)
	}
	if got, want := appErr.Message(), "backup r names no passwordEnv"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestTailBuffer(t *testing.T) {
	b := NewTailBuffer(8)
	for _, s := range []string{"first line\n", "last\n"} {
		if _, err := b.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := b.String(), "[8 bytes of earlier output dropped]\nne\nlast\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := NewTailBuffer(8).String(); got != "" {
		t.Errorf("an empty buffer says %q", got)
	}
}

// TestReadableFIFO: the preflight of a step whose file is a FIFO returns.
func TestReadableFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "plan.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan Report)
	go func() {
		var r Report
		r.Readable(dir, "plan.md", "exit plan document")
		done <- r
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Readable blocks on a FIFO")
	}
}

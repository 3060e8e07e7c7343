package drillops

import (
	"strings"
	"testing"

	"github.com/exitdrill/exitdrill/drill"
)

func TestSetStarter(t *testing.T) {
	for _, tt := range []struct {
		name, startedBy, note string
		wantBy, wantNote      string
		wantErr               string
	}{
		{name: "plain", startedBy: "anna", note: "quarterly", wantBy: "anna", wantNote: "quarterly"},
		{name: "console user, lines and tabs", startedBy: " anna (console continuity-manager) ", note: "line one\r\n\tline two\r\n",
			wantBy: "anna (console continuity-manager)", wantNote: "line one\n\tline two"},
		{name: "none", wantBy: "", wantNote: ""},
		{name: "1000 characters", startedBy: "anna", note: strings.Repeat("é", 1000), wantBy: "anna", wantNote: strings.Repeat("é", 1000)},
		{name: "note too long", startedBy: "anna", note: strings.Repeat("é", 1001),
			wantErr: "the note is 1001 characters long; at most 1000 are allowed"},
		{name: "bell in the note", startedBy: "anna", note: "ring\a",
			wantErr: "the note has a control character (U+0007) at character 5; only newline and tab are allowed"},
		{name: "escape in the note", startedBy: "anna", note: "\x1b[31mred",
			wantErr: "the note has a control character (U+001B) at character 1; only newline and tab are allowed"},
		{name: "C1 control in the note", startedBy: "anna", note: "a\u0085b",
			wantErr: "the note has a control character (U+0085) at character 2; only newline and tab are allowed"},
		{name: "right-to-left override in the note", startedBy: "anna", note: "approved \u202edeifitrec",
			wantErr: "the note has an invisible text-direction character (U+202E) at character 10; none are allowed"},
		{name: "isolate in the actor", startedBy: "anna\u2066x", wantErr: "the actor has an invisible text-direction character (U+2066) at character 5; none are allowed"},
		{name: "Hebrew and Arabic text are fine", startedBy: "דנה", note: "تمرين", wantBy: "דנה", wantNote: "تمرين"},
		{name: "invalid UTF-8 note", startedBy: "anna", note: "caf\xe9", wantErr: "the note is not valid UTF-8"},
		{name: "newline in the actor", startedBy: "anna\nroot", wantErr: "the actor has a control character (U+000A) at character 5; none are allowed"},
		{name: "actor too long", startedBy: strings.Repeat("a", 201), wantErr: "the actor is 201 characters long; at most 200 are allowed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := drill.DrillInput{StartedBy: "before", Note: "before"}
			err := SetStarter(&in, tt.startedBy, tt.note)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("SetStarter: err = %v, want %q", err, tt.wantErr)
				}
				if in.StartedBy != "before" || in.Note != "before" {
					t.Errorf("a refused starter changed the input: %q, %q", in.StartedBy, in.Note)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if in.StartedBy != tt.wantBy || in.Note != tt.wantNote {
				t.Errorf("got %q, %q; want %q, %q", in.StartedBy, in.Note, tt.wantBy, tt.wantNote)
			}
		})
	}
}

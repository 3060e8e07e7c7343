package drill

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// CheckText checks user text: UTF-8, at most limit characters, no control
// characters (but newlines and tabs when lines is true), and no invisible
// text-direction characters, which make evidence read differently from what
// it holds.
func CheckText(what, s string, limit int, lines bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8", what)
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Errorf("%s is %d characters long; at most %d are allowed", what, n, limit)
	}
	i := 0
	for _, r := range s {
		i++
		switch {
		case unicode.Is(unicode.Bidi_Control, r):
			return fmt.Errorf("%s has an invisible text-direction character (%U) at character %d; none are allowed", what, r, i)
		case !unicode.IsControl(r):
		case !lines:
			return fmt.Errorf("%s has a control character (%U) at character %d; none are allowed", what, r, i)
		case r != '\n' && r != '\t':
			return fmt.Errorf("%s has a control character (%U) at character %d; only newline and tab are allowed", what, r, i)
		}
	}
	return nil
}

package console

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestSwitchLang: the switch sets the cookie and goes back only to a page
// of this console; a language it does not speak is refused.
func TestSwitchLang(t *testing.T) {
	tests := []struct {
		to, referer string
		status      int
		location    string
	}{
		{"nl", "http://console.test/readiness?owner=KCC", http.StatusSeeOther, "/readiness?owner=KCC"},
		{"en", "http://evil.test/phish", http.StatusSeeOther, "/"},
		{"nl", "", http.StatusSeeOther, "/"},
		{"nl", "http://console.test//evil.test/x", http.StatusSeeOther, "/"},
		{"fr", "http://console.test/readiness", http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "http://console.test/lang?to="+tt.to, nil)
		if tt.referer != "" {
			r.Header.Set("Referer", tt.referer)
		}
		w := httptest.NewRecorder()
		switchLang(w, r)
		if w.Code != tt.status || w.Header().Get("Location") != tt.location {
			t.Errorf("to=%s from %q: %d to %q, want %d to %q", tt.to, tt.referer, w.Code, w.Header().Get("Location"), tt.status, tt.location)
		}
		if tt.status == http.StatusSeeOther {
			ck := w.Result().Cookies()
			if len(ck) != 1 || ck[0].Name != langCookie || ck[0].Value != tt.to || !ck[0].HttpOnly {
				t.Errorf("to=%s: cookies %v", tt.to, ck)
			}
			r2 := httptest.NewRequest("GET", "/", nil)
			r2.Header.Set("Accept-Language", "de")
			r2.AddCookie(ck[0])
			if got := requestLang(r2); string(got) != tt.to {
				t.Errorf("to=%s: the next request's language is %s", tt.to, got)
			}
		}
	}
}

package uploadaudit

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// TestAudit: a POST to an upload route refused 403, 413 or 422, by an
// error or by the answer, is recorded with its status and its reason, cut
// at DetailMax; other answers and other routes are not; a failure to
// record fails the request unless the answer is already sent.
func TestAudit(t *testing.T) {
	long := strings.Repeat("é", DetailMax+10)
	refuse := func(msg string) echo.HandlerFunc { return func(echo.Context) error { return errors.New(msg) } }
	answer := func(status int) echo.HandlerFunc {
		return func(c echo.Context) error { return c.String(status, "answer") }
	}
	tests := []struct {
		name      string
		route     string
		handler   echo.HandlerFunc
		recordErr error
		detail    string // of the entry; "" for none
		fails     bool
	}{
		{"forbidden", "/upload", refuse("403 not yours"), nil, "403 not yours", true},
		{"too large, long reason", "/upload", refuse("413 " + long), nil, "413 " + strings.Repeat("é", DetailMax) + "…", true},
		{"unacceptable answer", "/upload", answer(http.StatusUnprocessableEntity), nil, "422", false},
		{"accepted", "/upload", answer(http.StatusOK), nil, "", false},
		{"not found", "/upload", refuse("404 gone"), nil, "", true},
		{"other route", "/other", refuse("403 not yours"), nil, "", true},
		{"audit fails", "/upload", refuse("403 not yours"), errors.New("disk full"), "403 not yours", true},
		{"audit fails, answer sent", "/upload", answer(http.StatusUnprocessableEntity), errors.New("disk full"), "422", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []domain.AuditEntry
			mw := Audit(Config{
				Routes: map[string]bool{"/upload": true},
				Status: func(err error) (int, string) {
					status, reason, _ := strings.Cut(err.Error(), " ")
					code, serr := strconv.Atoi(status)
					if serr != nil {
						t.Fatal(serr)
					}
					return code, reason
				},
				Record: func(_ echo.Context, e domain.AuditEntry, window time.Duration) error {
					if window != 15*time.Minute {
						t.Errorf("window %v", window)
					}
					got = append(got, e)
					return tt.recordErr
				},
				Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			})
			c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, tt.route, nil), httptest.NewRecorder())
			c.SetPath(tt.route)
			err := mw(tt.handler)(c)
			if (err != nil) != tt.fails {
				t.Errorf("error %v, want one: %v", err, tt.fails)
			}
			if tt.recordErr != nil && tt.fails && !errors.Is(err, tt.recordErr) {
				t.Errorf("error %v lacks the audit's", err)
			}
			switch {
			case tt.detail == "" && len(got) != 0:
				t.Errorf("recorded %+v, want nothing", got)
			case tt.detail != "" && (len(got) != 1 || got[0].Detail != tt.detail || got[0].Actor != "anonymous" || got[0].Action != "upload_refused" || got[0].Subject != tt.route):
				t.Errorf("recorded %+v, want one entry with detail %q", got, tt.detail)
			}
		})
	}
}

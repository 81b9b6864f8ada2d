package bodylimit

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestLimit: a handler reads a body up to the upload and the multipart
// slack, and no further; reading beyond is TooLarge.
func TestLimit(t *testing.T) {
	const upload = 1000
	e := echo.New()
	e.Use(Limit(upload))
	e.POST("/", func(c echo.Context) error {
		n, err := io.Copy(io.Discard, c.Request().Body)
		if TooLarge(err) {
			return c.String(http.StatusRequestEntityTooLarge, "too large")
		}
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, n)
	})
	for size, want := range map[int]int{upload + multipartSlack: http.StatusOK, upload + multipartSlack + 1: http.StatusRequestEntityTooLarge} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", size))))
		if rec.Code != want {
			t.Errorf("a body of %d bytes: %d, want %d", size, rec.Code, want)
		}
	}
	if TooLarge(errors.New("other")) || TooLarge(nil) {
		t.Error("TooLarge of another error")
	}
}

package csrf

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// counting counts the bytes read of a body.
type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// multipartBody is a multipart form of fields, in order, then a file of
// size bytes.
func multipartBody(t *testing.T, fields [][2]string, size int) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(bytes.Repeat([]byte("x"), size))
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// TestCheck: a state-changing request passes with the expected token in
// the header, in a URL-encoded form or as the first part of a multipart
// form, whose body the handler then reads unchanged; otherwise it is
// refused having read at most PeekBytes of a multipart body, and a
// URL-encoded body beyond FormMaxBytes is too large. Safe methods and
// exempt requests need no token.
func TestCheck(t *testing.T) {
	const token = "the-token"
	expected := func(c echo.Context) (string, bool) {
		switch c.Request().Header.Get("Who") {
		case "exempt":
			return "", true
		case "stranger":
			return "", false
		}
		return token, false
	}
	big, bigType := multipartBody(t, [][2]string{{Field, token}}, 1<<20)
	after, afterType := multipartBody(t, [][2]string{{"dry_run", "true"}, {Field, token}}, 1<<20)
	tests := []struct {
		name        string
		method      string
		who         string
		contentType string
		header      string
		body        []byte
		code        string // of the refusal; "" lets the request through
	}{
		{"GET", http.MethodGet, "stranger", "", "", nil, ""},
		{"exempt", http.MethodPost, "exempt", "", "", nil, ""},
		{"header", http.MethodPost, "", "", token, nil, ""},
		{"wrong header", http.MethodPost, "", "", "forged", nil, domain.EFORBIDDEN},
		{"no token known", http.MethodPost, "stranger", echo.MIMEApplicationForm, "", []byte(url.Values{Field: {""}}.Encode()), domain.EFORBIDDEN},
		{"form", http.MethodPost, "", echo.MIMEApplicationForm, "", []byte(url.Values{"a": {"1"}, Field: {token}}.Encode()), ""},
		{"form without token", http.MethodPost, "", echo.MIMEApplicationForm, "", []byte("a=1"), domain.EFORBIDDEN},
		{"form too large", http.MethodPost, "", echo.MIMEApplicationForm, "", []byte(Field + "=" + token + "&pad=" + strings.Repeat("x", FormMaxBytes)), domain.ETOOLARGE},
		{"multipart, token first", http.MethodPost, "", bigType, "", big, ""},
		{"multipart, token after another field", http.MethodPost, "", afterType, "", after, domain.EFORBIDDEN},
		{"other body", http.MethodPost, "", "application/json", "", []byte(`{"csrf":"the-token"}`), domain.EFORBIDDEN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counted := &counting{r: bytes.NewReader(tt.body)}
			req := httptest.NewRequest(tt.method, "/", counted)
			req.Header.Set("Who", tt.who)
			if tt.contentType != "" {
				req.Header.Set(echo.HeaderContentType, tt.contentType)
			}
			if tt.header != "" {
				req.Header.Set(Header, tt.header)
			}
			e := echo.New()
			c := e.NewContext(req, httptest.NewRecorder())
			var read []byte
			err := Check(expected)(func(c echo.Context) error {
				var rerr error
				read, rerr = io.ReadAll(c.Request().Body)
				return rerr
			})(c)
			var de *domain.Error
			switch {
			case tt.code == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.code != "" && (!errors.As(err, &de) || de.Code != tt.code):
				t.Fatalf("error %v, want %s", err, tt.code)
			}
			if tt.code != "" && strings.HasPrefix(tt.contentType, echo.MIMEMultipartForm) && counted.n > PeekBytes {
				t.Errorf("read %d bytes of the body before refusing, want at most %d", counted.n, PeekBytes)
			}
			if tt.code == "" && strings.HasPrefix(tt.contentType, echo.MIMEMultipartForm) && !bytes.Equal(read, tt.body) {
				t.Errorf("the handler read %d bytes, not the body of %d unchanged", len(read), len(tt.body))
			}
		})
	}
}

package web

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/webkit/csrf"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// multipartUpload is a form with the given fields, in order, then a file
// "file" of size bytes (its first bytes are head, the rest spaces), and the
// form's content type.
func multipartUpload(t *testing.T, fields [][2]string, head []byte, size int) (io.Reader, string) {
	t.Helper()
	var start bytes.Buffer
	mw := multipart.NewWriter(&start)
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="upload.csv"`)
	h.Set("Content-Type", "text/csv")
	if _, err := mw.CreatePart(h); err != nil {
		t.Fatal(err)
	}
	start.Write(head)
	end := fmt.Sprintf("\r\n--%s--\r\n", mw.Boundary())
	return io.MultiReader(&start, io.LimitReader(spaces{}, int64(size-len(head))), strings.NewReader(end)), mw.FormDataContentType()
}

// spaces reads as an endless run of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// TestCSRFReadsNoBody: a multipart POST of 20 MB whose first part is not
// the right token is refused 403 having read at most csrf.PeekBytes of its
// body; with the right token first, the handler reads the whole body,
// unchanged.
func TestCSRFReadsNoBody(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@example.be", auth.RoleAgency, "JUST", false))
	const large = 20 << 20
	for _, target := range []string{"/submissions/preview", "/registers", "/api/v1/registers", "/api/v1/submissions"} {
		for _, tc := range []struct {
			name   string
			fields [][2]string
		}{
			{"no token", nil},
			{"wrong token", [][2]string{{csrfField, "forged"}}},
			{"token after another field", [][2]string{{"dry_run", "true"}, {csrfField, agency.csrf}}},
			{"token too long", [][2]string{{csrfField, agency.csrf + strings.Repeat("x", 2*csrf.PeekBytes)}}},
		} {
			t.Run(target+"/"+tc.name, func(t *testing.T) {
				body, contentType := multipartUpload(t, tc.fields, nil, large)
				counted := &countingReader{r: body}
				req := httptest.NewRequest(http.MethodPost, target, counted)
				req.Header.Set("Content-Type", contentType)
				req.AddCookie(&http.Cookie{Name: sessionCookie, Value: agency.session})
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusForbidden {
					t.Errorf("status %d, want 403", rec.Code)
				}
				if counted.n > csrf.PeekBytes {
					t.Errorf("read %d bytes of the body before refusing, want at most %d", counted.n, csrf.PeekBytes)
				}
			})
		}
	}

	t.Run("the right token first", func(t *testing.T) {
		file := longCSV(consistentObservations("JUST", 2024, 100))
		const size = 1 << 20 // the file, padded with spaces after its last row
		body, contentType := multipartUpload(t, [][2]string{{csrfField, agency.csrf}}, file, size)
		counted := &countingReader{r: body}
		req := httptest.NewRequest(http.MethodPost, "/submissions/preview?lang=en", counted)
		req.Header.Set("Content-Type", contentType)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: agency.session})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="confirm"`) {
			t.Fatalf("status %d, the preview offers no confirmation:\n%s", rec.Code, rec.Body.String())
		}
		if counted.n < size {
			t.Errorf("the handler read %d bytes of a body of more than %d", counted.n, size)
		}
	})
}

// TestCSRFFormCap: a URL-encoded form is read for its token up to
// csrf.FormMaxBytes; a larger one is refused 413 before any handler.
func TestCSRFFormCap(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	for _, tc := range []struct {
		name string
		pad  int
		want int
	}{
		{"small", 100, http.StatusSeeOther},
		{"over the cap", csrf.FormMaxBytes, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := coord.do(t, h, request{method: http.MethodPost, target: "/account/language",
				form: url.Values{"language": {"fr"}, "pad": {strings.Repeat("x", tc.pad)}}})
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d", rec.Code, tc.want)
			}
		})
	}
}

// TestMultipartFormsSendTheTokenFirst: the CSRF check reads only the first
// part of a multipart body, so every such form of the templates has the
// hidden csrf input before any other field.
func TestMultipartFormsSendTheTokenFirst(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	forms := 0
	for _, file := range files {
		data, err := fs.ReadFile(templateFS, file)
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range strings.Split(string(data), "<form")[1:] {
			start, _, _ := strings.Cut(form, ">")
			if !strings.Contains(start, `enctype="multipart/form-data"`) {
				continue
			}
			forms++
			fields := regexp.MustCompile(`<(input|select|textarea|button)\b[^>]*>`).FindAllString(form, -1)
			if len(fields) == 0 || !strings.Contains(fields[0], `type="hidden"`) || !strings.Contains(fields[0], `name="`+csrfField+`"`) {
				t.Errorf("%s: a multipart form's first field is not the csrf token: %v", file, fields)
			}
		}
	}
	if forms < 2 {
		t.Errorf("%d multipart forms found, want at least the two upload forms", forms)
	}
}

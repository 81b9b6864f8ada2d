package web

import (
	"io"
	"log/slog"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/pdf"
)

// pdfPageRE matches a page object, not the /Pages tree.
var pdfPageRE = regexp.MustCompile(`/Type\s*/Page[^s]`)

// The PDFs are printed by a real headless Chromium: the network report has
// a cover and at least one page per section; the letter too.
func TestReportPDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Skip("PDF tests need Chromium: apt-get install chromium (CI does)")
	}
	st := newTestStore(t)
	addSecondLine(t, st)
	r, err := pdf.New(pdf.Config{Timeout: 2 * time.Minute}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	srv, err := New(Config{Addr: "127.0.0.1:0", Version: "test", VersionTTL: -1, PDF: r}, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target   string
		sections int
	}{
		{"/reports/network.pdf?year=2024&lang=nl", len(reportSectionIDs)},
		{"/reports/organisations/FIN.pdf?year=2024&lang=fr", 7},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, srv.Handler(), tt.target)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
				t.Fatalf("status %d %s: %.300s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			body := rec.Body.Bytes()
			if !strings.HasPrefix(string(body), "%PDF-") {
				t.Fatalf("not a PDF: %.20q", body)
			}
			// A cover, then every section starts on a new page.
			if pages := len(pdfPageRE.FindAll(body, -1)); pages < tt.sections+1 {
				t.Errorf("%d pages for %d sections and a cover", pages, tt.sections)
			}
		})
	}
	t.Run("HTML links to its PDF", func(t *testing.T) {
		rec := get(t, srv.Handler(), "/reports/network?year=2024&lang=fr")
		if !strings.Contains(rec.Body.String(), `href="/reports/network.pdf?lang=fr&amp;year=2024"`) {
			t.Error("the report does not link to its PDF")
		}
	})
}

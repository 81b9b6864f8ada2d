package main

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/pdf"
	"github.com/fcmn/infocentre/internal/report"
)

func runReport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("report", e, "cli.usage.report")
	db := dbFlag(fs)
	year := fs.Int("year", 0, "cli.flag.report.year")
	group := fs.String("group", "", "cli.flag.report.group")
	org := fs.String("org", "", "cli.flag.report.org")
	allOrgs := fs.Bool("all-orgs", false, "cli.flag.report.all-orgs")
	format := fs.String("format", "html", "cli.flag.report.format")
	out := fs.String("out", "", "cli.flag.report.out")
	chromium := chromiumFlag(fs)
	rem := remoteFlags(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	// --lang, taken by run for every command, is the report's language too.
	lang := e.p.Lang()
	switch {
	case *year == 0 || *out == "":
		fmt.Fprintln(e.stderr, e.p.T("cli.error", e.p.T("cli.report.required")))
		fs.Usage()
		return errUsage
	case *format != report.FormatHTML && *format != report.FormatPDF && *format != report.FormatXLSX:
		return domain.Errorf(domain.EINVALID, "error.cli.report_format", *format)
	case *format == report.FormatXLSX && (*org != "" || *allOrgs):
		return domain.Errorf(domain.EINVALID, "error.cli.report_xlsx")
	case *allOrgs && !strings.HasSuffix(strings.ToLower(*out), ".zip"):
		return domain.Errorf(domain.EINVALID, "error.cli.report_zip")
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil {
		// The server prints the PDF with its own browser.
		if err := localOnly(fs, "chromium"); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := remoteReport(ctx, cl, &buf, *year, *group, *org, *allOrgs, lang, *format); err != nil {
			return err
		}
		return writeReport(e, *out, buf.Bytes())
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	code, err := orgCode(st, *org)
	if err != nil {
		return err
	}
	docs, err := report.NewDocuments(st, version, nil)
	if err != nil {
		return err
	}
	var printer report.Printer
	if *format == report.FormatPDF {
		r, err := pdf.New(pdf.Config{Chromium: *chromium, Dir: browserDir(st)}, e.logger)
		if err != nil {
			return fmt.Errorf("report: %w (install chromium or give --chromium PATH)", err)
		}
		defer r.Close()
		printer = r
	}
	var buf bytes.Buffer
	switch {
	case *allOrgs:
		err = writeAllLetters(ctx, docs, printer, &buf, st.Reference().OrganisationCodes(), *year, lang, *format)
	case code != "":
		err = docs.WriteLetter(ctx, &buf, printer, code, *year, lang, *format)
	default:
		err = docs.WriteNetwork(ctx, &buf, printer, *year, *group, lang, *format)
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return writeReport(e, *out, buf.Bytes())
}

func writeReport(e env, out string, data []byte) error {
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintln(e.stdout, e.p.T("report.cli.written", out, len(data)))
	return nil
}

// remoteReport is `report --server`: the server's own report pages
// (/reports/network, /reports/organisations/CODE, .pdf, .xlsx).
func remoteReport(ctx context.Context, cl *apiclient.Client, w io.Writer, year int, group, org string, allOrgs bool, lang, format string) error {
	ext := ""
	if format != report.FormatHTML {
		ext = "." + format
	}
	q := url.Values{"year": {strconv.Itoa(year)}, "lang": {lang}}
	if !allOrgs && org == "" {
		if group != "" {
			q.Set("group", group)
		}
		_, err := cl.Download(ctx, "/reports/network"+ext, q, w)
		return err
	}
	refs := &remoteReference{cl: cl}
	orgs, err := refs.Organisations(ctx)
	if err != nil {
		return err
	}
	var codes []string
	for _, o := range orgs {
		if allOrgs || strings.EqualFold(o.Code, org) {
			codes = append(codes, o.Code)
		}
	}
	switch {
	case len(codes) == 0:
		return domain.Errorf(domain.EINVALID, "error.cli.org_unknown", org)
	case !allOrgs:
		_, err := cl.Download(ctx, "/reports/organisations/"+pathEscape(codes[0])+ext, q, w)
		return err
	}
	sort.Strings(codes)
	zw := zip.NewWriter(w)
	for _, code := range codes {
		f, err := zw.Create(fmt.Sprintf("%s_%d_%s.%s", code, year, lang, format))
		if err != nil {
			return fmt.Errorf("letter %s: %w", code, err)
		}
		if _, err := cl.Download(ctx, "/reports/organisations/"+pathEscape(code)+ext, q, f); err != nil {
			return fmt.Errorf("letter %s: %w", code, err)
		}
	}
	return zw.Close()
}

// writeAllLetters writes every administration's letter into one zip, named
// CODE_YEAR_LANG.html or .pdf.
func writeAllLetters(ctx context.Context, docs *report.Documents, printer report.Printer, w io.Writer, codes []string, year int, lang, format string) error {
	zw := zip.NewWriter(w)
	for _, code := range codes {
		f, err := zw.Create(fmt.Sprintf("%s_%d_%s.%s", code, year, lang, format))
		if err != nil {
			return fmt.Errorf("letter %s: %w", code, err)
		}
		if err := docs.WriteLetter(ctx, f, printer, code, year, lang, format); err != nil {
			return fmt.Errorf("letter %s: %w", code, err)
		}
	}
	return zw.Close()
}

// chromiumFlag declares --chromium with its environment default.
func chromiumFlag(fs *flag.FlagSet) *string {
	return fs.String("chromium", os.Getenv("INFOCENTRE_CHROMIUM"), "cli.flag.chromium")
}

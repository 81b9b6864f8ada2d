package yeartemplate

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/fcmn/infocentre/internal/testfiles"
)

const (
	org  = "FIN"
	year = 2024
)

var valueCol, _ = excelize.ColumnNameToNumber(ValueColumn)

func write(tb testing.TB, st *store.Store, req Request) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), st, req, &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func fill(tb testing.TB, data []byte, values map[testfiles.Figure]float64) []byte {
	tb.Helper()
	out, err := testfiles.FillTemplate(data, ingest.TemplateSheet, HeaderRow, valueCol-1, values)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// load imports a file as the agency would and fails on any problem.
func load(tb testing.TB, st *store.Store, name string, data []byte) {
	tb.Helper()
	im := importer.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	rep, err := im.Import(context.Background(), importer.Request{Name: name, Data: data, Source: "test", Status: domain.StatusApproved})
	if err != nil {
		tb.Fatal(err)
	}
	if !rep.Accepted() || len(rep.Problems) > 0 {
		tb.Fatalf("%s: accepted %v, problems %+v", name, rep.Accepted(), rep.Problems)
	}
}

// stored is what the store holds now for org and y.
func stored(tb testing.TB, st *store.Store, y int) map[testfiles.Figure]float64 {
	tb.Helper()
	obs, err := st.Current(context.Background(), org, y)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[testfiles.Figure]float64{}
	for _, o := range obs {
		out[testfiles.Figure{Indicator: o.Indicator, Breakdown: o.Breakdown}] = o.Value
	}
	return out
}

func sameFigures(t *testing.T, got, want map[testfiles.Figure]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d values stored, want %d: %v", len(got), len(want), got)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s %s: stored %v (present %v), want %v", k.Indicator, k.Breakdown, g, ok, v)
		}
	}
}

// TestRoundTripWithAnotherLibrary: a template in each language, filled in
// with tealeg/xlsx (not excelize, which wrote it), imports with no problem
// at all and stores exactly the values typed, counts and decimal days.
func TestRoundTripWithAnotherLibrary(t *testing.T) {
	for _, lang := range locale.Languages() {
		t.Run(lang, func(t *testing.T) {
			st := storetest.Open(t)
			req := Request{Organisation: org, Year: year, Lang: lang}
			typed := testfiles.TemplateFigures()
			load(t, st, req.FileName(), fill(t, write(t, st, req), typed))
			sameFigures(t, stored(t, st, year), typed)
		})
	}
}

// TestPrefillUnchanged: a template filled with the values stored now, sent
// back unchanged, imports with no problem and changes no value; and the
// next year's template shows them as last year's approved values.
func TestPrefillUnchanged(t *testing.T) {
	st := storetest.Open(t)
	typed := testfiles.TemplateFigures()
	first := Request{Organisation: org, Year: year, Lang: "fr"}
	load(t, st, first.FileName(), fill(t, write(t, st, first), typed))

	again := Request{Organisation: org, Year: year, Lang: "nl", Prefill: true}
	load(t, st, again.FileName(), write(t, st, again))
	sameFigures(t, stored(t, st, year), typed)

	next := write(t, st, Request{Organisation: org, Year: year + 1, Lang: "en"})
	f, err := excelize.OpenReader(bytes.NewReader(next))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(ingest.TemplateSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Approved value " + strconv.Itoa(year); rows[HeaderRow-1][7] != want {
		t.Errorf("header of column H = %q, want %q", rows[HeaderRow-1][7], want)
	}
	shown := map[testfiles.Figure]float64{}
	for _, r := range rows[HeaderRow:] {
		for len(r) < valueCol {
			r = append(r, "")
		}
		if r[valueCol-1] != "" {
			t.Errorf("%s %s: input %q, want empty without --prefill", r[2], r[3], r[valueCol-1])
		}
		v, err := strconv.ParseFloat(r[7], 64)
		if err != nil {
			t.Fatalf("%s %s: last year's value %q: %v", r[2], r[3], r[7], err)
		}
		shown[testfiles.Figure{Indicator: r[2], Breakdown: r[3]}] = v
	}
	sameFigures(t, shown, typed)
}

// TestEmptyTemplateRefused: a template sent back without a value is
// refused with one problem, template_empty, at the template's sheet, and
// nothing is stored.
func TestEmptyTemplateRefused(t *testing.T) {
	for _, lang := range locale.Languages() {
		t.Run(lang, func(t *testing.T) {
			st := storetest.Open(t)
			req := Request{Organisation: org, Year: year, Lang: lang}
			im := importer.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
			// Saved unchanged by another library, as a person's spreadsheet would.
			data := fill(t, write(t, st, req), nil)
			rep, err := im.Import(context.Background(), importer.Request{Name: req.FileName(), Data: data, Source: "test", Status: domain.StatusApproved})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Accepted() || len(rep.Problems) != 1 || rep.Problems[0].Code != "template_empty" {
				t.Fatalf("accepted %v, problems %+v; want one template_empty", rep.Accepted(), rep.Problems)
			}
			if pl := rep.Problems[0].Place; pl.Sheet != ingest.TemplateSheet || pl.Row != 0 || pl.File != req.FileName() {
				t.Errorf("place %+v, want the file's sheet %s", pl, ingest.TemplateSheet)
			}
			if has, err := st.HasSubmissions(context.Background()); err != nil || has {
				t.Errorf("a submission was stored (%v, %v)", has, err)
			}
		})
	}
}

// sheetProtection is the worksheet's protection element as written.
var sheetProtection = regexp.MustCompile(`<sheetProtection[^>]*>`)

// TestProtectionAndValidation: the sheet is protected without a password;
// exactly the value cells of the figures' rows are unlocked, and each
// carries the rule of its indicator (whole ≥ 0 for counts, 0 to 14 for the
// criteria met, decimal ≥ 0 for days) with an input message in the
// template's language.
func TestProtectionAndValidation(t *testing.T) {
	st := storetest.Open(t)
	for _, lang := range locale.Languages() {
		t.Run(lang, func(t *testing.T) {
			data := write(t, st, Request{Organisation: org, Year: year, Lang: lang})
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			part, err := zr.Open("xl/worksheets/sheet1.xml")
			if err != nil {
				t.Fatal(err)
			}
			xml, _ := io.ReadAll(part)
			prot := sheetProtection.Find(xml)
			if prot == nil || !regexp.MustCompile(`\ssheet="(1|true)"`).Match(prot) || bytes.Contains(prot, []byte("assword")) || bytes.Contains(prot, []byte("hashValue")) {
				t.Fatalf("sheet protection %q: want the sheet protected, without a password", prot)
			}

			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := ingest.TemplateSheet
			rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			last := len(rows)
			if last-HeaderRow != len(testfiles.TemplateFigures()) {
				t.Errorf("%d lines, want one per figure (%d)", last-HeaderRow, len(testfiles.TemplateFigures()))
			}
			p := locale.NewPrinter(lang)
			if got := rows[HeaderRow-1][valueCol-1]; got != p.T("template.column.value") {
				t.Errorf("value header %q", got)
			}
			dvs, err := f.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			rule := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				rule[dv.Sqref] = dv
			}
			if len(rule) != last-HeaderRow {
				t.Errorf("%d validations, want %d", len(rule), last-HeaderRow)
			}
			for r := 1; r <= last+2; r++ {
				for c := 1; c <= len(columns)+2; c++ {
					cell, _ := excelize.CoordinatesToCellName(c, r)
					id, err := f.GetCellStyle(sheet, cell)
					if err != nil {
						t.Fatal(err)
					}
					style, err := f.GetStyle(id)
					if err != nil {
						t.Fatal(err)
					}
					open := style.Protection != nil && !style.Protection.Locked
					input := c == valueCol && r > HeaderRow && r <= last
					if open != input {
						t.Errorf("%s: unlocked %v, want %v", cell, open, input)
					}
					if !input {
						continue
					}
					dv := rule[cell]
					if dv == nil {
						t.Errorf("%s: no data validation", cell)
						continue
					}
					indicator, unit := rows[r-1][2], ""
					want := [3]string{"whole", "greaterThanOrEqual", "0"}
					msg := "template.input.count"
					switch indicator {
					case "criteria_met":
						want, msg = [3]string{"whole", "between", "0"}, "template.input.criteria"
						if dv.Formula2 != "14" {
							t.Errorf("%s: criteria_met up to %q, want 14", cell, dv.Formula2)
						}
					case "avg_days", "median_days":
						want, msg = [3]string{"decimal", "greaterThanOrEqual", "0"}, "template.input.days"
					}
					unit = rows[r-1][6]
					if got := [3]string{dv.Type, dv.Operator, dv.Formula1}; got != want {
						t.Errorf("%s (%s, %s): validation %v, want %v", cell, indicator, unit, got, want)
					}
					if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt != p.T(msg) || !dv.ShowErrorMessage {
						t.Errorf("%s: input message %v shown %v, want %q", cell, dv.Prompt, dv.ShowInputMessage, p.T(msg))
					}
				}
			}
		})
	}
}

// TestRefusals: what no template can be made for is a domain error, and
// nothing is written.
func TestRefusals(t *testing.T) {
	st := storetest.Open(t)
	for _, c := range []struct {
		name string
		req  Request
		code string
		key  string
	}{
		{"unknown organisation", Request{Organisation: "NOPE", Year: year, Lang: "nl"}, domain.ENOTFOUND, "error.unknown_organisation"},
		{"before the organisation existed", Request{Organisation: org, Year: 2005, Lang: "nl"}, domain.EINVALID, "error.template_inactive"},
		{"year out of range", Request{Organisation: org, Year: 1999, Lang: "nl"}, domain.EINVALID, "error.param_year"},
		{"language", Request{Organisation: org, Year: year, Lang: "de"}, domain.EINVALID, "error.param_choice"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(context.Background(), st, c.req, &buf)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != c.code || de.Key != c.key {
				t.Fatalf("error %v, want %s %s", err, c.code, c.key)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written", buf.Len())
			}
		})
	}
}

package register

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/xuri/excelize/v2"
)

// expectedRules are the figures of testdata/rules_*.csv, worked out by hand
// from the nine complaints (R1..R9) with the default terms (5 and 30 days):
//
//	2023: R1..R6 received. R3 inadmissible. Closed by 31/12/2023: R1 (30
//	days), R2 (31 days), R6 (213 days, closed on 31/12 itself); R4 closes in
//	2024 and R5 is open, so 2 open. Acknowledged within 5 days: R1 (exactly
//	5), R4 (2), R6 (0); R2 took 6, R5 none. Closed within 30: R1 only.
//	avg_days = (30+31+213)/3. Second line: R2. Processing times of the
//	closed: 30 and 31 (21-45 days), 213 (over 90); the median is 31.
//	2024: R7..R9 received, R8 inadmissible. R7 closed the day it came, R9
//	open. Acknowledged in time: R7 (exactly 5); R9 took 19. Second line: R7, R8
//	(inadmissible complaints count too). R7 took 0 days: 0-20, median 0.
var expectedRules = map[int]map[string]float64{
	2023: {
		"received": 6, "admissible": 5, "inadmissible": 1, "closed": 3, "open_end_of_year": 2,
		"founded": 1, "partly_founded": 1, "unfounded": 1, "ack_on_time": 3, "closed_on_time": 1,
		"avg_days": 274.0 / 3, "second_line": 1,
		"by_channel:email": 3, "by_channel:letter": 1, "by_channel:phone": 1, "by_channel:webform": 1,
		"by_channel:counter": 0, "by_channel:fax": 0, "by_channel:other": 0,
		"by_language:nl": 3, "by_language:fr": 2, "by_language:de": 1, "by_language:en": 0, "by_language:other": 0,
		"founded_by_type:quality": 1, "founded_by_type:attitude": 1,
		"founded_by_type:procedure": 0, "founded_by_type:complaint_handling": 0,
		"median_days": 31, "by_processing_time:d0_20": 0, "by_processing_time:d21_45": 2,
		"by_processing_time:d46_90": 0, "by_processing_time:d91_plus": 1,
	},
	2024: {
		"received": 3, "admissible": 2, "inadmissible": 1, "closed": 1, "open_end_of_year": 1,
		"founded": 1, "partly_founded": 0, "unfounded": 0, "ack_on_time": 1, "closed_on_time": 1,
		"avg_days": 0, "second_line": 2,
		"by_channel:email": 1, "by_channel:letter": 1, "by_channel:counter": 1, "by_channel:phone": 0,
		"by_channel:webform": 0, "by_channel:fax": 0, "by_channel:other": 0,
		"by_language:nl": 1, "by_language:fr": 1, "by_language:en": 1, "by_language:de": 0, "by_language:other": 0,
		"founded_by_type:complaint_handling": 1, "founded_by_type:quality": 0,
		"founded_by_type:attitude": 0, "founded_by_type:procedure": 0,
		"median_days": 0, "by_processing_time:d0_20": 1, "by_processing_time:d21_45": 0,
		"by_processing_time:d46_90": 0, "by_processing_time:d91_plus": 0,
	},
}

// byKey indexes observations as year -> "indicator[:breakdown]" -> value.
func byKey(tb testing.TB, org string, obs []domain.Observation) map[int]map[string]float64 {
	tb.Helper()
	out := map[int]map[string]float64{}
	for _, o := range obs {
		if o.Organisation != org {
			tb.Errorf("observation of %s, want only %s: %+v", o.Organisation, org, o)
		}
		key := o.Indicator
		if o.Breakdown != "" {
			key += ":" + o.Breakdown
		}
		if out[o.Year] == nil {
			out[o.Year] = map[string]float64{}
		}
		out[o.Year][key] = o.Value
	}
	return out
}

func compareFigures(tb testing.TB, got, want map[int]map[string]float64) {
	tb.Helper()
	for year, figures := range want {
		for key, w := range figures {
			g, ok := got[year][key]
			switch {
			case !ok:
				tb.Errorf("%d %s: missing, want %v", year, key, w)
			case fmt.Sprintf("%.9f", g) != fmt.Sprintf("%.9f", w):
				tb.Errorf("%d %s = %v, want %v", year, key, g, w)
			}
		}
		if len(got[year]) != len(figures) {
			tb.Errorf("%d: %d figures, want %d", year, len(got[year]), len(figures))
		}
	}
	if len(got) != len(want) {
		tb.Errorf("years %v, want %d years", got, len(want))
	}
}

// TestRulesInThreeLanguages imports the same nine complaints written in
// English (title line, ISO dates), Dutch (Windows-1252, ';', d/m/yyyy,
// CRLF, a blank line; once with a title holding a dash and typographic
// quotes, the bytes where Windows-1252 is not Latin-1) and French (tabs,
// organisation in the file name; accented values, in UTF-8 and in
// Windows-1252), and XLSX with date cells: the figures
// must be the hand-made ones.
func TestRulesInThreeLanguages(t *testing.T) {
	xlsx := writeRulesXLSX(t)
	for _, file := range []string{"testdata/rules_en.csv", "testdata/rules_nl.csv", "testdata/rules_nl_quotes.csv", "testdata/plaintes FIN 2023-2024.csv",
		"testdata/plaintes FIN 2023-2024 ansi.csv", xlsx} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			st := storetest.Open(t)
			res, err := NewImporter(st).Import(context.Background(), Request{Path: file, Source: "test", Status: domain.StatusApproved})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Accepted() {
				t.Fatalf("refused: %v", res.Problems)
			}
			if res.Rows != 9 || fmt.Sprint(res.Years) != "[2023 2024]" || fmt.Sprint(res.Organisations) != "[FIN]" {
				t.Errorf("rows %d, years %v, organisations %v", res.Rows, res.Years, res.Organisations)
			}
			compareFigures(t, byKey(t, "FIN", res.Stored.Observations), expectedRules)
			// What was computed is what is published.
			pub, err := st.Published(context.Background(), store.Filter{Organisations: []string{"FIN"}})
			if err != nil {
				t.Fatal(err)
			}
			compareFigures(t, byKey(t, "FIN", pub), expectedRules)
			subs := res.Stored.Stored.Created
			if len(subs) != 2 || subs[0].Kind != domain.KindRegister || subs[0].Status != domain.StatusApproved {
				t.Errorf("submissions %+v, want two approved of kind register", subs)
			}
			n, err := st.RegisterRows(context.Background(), "FIN")
			if err != nil || n != 9 {
				t.Errorf("register rows kept for FIN: %d, %v; want 9", n, err)
			}
		})
	}
}

// writeRulesXLSX writes the English register as a workbook whose dates are
// date cells (Excel serial numbers), on a second sheet under a title.
func writeRulesXLSX(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("testdata/rules_en.csv")
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Notes")
	f.SetCellValue("Notes", "A1", "See the next sheet")
	f.NewSheet("Register")
	f.SetCellValue("Register", "A1", "Organisation : FPS Finance")
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")[3:] // from the header
	for i, line := range lines {
		for j, cell := range strings.Split(line, ",") {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+3)
			var v any = cell
			if d, err := time.Parse("2006-01-02", cell); err == nil {
				v = d
			}
			if err := f.SetCellValue("Register", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "register.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTerms: with FIN's terms at 6 and 31 days, R2 (6 and 31 days) is on
// time too.
func TestTerms(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	if err := st.SetTerms(ctx, "FIN", store.Terms{AckDays: 6, AnswerDays: 31}); err != nil {
		t.Fatal(err)
	}
	res, err := NewImporter(st).Import(ctx, Request{Path: "testdata/rules_en.csv", Source: "test", Status: domain.StatusSubmitted, DryRun: true})
	if err != nil || !res.Accepted() {
		t.Fatalf("%v %v", err, res)
	}
	got := byKey(t, "FIN", res.Stored.Observations)
	if got[2023]["ack_on_time"] != 4 || got[2023]["closed_on_time"] != 2 {
		t.Errorf("2023 ack_on_time %v closed_on_time %v, want 4 and 2", got[2023]["ack_on_time"], got[2023]["closed_on_time"])
	}
	if len(res.Stored.Stored.Created) != 0 || res.Stored.Upload != 0 {
		t.Errorf("a dry run wrote %+v", res.Stored)
	}
	if n, _ := st.RegisterRows(ctx, "FIN"); n != 0 {
		t.Errorf("a dry run kept %d register rows", n)
	}
}

// TestBadRows: every kind of bad row is reported at its row, and the file
// leaves the database as it was.
func TestBadRows(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	res, err := NewImporter(st).Import(ctx, Request{Path: "testdata/bad.csv", Source: "test", Status: domain.StatusApproved})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		row     int
		header  string
		message string
	}{
		{2, "Date closed", "closed before it was received"},
		{3, "Channel", "unknown channel"},
		{4, "Date received", "unreadable date"},
		{6, "Complaint number", "duplicate complaint number: already on row 5"},
	}
	if res.Accepted() || res.BadRows != len(want) || len(res.Problems) != len(want) || res.MoreProblems != 0 {
		t.Fatalf("accepted %v, %d bad rows, problems %v", res.Accepted(), res.BadRows, res.Problems)
	}
	for i, w := range want {
		p := res.Problems[i]
		if p.Place.Row != w.row || p.Place.Header != w.header || !strings.HasPrefix(p.Text(locale.NewPrinter("en")), w.message) {
			t.Errorf("problem %d = %s; want row %d, %s: %s", i, p, w.row, w.header, w.message)
		}
	}
	assertEmpty(t, st)
}

// TestRefusedWorkbook: an XLSX is checked in the pass that appends its
// rows, so a refused one has had rows appended; they are rolled back, and
// its problems are those of the same rows in a CSV. The duplicate is only
// known once every row is read.
func TestRefusedWorkbook(t *testing.T) {
	bad, err := os.ReadFile("testdata/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, csv string
		want      []string
	}{
		{"bad rows", string(bad), []string{
			"2 Date closed: closed before it was received",
			"3 Channel: unknown channel",
			"4 Date received: unreadable date",
			"6 Complaint number: duplicate complaint number: already on row 5",
		}},
		{"a duplicate last", "Complaint number,Date received,Channel,Language,Admissible\n" +
			"A,2023-01-01,email,nl,yes\nB,2023-01-02,email,nl,yes\nA,2023-01-03,email,nl,yes\n",
			[]string{"4 Complaint number: duplicate complaint number: already on row 2"}},
	}
	en := locale.NewPrinter("en")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.Open(t)
			res, err := NewImporter(st).Import(context.Background(), Request{Path: csvAsXLSX(t, c.csv), Source: "test", Status: domain.StatusApproved})
			if err != nil {
				t.Fatal(err)
			}
			if res.Accepted() || res.BadRows != len(c.want) || len(res.Problems) != len(c.want) {
				t.Fatalf("accepted %v, %d bad rows, problems %v", res.Accepted(), res.BadRows, res.Problems)
			}
			for i, w := range c.want {
				p := res.Problems[i]
				if got := fmt.Sprintf("%d %s: %s", p.Place.Row, p.Place.Header, p.Text(en)); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d = %q, want %q", i, got, w)
				}
			}
			assertEmpty(t, st)
		})
	}
}

// csvAsXLSX writes the lines of a CSV text as the rows of a workbook named
// for FIN, ISO dates as date cells.
func csvAsXLSX(t *testing.T, text string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		for j, cell := range strings.Split(line, ",") {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var v any = cell
			if d, err := time.Parse("2006-01-02", cell); err == nil {
				v = d
			}
			if err := f.SetCellValue("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "FIN register.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func assertEmpty(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if hist, err := st.History(ctx, "FIN"); err != nil || len(hist) != 0 {
		t.Errorf("submissions after a refused register: %v %v", hist, err)
	}
	if n, err := st.RegisterRows(ctx, "FIN"); err != nil || n != 0 {
		t.Errorf("register rows after a refused register: %d %v", n, err)
	}
}

// TestManyBadRows: the first MaxProblems problems are listed, the rest
// counted.
func TestManyBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("Complaint number;Date received;Channel;Language;Admissible\n")
	for i := range 150 {
		fmt.Fprintf(&b, "N%d;2023-01-01;carrier pigeon;nl;yes\n", i)
	}
	path := filepath.Join(t.TempDir(), "FIN register.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	res, err := NewImporter(st).Import(context.Background(), Request{Path: path, Source: "test", Status: domain.StatusApproved})
	if err != nil {
		t.Fatal(err)
	}
	if res.Accepted() || res.BadRows != 150 || len(res.Problems) != MaxProblems || res.MoreProblems != 50 {
		t.Fatalf("accepted %v, %d bad rows, %d listed, %d more", res.Accepted(), res.BadRows, len(res.Problems), res.MoreProblems)
	}
	if first, last := res.Problems[0].Place.Row, res.Problems[MaxProblems-1].Place.Row; first != 2 || last != 101 {
		t.Errorf("listed rows %d..%d, want 2..101", first, last)
	}
	assertEmpty(t, st)
}

// TestCombinesWithAggregateFile: a register for 2023 and an aggregate file
// with the indicators a register cannot give make that year's figures.
func TestCombinesWithAggregateFile(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	if _, err := NewImporter(st).Import(ctx, Request{Path: "testdata/rules_en.csv", Source: "test", Status: domain.StatusApproved}); err != nil {
		t.Fatal(err)
	}
	_, err := st.Import(ctx, store.ImportRequest{FileName: "rest.csv", SHA256: strings.Repeat("a", 64), Source: "test",
		Kind: domain.KindFile, Status: domain.StatusApproved, Observations: []domain.Observation{
			{Organisation: "FIN", Year: 2023, Indicator: "suggestions", Value: 4},
			{Organisation: "FIN", Year: 2023, Indicator: "criteria_met", Value: 12},
		}})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := st.Published(ctx, store.Filter{Organisations: []string{"FIN"}, Years: []int{2023}})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, "FIN", pub)[2023]
	if got["suggestions"] != 4 || got["criteria_met"] != 12 || got["received"] != 6 || got["avg_days"] == 0 {
		t.Errorf("2023 published %v: want the register's figures and the file's", got)
	}
}

// TestSameRegisterTwice: importing the very same register again changes
// nothing.
func TestSameRegisterTwice(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	im := NewImporter(st)
	for i, wantCreated := range []int{2, 0} {
		res, err := im.Import(ctx, Request{Path: "testdata/rules_en.csv", Source: "test", Status: domain.StatusApproved})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Stored.Stored.Created) != wantCreated || (i == 1 && len(res.Stored.Stored.Unchanged) != 2) {
			t.Errorf("import %d: %+v", i+1, res.Stored.Stored)
		}
	}
	if n, _ := st.RegisterRows(ctx, "FIN"); n != 9 {
		t.Errorf("%d register rows kept, want 9", n)
	}
}

// TestNotARegister: files that are no register are refused with a reason.
func TestNotARegister(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content, want string
	}{
		{"FIN aggregate.csv", "organisation,year,indicator,value\nFIN,2023,received,4\n", "FIN aggregate.csv holds yearly figures"},
		{"FIN notes.csv", "To do,Who\nCall back,Anne\n", "no register header"},
		{"nobody.csv", "Complaint number,Date received,Channel,Language,Admissible\nA,2023-01-01,email,nl,yes\n", "does not say whose"},
		{"FIN short.csv", "Complaint number,Date received,Channel\nA,2023-01-01,email\n", "no language, admissible column"},
	}
	st := storetest.Open(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := NewImporter(st).Import(context.Background(), Request{Path: path, Source: "test", Status: domain.StatusApproved})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	// The figures given as a register are sent where they go, in the
	// reader's language.
	_, err := NewImporter(st).Import(context.Background(), Request{Path: filepath.Join(dir, "FIN aggregate.csv"), Source: "test", Status: domain.StatusApproved})
	var de *domain.Error
	if !errors.As(err, &de) {
		t.Fatalf("error %v", err)
	}
	for lang, want := range map[string]string{"nl": "bevat jaarcijfers", "fr": "contient des chiffres annuels"} {
		if got := de.Text(locale.NewPrinter(lang)); !strings.Contains(got, want) || !strings.Contains(got, "/submissions/new") {
			t.Errorf("%s: %q", lang, got)
		}
	}
}

// TestHashClashes: rows whose complaint numbers share a hash are told apart
// by their texts; only real repeats are duplicates, each of its first row.
func TestHashClashes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "FIN.csv")
	content := "Complaint number,Date received,Channel,Language,Admissible\n" +
		"A,2023-01-01,email,nl,yes\nB,2023-01-01,email,nl,yes\nB,2023-01-01,email,nl,yes\nA,2023-01-01,email,nl,yes\nC,2023-01-01,email,nl,yes\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewReader(ref).Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// As if every number had the same hash.
	var nums numbers
	for row := int32(2); row <= 6; row++ {
		nums.add(7, row, false)
	}
	dups, err := f.duplicates(nums.clashes(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dups); got != "{[{4 3 B} {5 2 A}] 2 2}" {
		t.Errorf("duplicates %s, want row 4 of row 3 (B) and row 5 of row 2 (A)", got)
	}
	// Listed up to the limit, counted beyond it.
	dups, err = f.duplicates(nums.clashes(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(dups); got != "{[{4 3 B}] 2 2}" {
		t.Errorf("duplicates with a limit of 1: %s, want row 4 listed and 2 counted", got)
	}
}

// TestOrganisationColumn: a register naming the organisation on each row
// (name or code) yields each organisation's figures; the same complaint
// number may recur across organisations.
func TestOrganisationColumn(t *testing.T) {
	st := storetest.Open(t)
	res, err := NewImporter(st).Import(context.Background(), Request{Path: "testdata/two_organisations.csv", Source: "test", Status: domain.StatusApproved})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Accepted() || fmt.Sprint(res.Organisations) != "[FIN JUST]" {
		t.Fatalf("accepted %v, organisations %v, problems %v", res.Accepted(), res.Organisations, res.Problems)
	}
	got := map[string]map[string]float64{}
	for _, o := range res.Stored.Observations {
		if got[o.Organisation] == nil {
			got[o.Organisation] = map[string]float64{}
		}
		key := o.Indicator
		if o.Breakdown != "" {
			key += ":" + o.Breakdown
		}
		got[o.Organisation][key] = o.Value
	}
	// FIN: one letter, closed in 8 days, acknowledged in 1. JUST: an e-mail
	// acknowledged in 7 days (late), closed in 48 (late), founded; and an
	// inadmissible phone call.
	want := map[string]map[string]float64{
		"FIN":  {"received": 1, "admissible": 1, "closed": 1, "unfounded": 1, "ack_on_time": 1, "closed_on_time": 1, "avg_days": 8, "by_channel:letter": 1},
		"JUST": {"received": 2, "admissible": 1, "inadmissible": 1, "closed": 1, "founded": 1, "ack_on_time": 0, "closed_on_time": 0, "avg_days": 48, "by_channel:email": 1, "by_channel:phone": 1, "founded_by_type:complaint_handling": 1},
	}
	for org, figures := range want {
		for key, w := range figures {
			if g, ok := got[org][key]; !ok || g != w {
				t.Errorf("%s %s = %v (present %v), want %v", org, key, g, ok, w)
			}
		}
	}
}

// TestQuotedFields: quoted cells holding the separator or a line break are
// read alike by the validation pass and DuckDB, and rows keep their line
// numbers.
func TestQuotedFields(t *testing.T) {
	dir := t.TempDir()
	head := "Complaint number,Date received,Channel,Language,Admissible,Remark\n" +
		"Q1,2023-01-02,email,nl,yes,plain\n" +
		"Q2,2023-01-03,\"E-mail\",nl,yes,\"with, comma\"\n" +
		"Q3,2023-01-04,email,nl,yes,\"two\nlines\"\n"
	cases := []struct {
		name, tail string
		rows       int
		badRow     int
	}{
		{"FIN good.csv", "Q4,2023-01-05,letter,fr,no,x\n", 4, 0},
		{"FIN bad.csv", "Q4,2023-01-05,pigeon,fr,no,x\n", 4, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name)
			if err := os.WriteFile(path, []byte(head+c.tail), 0o600); err != nil {
				t.Fatal(err)
			}
			st := storetest.Open(t)
			res, err := NewImporter(st).Import(context.Background(), Request{Path: path, Source: "test", Status: domain.StatusApproved})
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != c.rows {
				t.Errorf("%d rows, want %d", res.Rows, c.rows)
			}
			if c.badRow == 0 {
				got := byKey(t, "FIN", res.Stored.Observations)[2023]
				if !res.Accepted() || got["received"] != 4 || got["by_channel:email"] != 3 || got["inadmissible"] != 1 {
					t.Errorf("accepted %v, figures %v, problems %v", res.Accepted(), got, res.Problems)
				}
				return
			}
			if res.Accepted() || len(res.Problems) != 1 || res.Problems[0].Place.Row != c.badRow {
				t.Errorf("problems %v, want one on row %d", res.Problems, c.badRow)
			}
		})
	}
}

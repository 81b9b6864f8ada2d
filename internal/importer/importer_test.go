package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer/longgen"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/fcmn/infocentre/samples"
)

func mustImporter(tb testing.TB) (*Importer, *store.Store) {
	tb.Helper()
	st := storetest.Open(tb)
	return New(st, slog.New(slog.NewTextHandler(io.Discard, nil))), st
}

// published renders the published figures as the export CSV lines.
func published(tb testing.TB, st *store.Store) []string {
	tb.Helper()
	obs, err := st.Published(context.Background(), store.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]string, len(obs))
	for i, o := range obs {
		out[i] = strings.Join([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)}, ",")
	}
	return out
}

// TestSamplesImportToExpected imports every sample file in name order and
// compares the published figures with samples/expected.csv, line by line.
func TestSamplesImportToExpected(t *testing.T) {
	im, st := mustImporter(t)
	n, err := im.LoadDemo(context.Background(), samples.Files())
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("only %d sample files imported", n)
	}
	recs, err := csv.NewReader(bytes.NewReader(samples.Expected())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := published(t, st)
	if len(got) != len(recs)-1 {
		t.Fatalf("%d published values, expected.csv has %d", len(got), len(recs)-1)
	}
	for i, rec := range recs[1:] {
		if want := strings.Join(rec, ","); got[i] != want {
			t.Errorf("value %d = %s, want %s", i, got[i], want)
		}
	}
	// A second demo load into a database that has data does nothing.
	if n, err := im.LoadDemo(context.Background(), samples.Files()); err != nil || n != 0 {
		t.Errorf("second demo load = %d, %v; want 0, nil", n, err)
	}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	good, err := os.ReadFile("../../ingest/testdata/long_en.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("testdata/bad_rules.csv")
	if err != nil {
		t.Fatal(err)
	}
	im, st := mustImporter(t)

	rep, err := im.Import(ctx, Request{Name: "long_en.csv", Data: good, Source: "test", Status: domain.StatusApproved, DryRun: true})
	if err != nil || !rep.Accepted() || len(rep.Stored.Created) != 0 {
		t.Fatalf("dry run: %v, accepted %v, created %v", err, rep.Accepted(), rep.Stored.Created)
	}
	if got := published(t, st); len(got) != 0 {
		t.Fatalf("dry run wrote %d values", len(got))
	}

	rep, err = im.Import(ctx, Request{Name: "long_en.csv", Data: good, Source: "test", Status: domain.StatusApproved})
	if err != nil || len(rep.Stored.Created) != 1 || rep.Stored.Created[0].Version != 1 {
		t.Fatalf("first import: %v, %+v", err, rep.Stored)
	}
	before := published(t, st)

	rep, err = im.Import(ctx, Request{Name: "again.csv", Data: good, Source: "test", Status: domain.StatusApproved})
	if err != nil || len(rep.Stored.Created) != 0 || len(rep.Stored.Unchanged) != 1 {
		t.Fatalf("identical import: %v, %+v", err, rep.Stored)
	}

	history, err := st.History(ctx, "FIN")
	if err != nil {
		t.Fatal(err)
	}

	// The file contradicts itself (21 + 100 != 120), and its by_channel parts
	// do not add up: refused with located errors, nothing written.
	rep, err = im.Import(ctx, Request{Name: "bad_rules.csv", Data: bad, Source: "test", Status: domain.StatusApproved})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Accepted() {
		t.Fatal("inconsistent file accepted")
	}
	var msgs []string
	for _, p := range rep.Problems {
		msgs = append(msgs, string(p.Severity)+": "+p.String())
	}
	want := []string{
		"error: bad_rules.csv, row 2: FIN 2023: expected admissible + inadmissible = received, but admissible = 100, inadmissible = 21, received = 120",
		"warning: bad_rules.csv, row 3: FIN 2023: expected closed + open_end_of_year = admissible, but admissible = 100, closed = 90, open_end_of_year = 5",
		"error: bad_rules.csv, row 2: FIN 2023: expected the parts of by_channel add up to received, but by_channel = 119, received = 120",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if after := published(t, st); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("refused file changed the published figures")
	}
	// The rules refused it while it was being written: the transaction was
	// rolled back, no submission was added.
	if after, err := st.History(ctx, "FIN"); err != nil || len(after) != len(history) {
		t.Errorf("history after a refused file: %d submissions (was %d), %v", len(after), len(history), err)
	}
}

// TestRegisterGivenForFigures: a complaint register given to the indicator
// import is refused with one problem that says where it goes, in every
// language, however it is written (CSV with a title line, XLSX).
func TestRegisterGivenForFigures(t *testing.T) {
	im, st := mustImporter(t)
	tsv, err := os.ReadFile(filepath.Join("testdata", "register_fin.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	titled := append([]byte("Registre des plaintes – SPF Finances\r\n\r\n"), bytes.ReplaceAll(tsv, []byte("\n"), []byte("\r\n"))...)
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Klachten")
	f.SetSheetRow("Klachten", "A1", &[]any{"Klachtenregister 2023"})
	f.SetSheetRow("Klachten", "A3", &[]any{"Klachtnummer", "Datum ontvangst", "Kanaal", "Taal"})
	f.SetSheetRow("Klachten", "A4", &[]any{"K-1", "10/01/2023", "E-mail", "Nederlands"})
	var xlsx bytes.Buffer
	if err := f.Write(&xlsx); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		row  int
	}{
		{"plaintes FIN.tsv", tsv, 1},
		{"plaintes FIN.csv", titled, 3},
		{"klachten.xlsx", xlsx.Bytes(), 3},
	}
	want := map[string]string{"nl": "dit is een klachtenregister", "fr": "ceci est un registre des plaintes", "en": "this is a complaint register"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := im.Check(context.Background(), tt.name, tt.data, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Accepted() || len(rep.Problems) != 1 || rep.Problems[0].Code != "file_is_register" || rep.Problems[0].Place.Row != tt.row {
				t.Fatalf("problems %+v", rep.Problems)
			}
			for lang, text := range want {
				if got := rep.Problems[0].Sentence(locale.NewPrinter(lang)); !strings.Contains(got, text) || !strings.Contains(got, "/registers/new") {
					t.Errorf("%s: %q", lang, got)
				}
			}
		})
	}
	if got := published(t, st); len(got) != 0 {
		t.Errorf("a check stored %v", got)
	}
}

// TestExportedShapeReadsAsPlain: the two files of the CSV benchmarks, the
// generator's plain one and the one shaped as administrations export it,
// import to exactly the observations they were written from.
func TestExportedShapeReadsAsPlain(t *testing.T) {
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	obs := longgen.Observations(ref, 2020, 2021)
	dir := t.TempDir()
	plain, exported := filepath.Join(dir, "long.csv"), filepath.Join(dir, "export plaintes.csv")
	if err := longgen.WriteCSV(plain, obs); err != nil {
		t.Fatal(err)
	}
	if err := longgen.WriteCSVAsExported(exported, ref, obs); err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(obs))
	for i, o := range obs {
		want[i] = strings.Join([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)}, ",")
	}
	slices.Sort(want)
	for _, file := range []string{plain, exported} {
		im, st := mustImporter(t)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := im.Import(context.Background(), Request{Name: filepath.Base(file), Data: data, Source: "test", Status: domain.StatusApproved})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Accepted() || len(rep.Problems) > 0 {
			t.Fatalf("%s: accepted %v, problems %v", file, rep.Accepted(), rep.Problems)
		}
		got := published(t, st)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d published figures differ from the %d written", filepath.Base(file), len(got), len(want))
		}
	}
}

package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fcmn/infocentre/internal/domain"
)

// duplicateRows is a long-layout CSV of n rows that all give a value for the
// same organisation, year and indicator: n-1 duplicates.
func duplicateRows(n int) []byte {
	var b strings.Builder
	b.WriteString("Organisation;Year;Indicator;Value\n")
	for i := range n {
		fmt.Fprintf(&b, "FIN;2023;received;%d\n", i)
	}
	return []byte(b.String())
}

// TestManyProblemsListedFirstCountedAll: a file of 20,000 duplicate rows
// lists at most domain.MaxProblems problems and counts every one, in total
// and by code (it used to list all 19,999, hundreds of megabytes for a
// 20 MB file).
func TestManyProblemsListedFirstCountedAll(t *testing.T) {
	const n = 20_000
	res := mustParser(t).Parse("fin.csv", duplicateRows(n), Options{})
	if res.Accepted() {
		t.Fatal("a file of duplicates was accepted")
	}
	if len(res.Problems) == 0 || len(res.Problems) > domain.MaxProblems {
		t.Errorf("%d problems listed, want 1 to %d", len(res.Problems), domain.MaxProblems)
	}
	if res.ProblemCount != n-1 || res.ProblemCounts["duplicate_value"] != n-1 || res.Count(domain.SeverityError) != n-1 {
		t.Errorf("counted %d problems, %v by code, %d errors; want %d duplicates", res.ProblemCount, res.ProblemCounts, res.Count(domain.SeverityError), n-1)
	}
	if got := res.Unlisted(); got != n-1-len(res.Problems) {
		t.Errorf("%d unlisted, want %d", got, n-1-len(res.Problems))
	}
	if p := res.Problems[0]; p.Code != "duplicate_value" || p.Place.Row != 3 || p.Other == nil || p.Other.Row != 2 {
		t.Errorf("first problem %+v, want the duplicate of row 2 in row 3", p)
	}
}

// TestHugeCellClipped: a cell of a megabyte comes back as its first
// domain.MaxEchoChars characters and an ellipsis, in the value and in the
// header of the place.
func TestHugeCellClipped(t *testing.T) {
	huge := strings.Repeat("é", 1<<18)
	data := "Organisation;Year;Indicator;Value;" + huge + "\nFIN;2023;" + huge + ";12;\n"
	res := mustParser(t).Parse("fin.csv", []byte(data), Options{})
	if res.Accepted() || len(res.Problems) == 0 {
		t.Fatalf("accepted %v with %v", res.Accepted(), res.Problems)
	}
	for _, p := range res.Problems {
		for what, s := range map[string]string{"value": p.Value, "header": p.Place.Header} {
			if n := utf8.RuneCountInString(s); n > domain.MaxEchoChars+1 {
				t.Errorf("%s: %s of %d characters, want at most %d", p.Code, what, n, domain.MaxEchoChars+1)
			}
		}
		for k, v := range p.Args {
			if len(v) > 1000 {
				t.Errorf("%s: argument %s of %d bytes", p.Code, k, len(v))
			}
		}
	}
	clipped := false
	for _, p := range res.Problems {
		clipped = clipped || (strings.HasPrefix(p.Value, "éé") && strings.HasSuffix(p.Value, "…"))
	}
	if !clipped {
		t.Errorf("no problem quotes the huge cell cut with an ellipsis: %v", res.Problems)
	}
}

// TestErrorsTakeTheRoomOfWarnings: once the list is full, an error takes
// the place of the last warning listed, so that a refused file lists why.
func TestErrorsTakeTheRoomOfWarnings(t *testing.T) {
	var res Result
	for i := range domain.MaxProblems + 50 {
		res.AddProblem(domain.Warnp("column_rate", domain.Place{File: "f.csv", Row: 1, Column: i + 1}, "", nil))
	}
	for i := range 3 {
		p := domain.Errorp("duplicate_value", domain.Place{File: "f.csv", Row: 500 + i, Column: 4}, "1", nil)
		p.Other = &domain.Place{Row: 2, Column: 4}
		res.AddProblem(p)
	}
	errs := 0
	for _, p := range res.Problems {
		if p.Severity == domain.SeverityError {
			errs++
		}
	}
	if len(res.Problems) != domain.MaxProblems || errs != 3 {
		t.Errorf("%d listed, %d errors; want %d with the 3 errors", len(res.Problems), errs, domain.MaxProblems)
	}
	if res.ProblemCount != domain.MaxProblems+53 || res.Count(domain.SeverityWarning) != domain.MaxProblems+50 || res.Accepted() {
		t.Errorf("counted %d, %d warnings, accepted %v", res.ProblemCount, res.Count(domain.SeverityWarning), res.Accepted())
	}
}

// TestRepeatedProblemsGroupedBeyondTheList: problems of one column and code
// are one line whose count is every one of them, even past the list's
// length.
func TestRepeatedProblemsGroupedBeyondTheList(t *testing.T) {
	var b strings.Builder
	b.WriteString("Organisation;Year;Indicator;Value\n")
	const n = 3 * domain.MaxProblems
	for i := range n {
		fmt.Fprintf(&b, "FIN;%d;received;veel\n", 2000+i/4)
	}
	res := mustParser(t).Parse("fin.csv", []byte(b.String()), Options{})
	if len(res.Problems) != 1 || res.Problems[0].Count != n || res.ProblemCount != n || res.Unlisted() != 0 {
		t.Errorf("%d listed (%v), %d counted, %d unlisted; want one line of %d", len(res.Problems), res.Problems, res.ProblemCount, res.Unlisted(), n)
	}
}

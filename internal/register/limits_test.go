package register

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
	"github.com/fcmn/infocentre/internal/testfiles"
)

const limitsHeader = "Complaint number,Date received,Channel,Language,Admissible,Outcome,Type,Date acknowledged,Date closed,Second line"

func limitsRow(number string) string {
	return number + ",2023-01-10,email,nl,yes,,,2023-01-11,,no"
}

// TestRegisterLimits: a register past one of its limits is refused with a
// reason (the web answers 422), never read whole, and a value echoed in a
// problem is cut.
func TestRegisterLimits(t *testing.T) {
	st := storetest.Open(t)
	im := NewImporter(st)
	dir := t.TempDir()
	wide := limitsHeader + strings.Repeat(",extra", MaxColumns) + "\n" + limitsRow("C1") + "\n"
	longLine := limitsHeader + "\n" + limitsRow("C1") + "," + strings.Repeat("x", 2<<20) + "\n"
	longNumber := limitsHeader + "\n" + limitsRow(strings.Repeat("9", 300)) + "\n" + limitsRow("C2") + "\n"
	wideRow := limitsHeader + "\n" + limitsRow("C1") + strings.Repeat(",", MaxColumns) + "\n"
	tests := []struct {
		name    string
		content string
		reason  string // the refusal of a file that is read no further
		problem string // the problem of a refused row
	}{
		{"header wider than a register", wide, "the header has 266 columns; a register has at most 256", ""},
		{"line over 2 MB", longLine, "line 2 is longer than 1 MB", ""},
		{"complaint number of 300 characters", longNumber, "", "longer than 256 characters"},
		{"row wider than a register", wideRow, "", "the row has 266 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "FIN register.csv")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			res, err := im.Import(context.Background(), Request{Path: path, Source: "test", Status: domain.StatusApproved})
			if tt.reason != "" {
				var de *domain.Error
				if !errors.As(err, &de) || de.Code != domain.EINVALID || !strings.Contains(de.Error(), tt.reason) {
					t.Fatalf("error %v, want EINVALID %q", err, tt.reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Accepted() || len(res.Problems) == 0 || !strings.Contains(res.Problems[0].String(), tt.problem) {
				t.Fatalf("accepted %v, problems %v; want %q", res.Accepted(), res.Problems, tt.problem)
			}
			if n := utf8.RuneCountInString(res.Problems[0].Value); n > domain.MaxEchoChars+1 {
				t.Errorf("the problem echoes %d characters", n)
			}
		})
	}
	if n, err := st.RegisterRows(context.Background(), "FIN"); err != nil || n != 0 {
		t.Errorf("%d rows kept (%v), want none", n, err)
	}
}

// TestRegisterXLSXCellBomb: a register workbook of a few hundred kilobytes
// holding one cell of 0.1 GiB is refused before it is read (it was accepted,
// with a complaint number of that length, holding gigabytes).
func TestRegisterXLSXCellBomb(t *testing.T) {
	im := NewImporter(storetest.Open(t))
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	header := []any{}
	for _, h := range strings.Split(limitsHeader, ",") {
		header = append(header, h)
	}
	if err := sw.SetRow("A1", header); err != nil {
		t.Fatal(err)
	}
	// The stream writer caps a cell at Excel's 32,767 characters: write
	// the bomb's cell by hand after.
	if err := sw.SetRow("A2", []any{"BOMB", "2023-01-10", "email", "nl", "yes"}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	data, err := testfiles.InflateCell(buf.Bytes(), "BOMB", 100<<20)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "FIN register.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = im.Import(context.Background(), Request{Path: path, Source: "test", Status: domain.StatusApproved})
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID || !strings.Contains(de.Error(), "more than 32767 characters") {
		t.Fatalf("error %v, want the cell refused", err)
	}
}

// TestStoreRowsStopsWhenCancelled: the pass that checks an XLSX and hands
// its rows to the store stops within ctxRows rows of its request being
// cancelled (it used to read the whole workbook after the client had gone).
func TestStoreRowsStopsWhenCancelled(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	header := []any{}
	for _, h := range strings.Split(limitsHeader, ",") {
		header = append(header, h)
	}
	sw.SetRow("A1", header)
	const rows = 20000
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("C%d", i), "2023-01-10", "email", "nl", "no"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "FIN register.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	file, err := NewReader(storetest.Open(t).Reference()).Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	ctx, cancel := context.WithCancel(context.Background())
	yielded := 0
	err = file.check(ctx, &Report{}, func(store.RegisterRow) error {
		if yielded++; yielded == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || yielded > ctxRows+10 {
		t.Fatalf("err %v after %d of %d rows, want context.Canceled within %d", err, yielded, rows, ctxRows+10)
	}
}

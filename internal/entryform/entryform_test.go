package entryform

import (
	"slices"
	"testing"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/consistency"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

func catalogue(t *testing.T) *reference.Catalogue {
	t.Helper()
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

// TestFormLayout: every indicator of the catalogue but criteria_met has
// its field(s), breakdowns one per part, in the report's groups.
func TestFormLayout(t *testing.T) {
	ref := catalogue(t)
	f := New(ref, "FIN", 2025)
	var ids []string
	for _, g := range f.Groups {
		ids = append(ids, g.ID)
	}
	if !slices.Equal(ids, []string{"received", "outcome", "time", "other"}) {
		t.Errorf("groups %v", ids)
	}
	names := map[string]bool{}
	for _, fd := range f.Fields() {
		names[fd.Name] = true
	}
	for _, in := range ref.Indicators {
		want := in.Code != "criteria_met"
		if in.Breakdown == "" && names[FieldName(in.Code, "")] != want {
			t.Errorf("field of %s: %v, want %v", in.Code, names[FieldName(in.Code, "")], want)
		}
		for _, v := range ref.BreakdownValuesOf(in.Breakdown) {
			if !names[FieldName(in.Code, v.Code)] {
				t.Errorf("no field for %s %s", in.Code, v.Code)
			}
		}
	}
}

// TestReadLocatesInvalidNumbers: what cannot be a value is an error at its
// field, and the rest is read.
func TestReadLocatesInvalidNumbers(t *testing.T) {
	f := New(catalogue(t), "FIN", 2025)
	for _, tc := range []struct {
		field, value, code string
		want               float64
	}{
		{"v-received", "120", "", 120},
		{"v-received", "1 234", "", 1234},
		{"v-received", "twelve", "form_not_number", 0},
		{"v-received", "12a", "form_not_number", 0},
		{"v-received", "-3", "form_negative", 0},
		{"v-received", "3.5", "form_not_whole", 0},
		{"v-received", "3,5", "form_not_whole", 0},
		{"v-avg_days", "21,5", "", 21.5},
		{"v-avg_days", "21.5", "", 21.5},
		{"v-avg_days", "1e3", "form_not_number", 0},
		{"v-avg_days", "-1", "form_negative", 0},
		{"v-by_channel-email", "4", "", 4},
	} {
		e := f.Read(map[string]string{tc.field: tc.value})
		if tc.code == "" {
			if !e.Accepted() || len(e.Observations) != 1 || e.Observations[0].Value != tc.want {
				t.Errorf("%s = %q: %v %v, want %v", tc.field, tc.value, e.Observations, e.Problems, tc.want)
			}
			continue
		}
		if len(e.Problems) != 1 || e.Problems[0].Field != tc.field || e.Problems[0].Problem.Code != tc.code || len(e.Observations) != 0 {
			t.Errorf("%s = %q: problems %+v, want %s at the field", tc.field, tc.value, e.Problems, tc.code)
		}
	}
	if e := f.Read(map[string]string{}); len(e.Problems) != 1 || e.Problems[0].Problem.Code != "form_empty" || e.Problems[0].Field != "" {
		t.Errorf("an empty form: %+v, want form_empty for the whole form", e.Problems)
	}
}

// TestFileIsReadAsTyped: the file of an entry is read back by the importer's
// parser to the values typed, with no problem; the consistency rules are
// located at the breakdown that does not add up, and a row's problem at
// its row's field.
func TestFileIsReadAsTyped(t *testing.T) {
	ref := catalogue(t)
	f := New(ref, "FIN", 2025)
	e := f.Read(map[string]string{"v-received": "10", "v-by_channel-email": "4", "v-by_channel-letter": "5", "v-avg_days": "12,5"})
	name, data := e.File()
	res := ingest.NewParser(ref).Parse(name, data, ingest.Options{Organisation: "FIN"})
	if len(res.Problems) != 0 {
		t.Fatalf("the form's file has problems: %v", res.Problems)
	}
	if !slices.Equal(res.Observations, e.Observations) {
		t.Errorf("read back %v, want %v", res.Observations, e.Observations)
	}
	ps, err := consistency.Check(name, res.Observations, res.Places, nil)
	if err != nil {
		t.Fatal(err)
	}
	located := e.Locate(ps)
	if len(located) != 1 || located[0].Field != "v-by_channel-email" {
		t.Errorf("channels 4+5 against 10 received located %+v, want at the channels' first part", located)
	}
	row := domain.Problem{Code: "x", Place: domain.Place{File: name, Row: 5}}
	if got := e.Locate([]domain.Problem{row}); got[0].Field != "v-avg_days" {
		t.Errorf("a problem of row 5 at %q, want v-avg_days", got[0].Field)
	}
	outs := e.Outliers([]domain.Outlier{{Organisation: "FIN", Year: 2025, Indicator: "by_channel", Breakdown: "letter"}})
	if _, ok := outs["v-by_channel-letter"]; !ok || len(outs) != 1 {
		t.Errorf("outliers at %v", outs)
	}
}

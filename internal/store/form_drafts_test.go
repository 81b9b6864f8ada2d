package store

import (
	"context"
	"maps"
	"testing"
	"time"
)

// TestFormDrafts: a draft is the account's own, per administration and
// year; saving again replaces it and deleting removes only it.
func TestFormDrafts(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	at := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	mine := FormDraft{AccountID: 1, Organisation: "FIN", Year: 2025, Fields: map[string]string{"received": "12", "admissible": "x"}, SavedAt: at}
	if err := s.SaveFormDraft(ctx, mine); err != nil {
		t.Fatal(err)
	}
	other := FormDraft{AccountID: 2, Organisation: "FIN", Year: 2025, Fields: map[string]string{"received": "99"}, SavedAt: at}
	if err := s.SaveFormDraft(ctx, other); err != nil {
		t.Fatal(err)
	}
	mine.Fields["received"] = "13"
	if err := s.SaveFormDraft(ctx, mine); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		account int64
		org     string
		year    int
		want    map[string]string
	}{
		{1, "FIN", 2025, map[string]string{"received": "13", "admissible": "x"}},
		{2, "FIN", 2025, map[string]string{"received": "99"}},
		{1, "FIN", 2024, nil},
		{1, "JUST", 2025, nil},
		{3, "FIN", 2025, nil},
	} {
		d, ok, err := s.FormDraft(ctx, tc.account, tc.org, tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (tc.want != nil) || !maps.Equal(d.Fields, tc.want) {
			t.Errorf("draft of account %d %s/%d = %v (found %v), want %v", tc.account, tc.org, tc.year, d.Fields, ok, tc.want)
		}
	}
	if err := s.DeleteFormDraft(ctx, 1, "FIN", 2025); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.FormDraft(ctx, 1, "FIN", 2025); ok {
		t.Error("the deleted draft is still there")
	}
	if _, ok, _ := s.FormDraft(ctx, 2, "FIN", 2025); !ok {
		t.Error("deleting one account's draft removed another's")
	}
}

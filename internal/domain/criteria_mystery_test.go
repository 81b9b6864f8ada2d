package domain

import (
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMysteryCheck(t *testing.T) {
	good := MysteryCheck{Organisation: "FIN", SentOn: day("2025-03-02"), Channel: "email",
		AckReceived: true, AckOn: day("2025-03-05"), AnswerReceived: true, AnswerOn: day("2025-04-01"), SecondLineMentioned: true}
	tests := []struct {
		name     string
		edit     func(*MysteryCheck)
		wantText string // empty: accepted
	}{
		{"complete", func(*MysteryCheck) {}, ""},
		{"nothing came back", func(m *MysteryCheck) { *m = MysteryCheck{Organisation: "FIN", SentOn: m.SentOn, Channel: "letter"} }, ""},
		{"same-day acknowledgement", func(m *MysteryCheck) { m.AckOn = m.SentOn }, ""},
		{"no organisation", func(m *MysteryCheck) { m.Organisation = "" }, "administration"},
		{"no date", func(m *MysteryCheck) { m.SentOn = time.Time{} }, "date the complaint was sent"},
		{"no channel", func(m *MysteryCheck) { m.Channel = "" }, "channel"},
		{"ack without date", func(m *MysteryCheck) { m.AckOn = time.Time{} }, "date the acknowledgement"},
		{"ack date without ack", func(m *MysteryCheck) { m.AckReceived = false }, "no acknowledgement arrived"},
		{"ack before sending", func(m *MysteryCheck) { m.AckOn = day("2025-03-01") }, "before"},
		{"answer without date", func(m *MysteryCheck) { m.AnswerOn = time.Time{} }, "date the answer"},
		{"answer date without answer", func(m *MysteryCheck) { m.AnswerReceived = false }, "no answer arrived"},
		{"answer before sending", func(m *MysteryCheck) { m.AnswerOn = day("2025-01-01") }, "before"},
		{"second line without answer", func(m *MysteryCheck) { m.AnswerReceived, m.AnswerOn = false, time.Time{} }, "second line"},
		{"long notes", func(m *MysteryCheck) { m.Notes = strings.Repeat("n", MaxNotesLen+1) }, "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := good
			tt.edit(&m)
			err := m.Check()
			if tt.wantText == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			if errCode(err) != EINVALID || !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("Check() = %v, want invalid mentioning %q", err, tt.wantText)
			}
		})
	}
	if got := good.AckDays(); got != 3 {
		t.Errorf("AckDays() = %d, want 3", got)
	}
	if got := good.AnswerDays(); got != 30 {
		t.Errorf("AnswerDays() = %d, want 30", got)
	}
	if got := (MysteryCheck{SentOn: good.SentOn}).AckDays(); got != -1 {
		t.Errorf("AckDays() without acknowledgement = %d, want -1", got)
	}
}

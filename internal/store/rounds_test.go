package store

import (
	"context"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestRoundEntries(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	deadline := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	r := domain.Round{Year: 2024, Deadline: deadline, MessageNL: "Graag", MessageFR: "Merci", ReminderDays: []int{14, 3},
		ChangeThreshold: 0.5, ZThreshold: 3.5, OpenedBy: "coord@example.be", OpenedAt: time.Now(),
		Organisations: []string{"FIN", "JUST", "RIZIV"}}
	if err := s.OpenRound(ctx, testActor, r); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenRound(ctx, testActor, r); errCode(err) != domain.ECONFLICT {
		t.Fatalf("second round for 2024: %v, want a conflict", err)
	}
	got, err := s.Round(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if got.DeadlineDate() != "2025-03-31" || len(got.Organisations) != 3 || got.ReminderDays[1] != 3 || got.MessageFR != "Merci" {
		t.Errorf("round read back as %+v", got)
	}
	if _, err := s.Round(ctx, 2023); errCode(err) != domain.ENOTFOUND {
		t.Errorf("round 2023: %v, want not found", err)
	}
	fin := mustImport(t, s, importFile("fin.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2024, "received=10")))
	just := mustImport(t, s, importFile("just.csv", domain.StatusSubmitted, obsOf(t, "JUST", 2024, "received=20")))
	setStatus(t, s, just.Created[0].ID, domain.StatusReturned)
	mustImport(t, s, importFile("fin2023.csv", domain.StatusApproved, obsOf(t, "RIZIV", 2023, "received=20")))
	entries, err := s.RoundEntries(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"FIN": "submitted", "JUST": "returned", "RIZIV": "missing"}
	for _, e := range entries {
		if want[e.Organisation] != e.Status {
			t.Errorf("%s: status %s, want %s", e.Organisation, e.Status, want[e.Organisation])
		}
		if (e.FirstSubmittedAt == nil) != (e.Status == "missing") {
			t.Errorf("%s: first submitted at %v", e.Organisation, e.FirstSubmittedAt)
		}
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries, want 3", len(entries))
	}
	first := *entries[0].FirstSubmittedAt
	if !first.Equal(fin.Created[0].CreatedAt) {
		t.Errorf("FIN first submitted at %v, want %v", first, fin.Created[0].CreatedAt)
	}
}

func TestOutboxOnce(t *testing.T) {
	s, path := MustOpen(t)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	m := OutboxMessage{Key: "reminder/2024/14/1", Kind: "reminder", Recipient: "a@example.be", Language: "fr", Subject: "Rappel", Text: "t", HTML: "<p>t</p>"}
	for i, want := range []bool{true, false} {
		added, err := s.Enqueue(ctx, m, now)
		if err != nil {
			t.Fatal(err)
		}
		if added != want {
			t.Errorf("enqueue %d: added %v, want %v", i, added, want)
		}
	}
	ids, err := s.OutboxDue(ctx, now, 10)
	if err != nil || len(ids) != 1 {
		t.Fatalf("due: %v %v", ids, err)
	}
	msg, ok, err := s.ClaimOutbox(ctx, ids[0])
	if err != nil || !ok || msg.Attempts != 1 || msg.Status != OutboxSending {
		t.Fatalf("claim: %+v %v %v", msg, ok, err)
	}
	if _, ok, _ := s.ClaimOutbox(ctx, ids[0]); ok {
		t.Error("a message being sent was claimed twice")
	}
	next := now.Add(time.Minute)
	if err := s.OutboxAttemptFailed(ctx, msg.ID, &next, "421 try later"); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.OutboxDue(ctx, now, 10); len(ids) != 0 {
		t.Errorf("due before the retry time: %v", ids)
	}
	if _, ok, _ := s.ClaimOutbox(ctx, msg.ID); !ok {
		t.Fatal("retry not claimed")
	}
	// The process stops mid-send: on reopening, the message is failed, not pending.
	s.Close()
	s2, err := Open(ctx, path, s.Reference())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n, err := s2.OutboxInterrupted(ctx, "interrupted"); err != nil || n != 1 {
		t.Fatalf("interrupted: %d %v", n, err)
	}
	all, err := s2.Outbox(ctx, "", 10)
	if err != nil || len(all) != 1 {
		t.Fatalf("outbox: %v %v", all, err)
	}
	if all[0].Status != OutboxFailed || all[0].Attempts != 2 || all[0].LastError != "interrupted" {
		t.Errorf("after restart: %+v", all[0])
	}
}

func TestValueNotes(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	now := time.Now()
	for _, n := range []domain.ValueNote{
		{SubmissionID: 7, Indicator: "received", Kind: domain.NoteExplanation, Author: "a@x.be", Body: "new office"},
		{SubmissionID: 7, Indicator: "received", Kind: domain.NoteQuestion, Author: "c@x.be", Body: "which office?"},
		{SubmissionID: 7, Indicator: "received", Kind: domain.NoteAnswer, Author: "a@x.be", Body: "Liège"},
	} {
		if _, err := s.AddValueNote(ctx, domain.AuditEntry{Actor: n.Author}, n, now); err != nil {
			t.Fatal(err)
		}
	}
	notes, err := s.ValueNotes(ctx, 7)
	if err != nil || len(notes) != 3 || notes[2].Body != "Liège" {
		t.Fatalf("notes: %+v %v", notes, err)
	}
	counts, err := s.ValueNoteCounts(ctx)
	if err != nil || counts[7] != (NoteCounts{1, 1, 1}) {
		t.Errorf("counts: %+v %v", counts, err)
	}
}

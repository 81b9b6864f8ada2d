package mail

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/clocktest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestNoteMailOncePerHour (issue 23: 200 answers were 200 e-mails): the
// answers on one submission are one message to the coordinator per hour;
// another submission has its own.
func TestNoteMailOncePerHour(t *testing.T) {
	ctx := context.Background()
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "notes.duckdb"), ref)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, a := range []store.NewAccount{{Email: "coord@example.be", Role: "coordinator"}, {Email: "fin@fin.example", Role: "agency", Organisation: "FIN"}} {
		a.PasswordHash = "x"
		if _, err := st.CreateAccount(ctx, domain.AuditEntry{Actor: "test"}, a); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := clocktest.New(start)
	m := New(st, nil, clock, "https://infocentre.example.be", quietLogger())
	question := domain.ValueNote{ID: 1, Indicator: "received", Kind: domain.NoteQuestion, Author: "coord@example.be", Body: "Which offices?"}
	steps := []struct {
		after time.Duration
		sub   int64
		want  int // messages in the outbox after the answer
	}{
		{0, 7, 1},
		{time.Minute, 7, 1},
		{59 * time.Minute, 7, 1},
		{59 * time.Minute, 8, 2}, // another submission
		{61 * time.Minute, 7, 3}, // an hour after the first message
		{62 * time.Minute, 7, 3},
	}
	for i, s := range steps {
		clock.Set(start.Add(s.after))
		sub := domain.Submission{ID: s.sub, Organisation: "FIN", Year: 2024}
		q := question
		q.SubmissionID = s.sub
		answer := domain.ValueNote{ID: int64(10 + i), SubmissionID: s.sub, Indicator: "received", Kind: domain.NoteAnswer, Author: "fin@fin.example", Body: "All of them."}
		if err := m.Note(ctx, sub, answer, []domain.ValueNote{q, answer}); err != nil {
			t.Fatal(err)
		}
		msgs, err := st.Outbox(ctx, "", 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != s.want {
			t.Errorf("step %d (+%s, submission %d): %d messages, want %d", i+1, s.after, s.sub, len(msgs), s.want)
		}
		for _, msg := range msgs {
			if msg.Recipient != "coord@example.be" || msg.Kind != KindAnswer {
				t.Errorf("message %s to %s", msg.Kind, msg.Recipient)
			}
		}
	}
}

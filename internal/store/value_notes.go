package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// AddValueNote appends a note (explanation, question or answer) on a value
// of a submission, held from publication when n.Held, and by's audit entry
// (action note_<kind>) in one transaction.
func (s *Store) AddValueNote(ctx context.Context, by domain.AuditEntry, n domain.ValueNote, now time.Time) (domain.ValueNote, error) {
	var out domain.ValueNote
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.query("value_note_insert"), n.SubmissionID, n.Indicator, n.Breakdown, n.Kind, n.Author, n.Body, now, n.Held).
			Scan(&out.ID, &out.SubmissionID, &out.Indicator, &out.Breakdown, &out.Kind, &out.Author, &out.Body, &out.CreatedAt, &out.Held)
		if err != nil {
			return err
		}
		by.Action, by.Subject, by.Detail = "note_"+n.Kind, strconv.FormatInt(n.SubmissionID, 10), n.Indicator+" "+n.Breakdown
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return domain.ValueNote{}, fmt.Errorf("store: note on submission %d: %w", n.SubmissionID, err)
	}
	return out, nil
}

// ValueNotes returns the notes of a submission by value, in order.
func (s *Store) ValueNotes(ctx context.Context, submissionID int64) ([]domain.ValueNote, error) {
	notes, err := s.valueNotes(ctx, "value_note_list", submissionID)
	if err != nil {
		return nil, fmt.Errorf("store: notes of submission %d: %w", submissionID, err)
	}
	return notes, nil
}

// ValueNotePage returns at most limit notes of a submission after the
// first offset, in the order of ValueNotes, and how many it has in all.
func (s *Store) ValueNotePage(ctx context.Context, submissionID int64, limit, offset int) ([]domain.ValueNote, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, s.query("value_note_count"), submissionID).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count the notes of submission %d: %w", submissionID, err)
	}
	notes, err := s.valueNotes(ctx, "value_note_page", submissionID, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("store: page of the notes of submission %d: %w", submissionID, err)
	}
	return notes, total, nil
}

// AcceptNotes publishes the held notes of a submission, with by's audit
// entry (notes_accept), and returns how many there were.
func (s *Store) AcceptNotes(ctx context.Context, by domain.AuditEntry, submissionID int64) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.query("value_note_accept"), submissionID)
		if err != nil {
			return err
		}
		for rows.Next() {
			n++
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		by.Action, by.Subject, by.Detail = "notes_accept", strconv.FormatInt(submissionID, 10), strconv.Itoa(n)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return 0, fmt.Errorf("store: accept the notes of submission %d: %w", submissionID, err)
	}
	return n, nil
}

// NotesOfSubmissions returns the published notes of several submissions
// (an extract's sources, a letter's), by submission and value.
func (s *Store) NotesOfSubmissions(ctx context.Context, ids []int64) ([]domain.ValueNote, error) {
	notes, err := s.valueNotes(ctx, "value_note_of_submissions", append([]int64{}, ids...))
	if err != nil {
		return nil, fmt.Errorf("store: notes of %d submissions: %w", len(ids), err)
	}
	return notes, nil
}

func (s *Store) valueNotes(ctx context.Context, query string, args ...any) ([]domain.ValueNote, error) {
	rows, err := s.db.QueryContext(ctx, s.query(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.ValueNote
	for rows.Next() {
		var n domain.ValueNote
		if err := rows.Scan(&n.ID, &n.SubmissionID, &n.Indicator, &n.Breakdown, &n.Kind, &n.Author, &n.Body, &n.CreatedAt, &n.Held); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// NoteCounts is how many notes of each kind a submission has.
type NoteCounts struct {
	Explanations, Questions, Answers int
}

// ValueNoteCounts returns the counts of every submission that has notes.
func (s *Store) ValueNoteCounts(ctx context.Context) (map[int64]NoteCounts, error) {
	rows, err := s.db.QueryContext(ctx, s.query("value_note_counts"))
	if err != nil {
		return nil, fmt.Errorf("store: note counts: %w", err)
	}
	defer rows.Close()
	out := map[int64]NoteCounts{}
	for rows.Next() {
		var id int64
		var c NoteCounts
		if err := rows.Scan(&id, &c.Explanations, &c.Questions, &c.Answers); err != nil {
			return nil, fmt.Errorf("store: note counts: %w", err)
		}
		out[id] = c
	}
	return out, rows.Err()
}

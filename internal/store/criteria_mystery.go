package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// RecordMysteryCheck stores a mystery-shopping check recorded by the
// coordinator, and by's audit entry (action mystery_check; by.Detail, the
// check's summary, follows what was sent) in one transaction. Checks are
// never changed or deleted: a mistake is corrected by recording the check
// again, and the latest one counts.
func (s *Store) RecordMysteryCheck(ctx context.Context, by domain.AuditEntry, m domain.MysteryCheck) (domain.MysteryCheck, error) {
	m.SentBy, m.Notes = strings.TrimSpace(m.SentBy), strings.TrimSpace(m.Notes)
	if err := s.checkMystery(m); err != nil {
		return m, fmt.Errorf("store: record mystery check of %s: %w", m.Organisation, err)
	}
	m.RecordedBy = by.Actor
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.query("criteria_mystery_insert"),
			m.Organisation, m.SentOn, m.Channel, m.SentBy, m.AckReceived, optionalDate(m.AckOn),
			m.AnswerReceived, optionalDate(m.AnswerOn), m.SecondLineMentioned, m.Notes, m.RecordedBy).
			Scan(&m.ID, &m.RecordedAt)
		if err != nil {
			return err
		}
		e := by
		e.Action, e.Subject = "mystery_check", "mystery:"+strconv.FormatInt(m.ID, 10)
		e.Detail = fmt.Sprintf("%s sent %s by %s: %s", m.Organisation, m.SentOn.Format(time.DateOnly), m.Channel, by.Detail)
		return s.auditIn(ctx, tx, e)
	})
	if err != nil {
		return m, fmt.Errorf("store: record mystery check of %s: %w", m.Organisation, err)
	}
	return m, nil
}

func (s *Store) checkMystery(m domain.MysteryCheck) error {
	if err := m.Check(); err != nil {
		return err
	}
	if _, ok := s.Reference().Organisation(m.Organisation); !ok {
		return domain.Errorf(domain.EINVALID, "error.no_organisation", m.Organisation)
	}
	for _, v := range s.Reference().BreakdownValuesOf("channel") {
		if v.Code == m.Channel {
			return nil
		}
	}
	return domain.Errorf(domain.EINVALID, "error.not_a_channel", m.Channel)
}

// MysteryChecks lists the checks of org (all organisations when empty),
// latest sent first.
func (s *Store) MysteryChecks(ctx context.Context, org string) ([]domain.MysteryCheck, error) {
	out, err := s.queryMystery(ctx, s.query("criteria_mystery_list"), org)
	if err != nil {
		return nil, fmt.Errorf("store: mystery checks %q: %w", org, err)
	}
	return out, nil
}

// LatestMysteryChecks returns, by organisation, its latest check sent in
// year or before (any year when 0).
func (s *Store) LatestMysteryChecks(ctx context.Context, year int) (map[string]domain.MysteryCheck, error) {
	list, err := s.queryMystery(ctx, s.query("criteria_mystery_latest"), year)
	if err != nil {
		return nil, fmt.Errorf("store: latest mystery checks %d: %w", year, err)
	}
	out := make(map[string]domain.MysteryCheck, len(list))
	for _, m := range list {
		out[m.Organisation] = m
	}
	return out, nil
}

func (s *Store) queryMystery(ctx context.Context, query string, args ...any) ([]domain.MysteryCheck, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.MysteryCheck
	for rows.Next() {
		var m domain.MysteryCheck
		var ackOn, answerOn sql.NullTime
		if err := rows.Scan(&m.ID, &m.Organisation, &m.SentOn, &m.Channel, &m.SentBy, &m.AckReceived, &ackOn,
			&m.AnswerReceived, &answerOn, &m.SecondLineMentioned, &m.Notes, &m.RecordedBy, &m.RecordedAt); err != nil {
			return nil, err
		}
		m.AckOn, m.AnswerOn = ackOn.Time, answerOn.Time
		out = append(out, m)
	}
	return out, rows.Err()
}

// optionalDate binds a zero time as NULL.
func optionalDate(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

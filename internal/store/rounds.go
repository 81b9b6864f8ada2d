package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/textrules"
)

// ExpectedOrganisations returns the codes of the administrations that must
// report for year (reference.MustReport of the live reference), sorted: the
// default list of a new round.
func (s *Store) ExpectedOrganisations(_ context.Context, year int) ([]string, error) {
	var out []string
	for _, o := range reference.MustReport(s.Reference().Organisations, year, "") {
		out = append(out, o.Code)
	}
	slices.Sort(out)
	return out, nil
}

// OpenRound stores a new round with its expected administrations and by's
// audit entry (round_open) in one transaction; a round for the same year is
// ECONFLICT. Its messages are texts of at most textrules.Message characters.
func (s *Store) OpenRound(ctx context.Context, by domain.AuditEntry, r domain.Round) error {
	for _, m := range []struct{ lang, text string }{{"nl", r.MessageNL}, {"fr", r.MessageFR}} {
		field := domain.Phrasef("error.field.in_language", domain.Phrasef("error.field.message"), langNames[m.lang])
		if err := textrules.Text(field, m.text, textrules.Message); err != nil {
			return err
		}
	}
	days := make([]string, len(r.ReminderDays))
	for i, d := range r.ReminderDays {
		days[i] = strconv.Itoa(d)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.query("round_insert"), r.Year, r.Deadline.Format(time.DateOnly), r.MessageNL, r.MessageFR,
			strings.Join(days, ","), r.ChangeThreshold, r.ZThreshold, r.RequireExplanations, r.OpenedBy, r.OpenedAt); err != nil {
			return err
		}
		for _, org := range r.Organisations {
			if _, err := tx.ExecContext(ctx, s.query("round_insert_organisation"), r.Year, org); err != nil {
				return err
			}
		}
		by.Action, by.Subject = "round_open", strconv.Itoa(r.Year)
		by.Detail = fmt.Sprintf("deadline %s, %d administrations", r.DeadlineDate(), len(r.Organisations))
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		if isConstraint(err) {
			return domain.Errorf(domain.ECONFLICT, "error.round_already_open", r.Year)
		}
		return fmt.Errorf("store: open round %d: %w", r.Year, err)
	}
	return nil
}

func isConstraint(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "Duplicate key") || strings.Contains(msg, "unique") || strings.Contains(msg, "Constraint")
}

// Rounds returns every round, newest year first.
func (s *Store) Rounds(ctx context.Context) ([]domain.Round, error) {
	return s.rounds(ctx, 0)
}

// Round returns the round of year; ENOTFOUND when none was opened.
func (s *Store) Round(ctx context.Context, year int) (domain.Round, error) {
	rs, err := s.rounds(ctx, year)
	if err != nil {
		return domain.Round{}, err
	}
	if len(rs) == 0 {
		return domain.Round{}, domain.Errorf(domain.ENOTFOUND, "error.no_round_open", year)
	}
	return rs[0], nil
}

func (s *Store) rounds(ctx context.Context, year int) ([]domain.Round, error) {
	rows, err := s.db.QueryContext(ctx, s.query("round_list"), year)
	if err != nil {
		return nil, fmt.Errorf("store: rounds: %w", err)
	}
	defer rows.Close()
	var out []domain.Round
	for rows.Next() {
		var r domain.Round
		var days, orgs string
		if err := rows.Scan(&r.Year, &r.Deadline, &r.MessageNL, &r.MessageFR, &days, &r.ChangeThreshold, &r.ZThreshold,
			&r.RequireExplanations, &r.OpenedBy, &r.OpenedAt, &orgs); err != nil {
			return nil, fmt.Errorf("store: rounds: %w", err)
		}
		r.ReminderDays = []int{}
		for _, d := range strings.Split(days, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(d)); err == nil {
				r.ReminderDays = append(r.ReminderDays, n)
			}
		}
		r.Organisations = []string{}
		if orgs != "" {
			r.Organisations = strings.Split(orgs, ",")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoundEntries returns where each expected administration of the round of
// year stands (OnTime is left to domain.Round.Timeliness, which needs the
// time).
func (s *Store) RoundEntries(ctx context.Context, year int) ([]domain.RoundEntry, error) {
	rows, err := s.db.QueryContext(ctx, s.query("round_status"), year)
	if err != nil {
		return nil, fmt.Errorf("store: round %d: %w", year, err)
	}
	defer rows.Close()
	var out []domain.RoundEntry
	for rows.Next() {
		var e domain.RoundEntry
		var first sql.NullTime
		if err := rows.Scan(&e.Organisation, &e.Status, &first); err != nil {
			return nil, fmt.Errorf("store: round %d: %w", year, err)
		}
		if first.Valid {
			t := first.Time
			e.FirstSubmittedAt = &t
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

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

// Outbox statuses.
const (
	OutboxPending = "pending"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// OutboxMessage is one e-mail, written before it is sent.
type OutboxMessage struct {
	ID            int64      `json:"id"`
	Key           string     `json:"key"` // unique: the same planned message is added once
	Kind          string     `json:"kind"`
	Recipient     string     `json:"recipient"`
	Language      string     `json:"language"`
	Subject       string     `json:"subject"`
	Text          string     `json:"text"`
	HTML          string     `json:"html"`
	CreatedAt     time.Time  `json:"created_at"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LastError     string     `json:"last_error,omitempty"`
	SentAt        *time.Time `json:"sent_at,omitempty"`
}

// Enqueue writes a message to the outbox, to be sent from now on; it tells
// whether it was added (false: a message with its key already exists).
func (s *Store) Enqueue(ctx context.Context, m OutboxMessage, now time.Time) (bool, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.query("outbox_insert"), m.Key, m.Kind, m.Recipient, m.Language, m.Subject, m.Text, m.HTML, now, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: enqueue %s: %w", m.Key, err)
	}
	return true, nil
}

// OutboxRecent tells whether a message whose key starts with prefix was
// written after since.
func (s *Store) OutboxRecent(ctx context.Context, prefix string, since time.Time) (bool, error) {
	var found bool
	if err := s.db.QueryRowContext(ctx, s.query("outbox_recent"), prefix, since).Scan(&found); err != nil {
		return false, fmt.Errorf("store: outbox since %s: %w", since.Format(time.RFC3339), err)
	}
	return found, nil
}

// OutboxDue returns the ids of at most limit pending messages due at now.
func (s *Store) OutboxDue(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.query("outbox_due"), now, limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox due: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: outbox due: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ClaimOutbox marks a pending message as being sent and returns it; false
// when it is no longer pending (another sender took it).
func (s *Store) ClaimOutbox(ctx context.Context, id int64) (OutboxMessage, bool, error) {
	rows, err := s.db.QueryContext(ctx, s.query("outbox_claim"), id)
	if err != nil {
		return OutboxMessage{}, false, fmt.Errorf("store: claim message %d: %w", id, err)
	}
	msgs, err := scanOutbox(rows)
	if err != nil {
		return OutboxMessage{}, false, fmt.Errorf("store: claim message %d: %w", id, err)
	}
	if len(msgs) == 0 {
		return OutboxMessage{}, false, nil
	}
	return msgs[0], true, nil
}

// OutboxSentAt records that a message being sent was accepted by the mail
// server.
func (s *Store) OutboxSentAt(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.query("outbox_sent"), at, id); err != nil {
		return fmt.Errorf("store: message %d sent: %w", id, err)
	}
	return nil
}

// OutboxAttemptFailed records a failed attempt: the message is tried again
// at next, or, when next is nil, given up as failed. reason is shown.
func (s *Store) OutboxAttemptFailed(ctx context.Context, id int64, next *time.Time, reason string) error {
	var err error
	if next != nil {
		_, err = s.db.ExecContext(ctx, s.query("outbox_retry"), *next, reason, id)
	} else {
		_, err = s.db.ExecContext(ctx, s.query("outbox_give_up"), reason, id)
	}
	if err != nil {
		return fmt.Errorf("store: message %d failed: %w", id, err)
	}
	return nil
}

// SendAgain makes a failed message due again at now, as the coordinator
// asks, with by's audit entry (outbox_send_again); false when id is no
// failed message.
func (s *Store) SendAgain(ctx context.Context, by domain.AuditEntry, id int64, now time.Time) (bool, error) {
	again := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.query("outbox_send_again"), now, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n != 1 {
			return err
		}
		again = true
		by.Action, by.Subject = "outbox_send_again", strconv.FormatInt(id, 10)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return false, fmt.Errorf("store: send message %d again: %w", id, err)
	}
	return again, nil
}

// OutboxInterrupted turns the messages left "sending" by a process that
// stopped into failed ones, with reason; it returns how many.
func (s *Store) OutboxInterrupted(ctx context.Context, reason string) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.query("outbox_interrupted"), reason)
	if err != nil {
		return 0, fmt.Errorf("store: interrupted messages: %w", err)
	}
	return res.RowsAffected()
}

// Outbox lists the latest messages (all, or those of one status), newest
// first, at most limit.
func (s *Store) Outbox(ctx context.Context, status string, limit int) ([]OutboxMessage, error) {
	return s.outboxList(ctx, status, limit, 0)
}

// OutboxPage returns at most limit messages (all, or those of one status)
// after the first offset, newest first, and how many there are in all.
func (s *Store) OutboxPage(ctx context.Context, status string, limit, offset int) ([]OutboxMessage, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, s.query("outbox_count"), status).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count the outbox: %w", err)
	}
	msgs, err := s.outboxList(ctx, status, limit, offset)
	return msgs, total, err
}

func (s *Store) outboxList(ctx context.Context, status string, limit, offset int) ([]OutboxMessage, error) {
	rows, err := s.db.QueryContext(ctx, s.query("outbox_list"), status, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	msgs, err := scanOutbox(rows)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return msgs, nil
}

func scanOutbox(rows *sql.Rows) ([]OutboxMessage, error) {
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		var sent sql.NullTime
		if err := rows.Scan(&m.ID, &m.Key, &m.Kind, &m.Recipient, &m.Language, &m.Subject, &m.Text, &m.HTML, &m.CreatedAt,
			&m.Status, &m.Attempts, &m.NextAttemptAt, &m.LastError, &sent); err != nil {
			return nil, err
		}
		if sent.Valid {
			t := sent.Time
			m.SentAt = &t
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Recipient is an account that receives e-mail, with its language.
type Recipient struct {
	AccountID    int64
	Email        string
	Role         string
	Organisation string
	Language     string
}

// MailRecipients returns every account that is not disabled.
func (s *Store) MailRecipients(ctx context.Context) ([]Recipient, error) {
	rows, err := s.db.QueryContext(ctx, s.query("mail_recipients"))
	if err != nil {
		return nil, fmt.Errorf("store: mail recipients: %w", err)
	}
	defer rows.Close()
	var out []Recipient
	for rows.Next() {
		var r Recipient
		if err := rows.Scan(&r.AccountID, &r.Email, &r.Role, &r.Organisation, &r.Language); err != nil {
			return nil, fmt.Errorf("store: mail recipients: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AccountLanguage returns the language of an account's e-mail (nl, fr, en).
func (s *Store) AccountLanguage(ctx context.Context, id int64) (string, error) {
	var lang string
	err := s.db.QueryRowContext(ctx, s.query("account_language"), id).Scan(&lang)
	if errors.Is(err, sql.ErrNoRows) {
		return "", domain.Errorf(domain.ENOTFOUND, "error.no_account_id", id)
	}
	if err != nil {
		return "", fmt.Errorf("store: language of account %d: %w", id, err)
	}
	return lang, nil
}

// SetAccountLanguage sets the language of an account's e-mail, with by's
// audit entry (account_language).
func (s *Store) SetAccountLanguage(ctx context.Context, by domain.AuditEntry, id int64, lang string) error {
	switch lang {
	case "nl", "fr", "en":
	default:
		return domain.Errorf(domain.EINVALID, "error.language_choice", lang)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.query("account_set_language"), lang, id); err != nil {
			return err
		}
		by.Action, by.Detail = "account_language", lang
		if err := tx.QueryRowContext(ctx, s.query("account_email"), id).Scan(&by.Subject); err != nil {
			return err
		}
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return fmt.Errorf("store: set language of account %d: %w", id, err)
	}
	return nil
}

// OutboxOldest is when the oldest message still waiting to be sent was
// written; ok is false when none waits.
func (s *Store) OutboxOldest(ctx context.Context) (at time.Time, ok bool, err error) {
	var t sql.NullTime
	if err := s.db.QueryRowContext(ctx, s.query("outbox_oldest")).Scan(&t); err != nil {
		return time.Time{}, false, fmt.Errorf("store: oldest message of the outbox: %w", err)
	}
	return t.Time, t.Valid, nil
}

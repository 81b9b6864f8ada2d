package mail

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// Message kinds.
const (
	KindRoundOpen = "round_open"
	KindReminder  = "reminder"
	KindOverdue   = "overdue"
	KindDigest    = "digest"
	KindReturned  = "returned"
	KindQuestion  = "question"
	KindAnswer    = "answer"
	// KindBackupFailed tells the coordinators that a backup failed.
	KindBackupFailed = "backup_failed"
)

const week = 7 * 24 * time.Hour

// overdueFor is how long after the deadline the weekly reminders go on.
const overdueFor = 52 * week

// plan writes to the outbox every round message due at now. Each message has
// a key naming its round, stage and account: planning again, also after a
// restart, adds nothing twice, and a stage missed while the server was down
// is planned once when it comes back (only the latest stage of a kind).
func (m *Mailer) plan(ctx context.Context, now time.Time) error {
	rounds, err := m.st.Rounds(ctx)
	if err != nil {
		return fmt.Errorf("mail: plan: %w", err)
	}
	if len(rounds) == 0 {
		return nil
	}
	recipients, err := m.st.MailRecipients(ctx)
	if err != nil {
		return fmt.Errorf("mail: plan: %w", err)
	}
	for _, r := range rounds {
		if err := m.planRound(ctx, r, recipients, now); err != nil {
			return fmt.Errorf("mail: plan round %d: %w", r.Year, err)
		}
	}
	return nil
}

func (m *Mailer) planRound(ctx context.Context, r domain.Round, recipients []store.Recipient, now time.Time) error {
	if now.Before(r.OpenedAt) || now.After(r.DeadlineAt().Add(overdueFor)) {
		return nil
	}
	entries, err := m.st.RoundEntries(ctx, r.Year)
	if err != nil {
		return err
	}
	silent := map[string]bool{} // expected administrations that submitted nothing
	for _, e := range entries {
		if e.FirstSubmittedAt == nil {
			silent[e.Organisation] = true
		}
	}
	stage, kind := reminderStage(r, now)
	for _, rc := range recipients {
		switch {
		case rc.Role == "agency" && slices.Contains(r.Organisations, rc.Organisation):
			if err := m.add(ctx, now, fmt.Sprintf("%s/%d/%d", KindRoundOpen, r.Year, rc.AccountID), KindRoundOpen, rc,
				m.roundOpen(r, rc)); err != nil {
				return err
			}
			if kind == "" || !silent[rc.Organisation] {
				continue
			}
			key := fmt.Sprintf("%s/%d/%s/%d", kind, r.Year, stage, rc.AccountID)
			if err := m.add(ctx, now, key, kind, rc, m.reminder(r, rc, kind)); err != nil {
				return err
			}
		case rc.Role == "coordinator":
			weeks := int(now.Sub(r.OpenedAt) / week)
			if weeks < 1 || !stillOpen(entries) {
				continue
			}
			key := fmt.Sprintf("%s/%d/%d/%d", KindDigest, r.Year, weeks, rc.AccountID)
			if err := m.add(ctx, now, key, KindDigest, rc, m.digest(r, rc, entries, now)); err != nil {
				return err
			}
		}
	}
	return nil
}

// stillOpen: some administration has not reported, or waits for review.
func stillOpen(entries []domain.RoundEntry) bool {
	for _, e := range entries {
		if e.Status == domain.RoundMissing || e.Status == domain.StatusSubmitted {
			return true
		}
	}
	return false
}

// reminderStage returns the reminder due at now and its kind: before the
// deadline the latest of the reminder days that has come (and came after
// the round opened), from the deadline on one per week.
func reminderStage(r domain.Round, now time.Time) (string, string) {
	at := r.DeadlineAt()
	if !now.Before(at) {
		return fmt.Sprintf("w%d", int(now.Sub(at)/week)), KindOverdue
	}
	days := slices.Clone(r.ReminderDays)
	slices.Sort(days) // fewest days left first: the latest reminder that has come wins
	y, mo, d := r.Deadline.Date()
	for _, n := range days {
		due := time.Date(y, mo, d-n, 0, 0, 0, 0, at.Location())
		if !now.Before(due) && !due.Before(r.OpenedAt) {
			return fmt.Sprintf("d%d", n), KindReminder
		}
	}
	return "", ""
}

// add writes one composed message to the outbox, unless its key is there.
func (m *Mailer) add(ctx context.Context, now time.Time, key, kind string, rc store.Recipient, c composed) error {
	added, err := m.st.Enqueue(ctx, store.OutboxMessage{Key: key, Kind: kind, Recipient: rc.Email, Language: c.lang,
		Subject: c.subject, Text: c.text, HTML: c.html}, now)
	if err != nil {
		return err
	}
	if added {
		m.log.Info("mail: planned", "key", key, "to", rc.Email)
	}
	return nil
}

// Returned writes the coordinator's comment on a returned submission to
// the outbox for the account that sent it (nothing when the sender is not
// an active account, e.g. the command line).
func (m *Mailer) Returned(ctx context.Context, sub domain.Submission) error {
	recipients, err := m.st.MailRecipients(ctx)
	if err != nil {
		return fmt.Errorf("mail: returned %d: %w", sub.ID, err)
	}
	for _, rc := range recipients {
		if rc.Email != sub.Source {
			continue
		}
		key := fmt.Sprintf("%s/%d", KindReturned, sub.ID)
		if err := m.add(ctx, m.clock.Now(), key, KindReturned, rc, m.returned(sub, rc)); err != nil {
			return fmt.Errorf("mail: returned %d: %w", sub.ID, err)
		}
		m.Kick()
	}
	return nil
}

// noteQuiet is how long after a message on a note no other message on a
// note of the same submission goes to the same recipient: a burst of notes
// is one message, not one each (issue 23: 200 notes, 200 e-mails).
const noteQuiet = time.Hour

// Note writes a message on a question or an answer on a value of sub to the
// outbox: a coordinator's question goes to the active agency accounts of the
// submission's administration, an agency's answer to the coordinators who
// asked about that value. A recipient gets at most one such message per
// submission in noteQuiet; it says that later notes of the hour are not
// mailed, the submission's page shows them.
func (m *Mailer) Note(ctx context.Context, sub domain.Submission, n domain.ValueNote, thread []domain.ValueNote) error {
	m.notes.Lock()
	defer m.notes.Unlock()
	recipients, err := m.st.MailRecipients(ctx)
	if err != nil {
		return fmt.Errorf("mail: note %d: %w", n.ID, err)
	}
	askers := map[string]bool{}
	for _, q := range thread {
		if q.Kind == domain.NoteQuestion && q.Indicator == n.Indicator && q.Breakdown == n.Breakdown {
			askers[q.Author] = true
		}
	}
	kind := KindAnswer
	if n.Kind == domain.NoteQuestion {
		kind = KindQuestion
	}
	now := m.clock.Now()
	for _, rc := range recipients {
		to := askers[rc.Email]
		if kind == KindQuestion {
			to = rc.Role == "agency" && rc.Organisation == sub.Organisation
		}
		if !to || rc.Email == n.Author {
			continue
		}
		prefix := fmt.Sprintf("%s/%d/%d/", kind, sub.ID, rc.AccountID)
		recent, err := m.st.OutboxRecent(ctx, prefix, now.Add(-noteQuiet))
		if err != nil {
			return fmt.Errorf("mail: note %d: %w", n.ID, err)
		}
		if recent {
			continue
		}
		if err := m.add(ctx, now, prefix+strconv.FormatInt(n.ID, 10), kind, rc, m.note(sub, n, kind, rc)); err != nil {
			return fmt.Errorf("mail: note %d: %w", n.ID, err)
		}
		m.Kick()
	}
	return nil
}

// BackupFailed writes to the outbox, for every coordinator, that a backup
// of the database failed and why. The caller says it once per run of
// failures; each call is a new message.
func (m *Mailer) BackupFailed(ctx context.Context, reason string) error {
	recipients, err := m.st.MailRecipients(ctx)
	if err != nil {
		return fmt.Errorf("mail: backup failed: %w", err)
	}
	now := m.clock.Now()
	for _, rc := range recipients {
		if rc.Role != "coordinator" {
			continue
		}
		key := fmt.Sprintf("%s/%d/%d", KindBackupFailed, now.UnixNano(), rc.AccountID)
		if err := m.add(ctx, now, key, KindBackupFailed, rc, m.backupFailed(now, reason, rc)); err != nil {
			return fmt.Errorf("mail: backup failed: %w", err)
		}
		m.Kick()
	}
	return nil
}

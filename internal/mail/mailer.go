package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/metrics"
	"github.com/fcmn/infocentre/internal/store"
)

// Delivery limits: a message is tried at most maxAttempts times, waiting
// firstBackoff after the first failure and twice as long after each next
// one, up to maxBackoff.
const (
	maxAttempts  = 8
	firstBackoff = time.Minute
	maxBackoff   = 6 * time.Hour
	batch        = 50
)

// interruptedReason is kept on a message that was being sent when the
// server stopped.
const interruptedReason = "the server stopped while this message was being sent; it is not sent again, so that it cannot arrive twice"

// Mailer plans the round messages into the outbox and sends what is due.
type Mailer struct {
	st      *store.Store
	sender  Sender // nil: messages stay in the outbox, readable at /admin/outbox
	clock   domain.Clock
	baseURL string
	log     *slog.Logger
	kick    chan struct{}
	// notes serialises Note, so that parallel notes on one submission
	// cannot each find no recent message and all be mailed.
	notes   sync.Mutex
	metrics *metrics.Metrics // nil counts nothing
}

// New returns a mailer. Without a sender every message is kept in the
// outbox; baseURL (e.g. https://infocentre.example.be) starts the links in
// the messages.
func New(st *store.Store, sender Sender, clock domain.Clock, baseURL string, logger *slog.Logger) *Mailer {
	if clock == nil {
		clock = domain.SystemClock{}
	}
	return &Mailer{st: st, sender: sender, clock: clock, baseURL: strings.TrimRight(baseURL, "/"), log: logger, kick: make(chan struct{}, 1)}
}

// CountInto counts the messages handed to the mail server in met.
func (m *Mailer) CountInto(met *metrics.Metrics) { m.metrics = met }

// Sends tells whether a sender is configured.
func (m *Mailer) Sends() bool { return m.sender != nil }

// Now is the mailer's time.
func (m *Mailer) Now() time.Time { return m.clock.Now() }

// Recover marks the messages a stopped server left half-sent as failed:
// they are never sent a second time. Call it once, before the first Tick.
func (m *Mailer) Recover(ctx context.Context) error {
	n, err := m.st.OutboxInterrupted(ctx, interruptedReason)
	if err != nil {
		return fmt.Errorf("mail: recover: %w", err)
	}
	if n > 0 {
		m.log.Warn("mail: messages interrupted while being sent are marked failed", "count", n)
	}
	return nil
}

// Tick plans the messages due at the clock's time, then sends the due
// messages of the outbox.
func (m *Mailer) Tick(ctx context.Context) error {
	now := m.clock.Now()
	if err := m.plan(ctx, now); err != nil {
		return err
	}
	return m.deliver(ctx, now)
}

// Run calls Recover, then Tick every interval and whenever Kick is called,
// until ctx ends. Errors are logged, not fatal: the next tick tries again.
func (m *Mailer) Run(ctx context.Context, every time.Duration) error {
	if err := m.Recover(ctx); err != nil {
		return err
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := m.Tick(ctx); err != nil && ctx.Err() == nil {
			m.log.Error("mail: tick", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-m.kick:
		}
	}
}

// Kick asks Run for a tick now (after a round opens or a message is added).
func (m *Mailer) Kick() {
	select {
	case m.kick <- struct{}{}:
	default:
	}
}

// deliver sends the due messages, each claimed first so that it is sent at
// most once.
func (m *Mailer) deliver(ctx context.Context, now time.Time) error {
	if m.sender == nil {
		return nil
	}
	for {
		ids, err := m.st.OutboxDue(ctx, now, batch)
		if err != nil {
			return fmt.Errorf("mail: deliver: %w", err)
		}
		for _, id := range ids {
			if err := m.deliverOne(ctx, id, now); err != nil {
				return err
			}
		}
		if len(ids) < batch {
			return nil
		}
	}
}

func (m *Mailer) deliverOne(ctx context.Context, id int64, now time.Time) error {
	msg, ok, err := m.st.ClaimOutbox(ctx, id)
	if err != nil || !ok {
		return err
	}
	sendErr := m.sender.Send(ctx, msg)
	m.metrics.Mail(sendErr == nil)
	if sendErr == nil {
		m.log.Info("mail: sent", "id", msg.ID, "kind", msg.Kind, "to", msg.Recipient)
		return m.st.OutboxSentAt(ctx, msg.ID, now)
	}
	var next *time.Time
	if msg.Attempts < maxAttempts && !permanent(sendErr) {
		at := now.Add(Backoff(msg.Attempts))
		next = &at
	}
	m.log.Warn("mail: not sent", "id", msg.ID, "to", msg.Recipient, "attempt", msg.Attempts, "retry", next != nil, "err", sendErr)
	return m.st.OutboxAttemptFailed(ctx, msg.ID, next, sendErr.Error())
}

// Backoff is the wait after the n-th failed attempt: 1, 2, 4… minutes, at
// most six hours.
func Backoff(n int) time.Duration {
	d := firstBackoff
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// permanent tells an SMTP refusal (5xx) that retrying cannot change.
func permanent(err error) bool {
	var se *gomail.SendError
	return errors.As(err, &se) && !se.IsTemp() && se.Reason == gomail.ErrSMTPRcptTo
}

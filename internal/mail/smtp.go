// Package mail writes the platform's e-mail to the outbox in DuckDB and
// sends it over SMTP: the messages of a collection round (opening,
// reminders, the coordinator's digest) and the comment on a returned
// submission. Every message is stored before it is sent, sent at most once,
// retried with backoff, and its failures are kept with their reason.
package mail

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/fcmn/infocentre/internal/store"
)

// Sender delivers one message of the outbox.
type Sender interface {
	Send(ctx context.Context, m store.OutboxMessage) error
}

// SMTP sends over SMTP: smtp:// uses STARTTLS when the server offers it,
// smtps:// implicit TLS.
type SMTP struct {
	host     string
	port     int
	implicit bool
	user     string
	password string
	from     string
}

// ParseSMTP reads smtp://[user:pass@]host:port or smtps://… and the sender
// address.
func ParseSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail: --smtp-url: %w", err)
	}
	s := &SMTP{host: u.Hostname(), from: from}
	switch u.Scheme {
	case "smtp":
		s.port = 587
	case "smtps":
		s.port, s.implicit = 465, true
	default:
		return nil, fmt.Errorf("mail: --smtp-url %q: the scheme must be smtp or smtps", u.Redacted())
	}
	if s.host == "" {
		return nil, fmt.Errorf("mail: --smtp-url %q: no host", u.Redacted())
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: --smtp-url %q: port: %w", u.Redacted(), err)
		}
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
	}
	if from == "" {
		return nil, fmt.Errorf("mail: --mail-from is required with --smtp-url")
	}
	return s, nil
}

// Address is host:port, for logs.
func (s *SMTP) Address() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// Send delivers one message as plain text with an HTML alternative.
func (s *SMTP) Send(ctx context.Context, m store.OutboxMessage) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("mail: sender %s: %w", s.from, err)
	}
	if err := msg.To(m.Recipient); err != nil {
		return fmt.Errorf("mail: recipient %s: %w", m.Recipient, err)
	}
	msg.Subject(m.Subject)
	msg.SetGenHeader(gomail.HeaderContentLang, m.Language)
	msg.SetGenHeader("X-Infocentre-Message", m.Key)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	if s.implicit {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	opts = append(opts, gomail.WithPort(s.port)) // after the TLS options, which set their own default port
	if s.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.user), gomail.WithPassword(s.password))
	}
	c, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("mail: client for %s: %w", s.Address(), err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send to %s via %s: %w", m.Recipient, s.Address(), err)
	}
	return nil
}

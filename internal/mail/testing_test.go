package mail

import (
	"errors"
	"io"
	"log/slog"
	"mime"
	"net"
	netmail "net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// received is one message as the SMTP server got it.
type received struct {
	From, To, Subject, Language, Key, Body string
}

// smtpSink is an SMTP server on the loopback that keeps what it receives;
// refuse makes it answer 451 to the next RCPT for an address.
type smtpSink struct {
	mu     sync.Mutex
	got    []received
	refuse map[string]int
	addr   string
}

func startSMTP(t *testing.T) *smtpSink {
	t.Helper()
	sink := &smtpSink{refuse: map[string]int{}}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: sink}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sink.addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return sink
}

func (s *smtpSink) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpSink) refuseNext(addr string) {
	s.mu.Lock()
	s.refuse[addr]++
	s.mu.Unlock()
}

type sinkSession struct {
	sink     *smtpSink
	from, to string
}

func (s *sinkSession) Reset()        {}
func (s *sinkSession) Logout() error { return nil }
func (s *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.sink.mu.Lock()
	defer s.sink.mu.Unlock()
	if s.sink.refuse[to] > 0 {
		s.sink.refuse[to]--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "mailbox busy, try later"}
	}
	s.to = to
	return nil
}

func (s *sinkSession) Data(r io.Reader) error {
	msg, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	if s.to == "" {
		return errors.New("no recipient")
	}
	s.sink.mu.Lock()
	s.sink.got = append(s.sink.got, received{From: s.from, To: s.to, Subject: subject, Language: msg.Header.Get("Content-Language"),
		Key: msg.Header.Get("X-Infocentre-Message"), Body: string(body)})
	s.sink.mu.Unlock()
	return nil
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// keysOf lists the keys received, sorted as they came.
func keysOf(msgs []received) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Key)
	}
	return out
}

// Package mailtest runs an SMTP server in the test process
// (github.com/emersion/go-smtp) that keeps every message it receives, so
// that tests check what arrived, to whom, in which language, and how often.
package mailtest

import (
	"errors"
	"io"
	"mime"
	"net"
	netmail "net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one message as the SMTP server got it.
type Received struct {
	From, To, Subject, Language, Key, Body string
}

// Sink is an SMTP server on the loopback that keeps what it receives;
// RefuseNext makes it answer 451 to the next RCPT for an address.
type Sink struct {
	mu     sync.Mutex
	got    []Received
	refuse map[string]int
	addr   string
}

// Addr is the server's host:port.
func (s *Sink) Addr() string { return s.addr }

// Start runs a sink until the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	sink := &Sink{refuse: map[string]int{}}
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

// Messages returns what arrived so far, in order.
func (s *Sink) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// RefuseNext answers 451 to the next RCPT TO for addr.
func (s *Sink) RefuseNext(addr string) {
	s.mu.Lock()
	s.refuse[addr]++
	s.mu.Unlock()
}

type sinkSession struct {
	sink     *Sink
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
	s.sink.got = append(s.sink.got, Received{From: s.from, To: s.to, Subject: subject, Language: msg.Header.Get("Content-Language"),
		Key: msg.Header.Get("X-Infocentre-Message"), Body: string(body)})
	s.sink.mu.Unlock()
	return nil
}

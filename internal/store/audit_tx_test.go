package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

// unwritable is an audit entry DuckDB refuses to store: an address that is
// no UTF-8 (the address comes from a request header) cannot be bound to a
// VARCHAR.
var unwritable = domain.AuditEntry{Actor: "coord@bosa.be", Address: "192.0.2.\xff"}

// TestChangeKeptOnlyWithItsAuditEntry makes every change that writes its
// audit entry with it once with an entry that cannot be written: the change
// fails and the database is as it was, row for row. The same change with a
// writable entry then keeps both. (The cases run in order: the account is
// disabled before it is enabled again.)
func TestChangeKeptOnlyWithItsAuditEntry(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	waiting := mustImport(t, s, importFile("waiting.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2024, "received=10"))).Created[0]
	if _, err := s.SaveAssessment(ctx, agencyOf("FIN"), "FIN", 2023, answersWith(2, 0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveAssessment(ctx, agencyOf("JUST"), "JUST", 2024, answersWith(2, 0)); err != nil {
		t.Fatal(err)
	}
	toValidate, err := s.SubmitAssessment(ctx, agencyOf("MOB"), "MOB", 2024, answersWith(14, 0))
	if err != nil {
		t.Fatal(err)
	}
	toReturn, err := s.SubmitAssessment(ctx, agencyOf("RSZ"), "RSZ", 2024, answersWith(14, 0))
	if err != nil {
		t.Fatal(err)
	}
	acct, err := s.CreateAccount(ctx, testActor, NewAccount{Email: "agent@fin.be", Role: "agency", Organisation: "FIN", PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateToken(ctx, testActor, acct, "hash-live", "ic_live0001"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, OutboxMessage{Key: "k", Kind: "reminder", Recipient: "agent@fin.be", Language: "nl", Subject: "s", Text: "t", HTML: "t"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	due, err := s.OutboxDue(ctx, time.Now(), 1)
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %v %v", due, err)
	}
	failed, _, err := s.ClaimOutbox(ctx, due[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := s.OutboxAttemptFailed(ctx, failed.ID, nil, "550 no such mailbox"); err != nil {
		t.Fatal(err)
	}
	register := func(by *domain.AuditEntry) error {
		_, err := s.ImportRegister(ctx, RegisterRequest{
			FileName: "FIN register.csv", Source: by.Actor, Status: domain.StatusSubmitted, Audit: by,
			Rows: func(yield func(RegisterRow) error) (RegisterCheck, error) {
				for i := range 20 {
					if err := yield(RegisterRow{Organisation: "FIN", Complaint: fmt.Sprint("C", i), Received: time.Date(2023, 1, 10, 0, 0, 0, 0, time.UTC),
						Channel: "email", Language: "nl", Admissible: "yes"}); err != nil {
						return RegisterCheck{}, err
					}
				}
				return RegisterCheck{Accepted: true, SHA256: fakeSHA("FIN register.csv"), Rows: 20,
					Values: []RegisterValue{{Role: RegisterOrganisation, Text: "FIN", Code: "FIN"}, {Role: RegisterChannel, Text: "email", Code: "email"},
						{Role: RegisterLanguage, Text: "nl", Code: "nl"}, {Role: RegisterAdmissible, Text: "yes", Code: "yes"}}}, nil
			},
		})
		return err
	}

	tests := []struct {
		action string
		change func(by domain.AuditEntry) error
	}{
		{"approve", func(by domain.AuditEntry) error {
			_, err := s.Review(ctx, by, waiting, domain.StatusApproved, "")
			return err
		}},
		{"note_question", func(by domain.AuditEntry) error {
			_, err := s.AddValueNote(ctx, by, domain.ValueNote{SubmissionID: waiting.ID, Indicator: "received", Kind: domain.NoteQuestion,
				Author: by.Actor, Body: "why?"}, time.Now())
			return err
		}},
		{"criteria_save", func(by domain.AuditEntry) error {
			_, err := s.SaveAssessment(ctx, by, "FIN", 2024, answersWith(3, 0))
			return err
		}},
		{"criteria_copy", func(by domain.AuditEntry) error {
			_, _, err := s.CopyAssessment(ctx, by, "FIN", 2025)
			return err
		}},
		{"criteria_submit", func(by domain.AuditEntry) error {
			_, err := s.SubmitAssessment(ctx, by, "JUST", 2024, answersWith(14, 0))
			return err
		}},
		{"criteria_validate", func(by domain.AuditEntry) error {
			_, _, err := s.ValidateAssessment(ctx, by, toValidate.ID, "")
			return err
		}},
		{"criteria_return", func(by domain.AuditEntry) error {
			_, err := s.ReturnAssessment(ctx, by, toReturn.ID, "criterion 3?")
			return err
		}},
		{"mystery_check", func(by domain.AuditEntry) error {
			_, err := s.RecordMysteryCheck(ctx, by, domain.MysteryCheck{Organisation: "FIN", SentOn: day(t, "2024-02-01"), Channel: "email"})
			return err
		}},
		{"upload", func(by domain.AuditEntry) error {
			req := importFile("upload.csv", domain.StatusSubmitted, obsOf(t, "JUST", 2023, "received=7"))
			req.Audit = &by
			_, err := s.Import(ctx, req)
			return err
		}},
		{"register_upload", func(by domain.AuditEntry) error { return register(&by) }},
		{"round_open", func(by domain.AuditEntry) error {
			return s.OpenRound(ctx, by, domain.Round{Year: 2030, Deadline: day(t, "2031-03-31"), ReminderDays: []int{14},
				OpenedBy: by.Actor, OpenedAt: time.Now(), Organisations: []string{"FIN"}})
		}},
		{"account_create", func(by domain.AuditEntry) error {
			_, err := s.CreateAccount(ctx, by, NewAccount{Email: "new@just.be", Role: "agency", Organisation: "JUST", PasswordHash: "h"})
			return err
		}},
		{"account_disable", func(by domain.AuditEntry) error { return s.SetAccountDisabled(ctx, by, acct.ID, true) }},
		{"account_enable", func(by domain.AuditEntry) error { return s.SetAccountDisabled(ctx, by, acct.ID, false) }},
		{"account_language", func(by domain.AuditEntry) error { return s.SetAccountLanguage(ctx, by, acct.ID, "fr") }},
		{"token_create", func(by domain.AuditEntry) error {
			_, err := s.CreateToken(ctx, by, acct, "hash-new", "ic_new00001")
			return err
		}},
		{"token_revoke", func(by domain.AuditEntry) error {
			_, err := s.RevokeTokenPrefix(ctx, by, "ic_new00001", 0)
			return err
		}},
		{"outbox_send_again", func(by domain.AuditEntry) error {
			again, err := s.SendAgain(ctx, by, failed.ID, time.Now())
			if err == nil && !again {
				return fmt.Errorf("message %d not failed", failed.ID)
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			before := dumpTables(t, s.db)
			if err := tt.change(unwritable); err == nil || !strings.Contains(err.Error(), "audit") {
				t.Fatalf("with an unwritable audit entry: err = %v, want the audit's", err)
			}
			compareDumps(t, before, dumpTables(t, s.db))

			by := domain.AuditEntry{Actor: "someone@example.be", Address: "192.0.2.9"}
			if err := tt.change(by); err != nil {
				t.Fatalf("with a writable audit entry: %v", err)
			}
			log, err := s.AuditLog(ctx, by.Actor, tt.action, 10)
			if err != nil || len(log) != 1 || log[0].Address != by.Address || log[0].Subject == "" {
				t.Errorf("audit entries: %+v %v, want one with subject and address", log, err)
			}
		})
	}
}

// TestUnchangedUploadAudited: a file or register already stored writes no
// submission, but its upload is recorded all the same; a refused register
// records nothing.
func TestUnchangedUploadAudited(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	by := domain.AuditEntry{Actor: "agency@fin.be", Address: "192.0.2.3"}
	req := importFile("same.csv", domain.StatusSubmitted, obsOf(t, "FIN", 2024, "received=10"))
	req.Audit = &by
	first := mustImport(t, s, req)
	again := mustImport(t, s, req)
	if len(first.Created) != 1 || len(again.Created) != 0 || len(again.Unchanged) != 1 {
		t.Fatalf("first %+v, again %+v", first, again)
	}
	log, err := s.AuditLog(ctx, by.Actor, "upload", 10)
	if err != nil || len(log) != 2 {
		t.Fatalf("upload entries: %+v %v, want 2", log, err)
	}
	if want := fmt.Sprint(first.Created[0].ID); log[1].Subject != want || log[0].Subject != "" || !strings.HasSuffix(log[0].Detail, "unchanged=1") {
		t.Errorf("entries %+v, want the first naming submission %s and the second none, unchanged", log, want)
	}

	refused := RegisterRequest{FileName: "bad.csv", Source: by.Actor, Status: domain.StatusSubmitted, Audit: &by,
		Rows: func(func(RegisterRow) error) (RegisterCheck, error) { return RegisterCheck{Accepted: false}, nil }}
	if res, err := s.ImportRegister(ctx, refused); err != nil || res.Accepted {
		t.Fatalf("refused register: %+v %v", res, err)
	}
	if log, err := s.AuditLog(ctx, by.Actor, "register_upload", 10); err != nil || len(log) != 0 {
		t.Errorf("a refused register was audited: %+v %v", log, err)
	}
}

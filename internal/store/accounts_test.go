package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
)

func errCode(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return de.Code
	}
	return ""
}

// testActor is who makes the changes of the tests, in the audit log.
var testActor = domain.AuditEntry{Actor: "test@example.be", Address: "192.0.2.5"}

func TestAccountsSessionsTokens(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	a, err := s.CreateAccount(ctx, testActor, NewAccount{Email: "Agent@FIN.be", Role: "agency", Organisation: "FIN", PasswordHash: "h1"})
	if err != nil || a.Email != "agent@fin.be" || a.ID == 0 {
		t.Fatalf("create: %+v, %v", a, err)
	}
	if _, err := s.CreateAccount(ctx, testActor, NewAccount{Email: "agent@fin.be", Role: "analyst", PasswordHash: "h"}); errCode(err) != domain.ECONFLICT {
		t.Errorf("duplicate email: %v", err)
	}
	got, hash, err := s.AccountByEmail(ctx, "AGENT@fin.be")
	if err != nil || got.ID != a.ID || hash != "h1" {
		t.Errorf("by email: %+v %q %v", got, hash, err)
	}
	if _, _, err := s.AccountByEmail(ctx, "nobody@x.be"); errCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown email: %v", err)
	}

	if err := s.CreateSession(ctx, "sess", a.ID, "csrf1", time.Hour); err != nil {
		t.Fatal(err)
	}
	if got, csrf, err := s.SessionAccount(ctx, "sess"); err != nil || got.ID != a.ID || csrf != "csrf1" {
		t.Errorf("session: %+v %q %v", got, csrf, err)
	}
	if err := s.CreateSession(ctx, "old", a.ID, "c", -time.Second); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionAccount(ctx, "old"); errCode(err) != domain.EUNAUTH {
		t.Errorf("expired session: %v", err)
	}

	if _, err := s.CreateToken(ctx, testActor, a, "tokhash", "ic_abcd"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.TokenAccount(ctx, "tokhash"); err != nil || got.ID != a.ID {
		t.Errorf("token: %+v %v", got, err)
	}
	if err := s.SetAccountDisabled(ctx, testActor, a.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenAccount(ctx, "tokhash"); errCode(err) != domain.EUNAUTH {
		t.Errorf("token of a disabled account: %v", err)
	}
	if _, _, err := s.SessionAccount(ctx, "sess"); errCode(err) != domain.EUNAUTH {
		t.Errorf("session of a disabled account: %v", err)
	}
	// Enabling again revives neither the session nor the token.
	if err := s.SetAccountDisabled(ctx, testActor, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenAccount(ctx, "tokhash"); errCode(err) != domain.EUNAUTH {
		t.Errorf("token from before the disable, after re-enable: %v", err)
	}
	if _, _, err := s.SessionAccount(ctx, "sess"); errCode(err) != domain.EUNAUTH {
		t.Errorf("session from before the disable, after re-enable: %v", err)
	}
	if _, err := s.CreateToken(ctx, testActor, a, "tokhash2", "ic_efgh"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RevokeTokens(ctx, testActor, a, ""); err != nil || n != 1 {
		t.Errorf("revoke: %d %v", n, err)
	}
	if _, err := s.TokenAccount(ctx, "tokhash2"); errCode(err) != domain.EUNAUTH {
		t.Errorf("revoked token: %v", err)
	}
	if err := s.CreateSession(ctx, "sess2", a.ID, "csrf2", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSession(ctx, "sess2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionAccount(ctx, "sess2"); errCode(err) != domain.EUNAUTH {
		t.Errorf("deleted session: %v", err)
	}
}

func TestTokensByPrefix(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	a, err := s.CreateAccount(ctx, testActor, NewAccount{Email: "a@x.be", Role: "agency", Organisation: "FIN", PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateAccount(ctx, testActor, NewAccount{Email: "b@x.be", Role: "analyst", PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	for i, acct := range []domain.Account{a, a, b} {
		if _, err := s.CreateToken(ctx, testActor, acct, fmt.Sprint("hash", i), fmt.Sprint("ic_prefix0", i)); err != nil {
			t.Fatal(err)
		}
	}
	if mine, err := s.Tokens(ctx, a.ID); err != nil || len(mine) != 2 || mine[0].Email != "a@x.be" {
		t.Errorf("tokens of a: %+v %v", mine, err)
	}
	if _, err := s.RevokeTokenPrefix(ctx, testActor, "ic_prefix02", a.ID); errCode(err) != domain.ENOTFOUND {
		t.Errorf("a revokes b's token: %v", err)
	}
	if ids, err := s.RevokeTokenPrefix(ctx, testActor, "ic_prefix02", 0); err != nil || len(ids) != 1 || ids[0] != b.ID {
		t.Errorf("revoke anyone's: %v %v", ids, err)
	}
	if _, err := s.RevokeTokenPrefix(ctx, testActor, "ic_prefix02", 0); errCode(err) != domain.ENOTFOUND {
		t.Errorf("revoke twice: %v", err)
	}
	all, err := s.Tokens(ctx, 0)
	if err != nil || len(all) != 3 || all[0].RevokedAt == nil || all[1].RevokedAt != nil {
		t.Errorf("all tokens: %+v %v", all, err)
	}
}

func TestAuditRepeated(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	blocked := func(addr string) domain.AuditEntry {
		return domain.AuditEntry{Actor: "anonymous", Action: "login_blocked", Subject: "a@x.be", Address: addr}
	}
	for _, e := range []domain.AuditEntry{blocked("10.0.0.1"), blocked("10.0.0.1"), blocked("10.0.0.2"), blocked("10.0.0.1")} {
		if err := s.AuditRepeated(ctx, e, time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	// Outside the window: a new entry.
	if err := s.AuditRepeated(ctx, blocked("10.0.0.2"), 0); err != nil {
		t.Fatal(err)
	}
	got, err := s.AuditLog(ctx, "", "login_blocked", 10)
	if err != nil {
		t.Fatal(err)
	}
	var counts []string
	for _, e := range got {
		counts = append(counts, fmt.Sprintf("%s×%d", e.Address, e.Count))
	}
	if fmt.Sprint(counts) != "[10.0.0.2×1 10.0.0.2×1 10.0.0.1×3]" {
		t.Errorf("entries %v", counts)
	}
}

func TestAuditLog(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	for _, e := range []domain.AuditEntry{
		{Actor: "a@x.be", Action: "login", Address: "127.0.0.1"},
		{Actor: "b@x.be", Action: "upload", Subject: "submission 3", Detail: "FIN_2023.csv"},
		{Actor: "a@x.be", Action: "approve", Subject: "submission 3"},
	} {
		if err := s.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		actor, action string
		want          []string
	}{
		{"", "", []string{"approve", "upload", "login"}},
		{"a@x.be", "", []string{"approve", "login"}},
		{"", "upload", []string{"upload"}},
	}
	for _, tt := range tests {
		got, err := s.AuditLog(ctx, tt.actor, tt.action, 100)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range got {
			actions = append(actions, e.Action)
		}
		if len(actions) != len(tt.want) {
			t.Errorf("AuditLog(%q, %q) = %v, want %v", tt.actor, tt.action, actions, tt.want)
			continue
		}
		for i := range actions {
			if actions[i] != tt.want[i] {
				t.Errorf("AuditLog(%q, %q) = %v, want %v", tt.actor, tt.action, actions, tt.want)
			}
		}
	}
}

func TestReviewAndCompleteness(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	imp := func(org string, year int, sha, status string) domain.Submission {
		res, err := s.Import(ctx, ImportRequest{FileName: "f.csv", SHA256: sha, Source: "t", Kind: domain.KindFile, Status: status,
			Observations: []domain.Observation{{Organisation: org, Year: year, Indicator: "received", Value: 10}}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Created[0]
	}
	waiting := imp("FIN", 2024, "a", domain.StatusSubmitted)
	toReturn := imp("JUST", 2024, "b", domain.StatusSubmitted)
	imp("RSZ", 2023, "c", domain.StatusApproved)

	inbox, err := s.Inbox(ctx)
	if err != nil || len(inbox) != 2 || inbox[0].ID != waiting.ID || inbox[0].Observations != 1 {
		t.Fatalf("inbox: %+v %v", inbox, err)
	}
	coord := domain.AuditEntry{Actor: "coord@x.be", Address: "192.0.2.1"}
	if _, err := s.Review(ctx, coord, toReturn, domain.StatusReturned, "by_channel missing"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Review(ctx, coord, toReturn, domain.StatusApproved, ""); errCode(err) != domain.ECONFLICT {
		t.Errorf("approving a returned submission: %v", err)
	}
	before, _ := s.DataVersion(ctx)
	if sub, err := s.Review(ctx, coord, waiting, domain.StatusApproved, ""); err != nil || sub.Status != domain.StatusApproved {
		t.Fatalf("approve: %+v %v", sub, err)
	}
	if after, _ := s.DataVersion(ctx); after == before {
		t.Error("approval did not change the data version")
	}
	pub, _ := s.Published(ctx, Filter{Organisations: []string{"FIN", "JUST"}})
	if len(pub) != 1 || pub[0].Organisation != "FIN" {
		t.Errorf("published after review: %+v", pub)
	}
	cells, err := s.Completeness(ctx, 2023, 2024)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, c := range cells {
		status[fmt.Sprintf("%s/%d", c.Organisation, c.Year)] = c.Status
	}
	if len(cells) != 2*len(s.Reference().Organisations) {
		t.Errorf("%d cells", len(cells))
	}
	for k, want := range map[string]string{"FIN/2024": "approved", "JUST/2024": "returned", "RSZ/2023": "approved", "RSZ/2024": "missing", "FIN/2023": "missing"} {
		if status[k] != want {
			t.Errorf("%s = %s, want %s", k, status[k], want)
		}
	}
}

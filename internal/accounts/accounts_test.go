package accounts

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// catalogue knows the administrations it lists.
type catalogue []string

func (c catalogue) Organisation(code string) (reference.Organisation, bool) {
	for _, known := range c {
		if known == code {
			return reference.Organisation{Code: code}, true
		}
	}
	return reference.Organisation{}, false
}

// TestCheck is the one statement of what a new account must be, for the
// CLI, the site and the API alike.
func TestCheck(t *testing.T) {
	orgs := catalogue{"FIN"}
	for _, c := range []struct {
		name    string
		req     Request
		wantKey string  // refusal, or "" when accepted
		want    Request // normalised, when accepted
	}{
		{"coordinator, generated password", Request{Email: " Coord@BOSA.be ", Role: "coordinator"}, "",
			Request{Email: "coord@bosa.be", Role: "coordinator"}},
		{"agency of a known administration", Request{Email: "a@fin.be", Role: "agency", Organisation: " fin", Password: "long enough secret"}, "",
			Request{Email: "a@fin.be", Role: "agency", Organisation: "FIN", Password: "long enough secret"}},
		{"12 characters of 2 bytes each", Request{Email: "a@fin.be", Role: "analyst", Password: strings.Repeat("é", 12)}, "",
			Request{Email: "a@fin.be", Role: "analyst", Password: strings.Repeat("é", 12)}},
		{"11 characters, 22 bytes", Request{Email: "a@fin.be", Role: "analyst", Password: strings.Repeat("é", 11)}, "accounts.short_password", Request{}},
		{"11 ASCII characters", Request{Email: "a@fin.be", Role: "analyst", Password: "elevenchars"}, "accounts.short_password", Request{}},
		{"bad address", Request{Email: "not an address", Role: "analyst"}, "error.email_format", Request{}},
		{"unknown role", Request{Email: "a@fin.be", Role: "admin"}, "accounts.bad_role", Request{}},
		{"agency without administration", Request{Email: "a@fin.be", Role: "agency"}, "accounts.need_org", Request{}},
		{"agency of an unknown administration", Request{Email: "a@fin.be", Role: "agency", Organisation: "NOPE"}, "error.unknown_organisation", Request{}},
		{"coordinator bound to an administration", Request{Email: "a@fin.be", Role: "coordinator", Organisation: "FIN"}, "accounts.org_agency_only", Request{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Check(orgs, c.req)
			de, _ := errors.AsType[*domain.Error](err)
			switch {
			case c.wantKey == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.wantKey == "" && got != c.want:
				t.Errorf("got %+v, want %+v", got, c.want)
			case c.wantKey != "" && (de == nil || de.Key != c.wantKey || de.Code != domain.EINVALID):
				t.Errorf("got %v, want %s", err, c.wantKey)
			}
		})
	}
}

// accountStore keeps the accounts and tokens it is given.
type accountStore struct {
	created []store.NewAccount
	tokens  map[string]string // hash → prefix
}

func (s *accountStore) CreateAccount(_ context.Context, _ domain.AuditEntry, na store.NewAccount) (domain.Account, error) {
	s.created = append(s.created, na)
	return domain.Account{ID: int64(len(s.created)), Email: na.Email, Role: na.Role, Organisation: na.Organisation}, nil
}

func (s *accountStore) CreateToken(_ context.Context, _ domain.AuditEntry, _ domain.Account, hash, prefix string) (int64, error) {
	if s.tokens == nil {
		s.tokens = map[string]string{}
	}
	s.tokens[hash] = prefix
	return int64(len(s.tokens)), nil
}

func TestCreate(t *testing.T) {
	hash := func(_ context.Context, p string) (string, error) { return "hash of " + p, nil }
	for _, c := range []struct {
		name      string
		password  string
		generated bool
	}{
		{"password given", "a long enough secret", false},
		{"password generated", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := &accountStore{}
			got, err := Create(context.Background(), st, catalogue{}, hash, domain.AuditEntry{}, Request{Email: "X@y.be", Role: "analyst", Password: c.password})
			if err != nil {
				t.Fatal(err)
			}
			if got.Generated != c.generated || (!c.generated && got.Password != c.password) || len([]rune(got.Password)) < MinPasswordLength {
				t.Errorf("password %q generated %v", got.Password, got.Generated)
			}
			if len(st.created) != 1 || st.created[0].PasswordHash != "hash of "+got.Password || st.created[0].Email != "x@y.be" {
				t.Errorf("stored %+v", st.created)
			}
		})
	}
	st := &accountStore{}
	if _, err := Create(context.Background(), st, catalogue{}, hash, domain.AuditEntry{}, Request{Email: "x@y.be", Role: "analyst", Password: "short"}); err == nil || len(st.created) != 0 {
		t.Errorf("a refused account was stored: %v %+v", err, st.created)
	}
}

func TestMintToken(t *testing.T) {
	st := &accountStore{}
	a, err := MintToken(context.Background(), st, domain.AuditEntry{}, domain.Account{Email: "x@y.be"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := MintToken(context.Background(), st, domain.AuditEntry{}, domain.Account{Email: "x@y.be"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []Token{a, b} {
		if !strings.HasPrefix(tok.Secret, "ic_") || len(tok.Secret) != 46 || tok.Prefix != tok.Secret[:11] {
			t.Errorf("token %+v", tok)
		}
		if _, kept := st.tokens[tok.Secret]; kept {
			t.Error("the secret itself was stored")
		}
	}
	if a.Secret == b.Secret || len(st.tokens) != 2 {
		t.Errorf("two tokens alike: %+v %+v", a, b)
	}
}

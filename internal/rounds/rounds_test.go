package rounds

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// roundStore keeps the rounds it is given; every year expects FIN and JUST.
type roundStore struct{ opened []domain.Round }

func (s *roundStore) ExpectedOrganisations(context.Context, int) ([]string, error) {
	return []string{"JUST", "FIN"}, nil
}

func (s *roundStore) OpenRound(_ context.Context, _ domain.AuditEntry, r domain.Round) error {
	s.opened = append(s.opened, r)
	return nil
}

// catalogue knows FIN, JUST and POL.
type catalogue struct{}

func (catalogue) Organisation(code string) (reference.Organisation, bool) {
	return reference.Organisation{Code: code}, slices.Contains([]string{"FIN", "JUST", "POL"}, code)
}

// mailer counts the rounds it is told of.
type mailer struct{ told int }

func (m *mailer) RoundOpened(context.Context) error {
	m.told++
	return nil
}

// TestOpen: the administrations of a round, as the CLI, the site and the
// API open it.
func TestOpen(t *testing.T) {
	now := time.Date(2025, 1, 10, 9, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		orgs    []string
		want    []string
		wantKey string
	}{
		{"none named: those expected in the year", nil, []string{"FIN", "JUST"}, ""},
		{"named, in any case, each once", []string{"pol", " FIN", "POL", "fin"}, []string{"FIN", "POL"}, ""},
		{"an unknown code", []string{"FIN", "NOPE"}, nil, "error.unknown_organisation"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, m := &roundStore{}, &mailer{}
			req := domain.RoundRequest{Year: 2024, Deadline: "2025-03-31", Organisations: c.orgs}
			r, err := Open(context.Background(), st, catalogue{}, m, domain.AuditEntry{Actor: "cli"}, req, now)
			if c.wantKey != "" {
				de, _ := errors.AsType[*domain.Error](err)
				if de == nil || de.Key != c.wantKey || len(st.opened) != 0 || m.told != 0 {
					t.Fatalf("got %v, %d opened, mailer told %d times; want %s and nothing opened", err, len(st.opened), m.told, c.wantKey)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.Organisations, c.want) || len(st.opened) != 1 || !slices.Equal(st.opened[0].Organisations, c.want) {
				t.Errorf("administrations %v, stored %+v; want %v", r.Organisations, st.opened, c.want)
			}
			if r.OpenedBy != "cli" || m.told != 1 {
				t.Errorf("opened by %q, mailer told %d times", r.OpenedBy, m.told)
			}
		})
	}
	if _, err := Open(context.Background(), &roundStore{}, catalogue{}, &mailer{}, domain.AuditEntry{}, domain.RoundRequest{Year: 2024, Deadline: "31/03/2025"}, now); err == nil {
		t.Error("a malformed deadline was accepted")
	}
}

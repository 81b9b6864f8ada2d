// Package rounds opens collection rounds, for the CLI, the site and the API
// alike: the request checked, the administrations expected checked and
// counted once, the round stored with its audit entry and its opening
// messages written to the outbox.
package rounds

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// Store is what opening a round needs of the store.
type Store interface {
	ExpectedOrganisations(ctx context.Context, year int) ([]string, error)
	OpenRound(ctx context.Context, by domain.AuditEntry, r domain.Round) error
}

// Organisations is the part of the reference catalogue a round checks its
// administrations against.
type Organisations interface {
	Organisation(code string) (reference.Organisation, bool)
}

// Mailer has the opening messages of a round just opened written to the
// outbox: the server wakes its running mailer, the CLI plans them before it
// ends (the server sends them).
type Mailer interface {
	RoundOpened(ctx context.Context) error
}

// Open checks req (domain.NewRound), takes the administrations active in
// the year when it names none, checks each code (upper case, known) and
// keeps each once, stores the round with by's audit entry and tells mailer.
func Open(ctx context.Context, st Store, orgs Organisations, mailer Mailer, by domain.AuditEntry, req domain.RoundRequest, now time.Time) (domain.Round, error) {
	r, err := domain.NewRound(req, by.Actor, now)
	if err != nil {
		return r, err
	}
	r.Organisations = slices.Clone(r.Organisations)
	for i, code := range r.Organisations {
		code = strings.ToUpper(strings.TrimSpace(code))
		if _, ok := orgs.Organisation(code); !ok {
			return r, domain.Errorf(domain.EINVALID, "error.unknown_organisation", code)
		}
		r.Organisations[i] = code
	}
	if len(r.Organisations) == 0 {
		if r.Organisations, err = st.ExpectedOrganisations(ctx, r.Year); err != nil {
			return r, fmt.Errorf("rounds: open %d: %w", r.Year, err)
		}
	}
	slices.Sort(r.Organisations)
	r.Organisations = slices.Compact(r.Organisations)
	if err := st.OpenRound(ctx, by, r); err != nil {
		return r, err
	}
	if err := mailer.RoundOpened(ctx); err != nil {
		return r, fmt.Errorf("rounds: open %d: %w", r.Year, err)
	}
	return r, nil
}

// Package param reads the parameters of requests (query, path and form
// values) by one set of rules: a malformed value is EINVALID (400) naming
// the parameter, a well-formed one that names nothing is ENOTFOUND (404).
package param

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Reader reads the parameters of one request against the catalogue.
type Reader struct {
	ref *reference.Catalogue
}

// New reads parameters against ref, the catalogue as it is for the request.
func New(ref *reference.Catalogue) Reader { return Reader{ref: ref} }

// Year reads raw, the value of parameter name, as a year from
// domain.FirstYear to domain.LastYear.
func (p Reader) Year(name, raw string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || y < domain.FirstYear || y > domain.LastYear {
		return 0, domain.Errorf(domain.EINVALID, "error.param_year", name, raw, domain.FirstYear, domain.LastYear)
	}
	return y, nil
}

// YearOr is Year, with fallback for an empty value.
func (p Reader) YearOr(name, raw string, fallback int) (int, error) {
	if strings.TrimSpace(raw) == "" {
		return fallback, nil
	}
	return p.Year(name, raw)
}

// YearOrEvery is Year, with 0 (every year, as a target may be) for an
// empty value or 0.
func (p Reader) YearOrEvery(name, raw string) (int, error) {
	if r := strings.TrimSpace(raw); r == "" || r == "0" {
		return 0, nil
	}
	return p.Year(name, raw)
}

// Years reads a repeatable year parameter.
func (p Reader) Years(name string, raws []string) ([]int, error) {
	out := make([]int, 0, len(raws))
	for _, raw := range raws {
		y, err := p.Year(name, raw)
		if err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, nil
}

// PublishedYear reads ?year= among the years with published figures:
// absent gives the latest of them (0 when there is none), a year without
// published figures is not found.
func (p Reader) PublishedYear(q url.Values, published []int) (int, error) {
	if q.Get("year") == "" {
		if len(published) == 0 {
			return 0, nil
		}
		return published[len(published)-1], nil
	}
	y, err := p.Year("year", q.Get("year"))
	if err != nil {
		return 0, err
	}
	if !slices.Contains(published, y) {
		return 0, domain.Errorf(domain.ENOTFOUND, "error.no_published_figures", y)
	}
	return y, nil
}

// YearRange reads ?from= and ?to=: by default to is defaultTo and from
// span-1 years before it; from must not follow to, and the range spans at
// most maxSpan years.
func (p Reader) YearRange(q url.Values, defaultTo, span, maxSpan int) (int, int, error) {
	to, err := p.YearOr("to", q.Get("to"), defaultTo)
	if err != nil {
		return 0, 0, err
	}
	from, err := p.YearOr("from", q.Get("from"), to-span+1)
	if err != nil {
		return 0, 0, err
	}
	if from > to || to-from >= maxSpan {
		return 0, 0, domain.Errorf(domain.EINVALID, "error.years_span", maxSpan)
	}
	return from, to, nil
}

// Group reads a group code: empty for none (the whole network), else a
// group of the catalogue.
func (p Reader) Group(raw string) (string, error) {
	if _, ok := p.ref.Group(raw); raw != "" && !ok {
		return "", domain.Errorf(domain.ENOTFOUND, "error.unknown_group", raw)
	}
	return raw, nil
}

// Organisation reads an organisation code: empty for none, else an
// organisation of the catalogue.
func (p Reader) Organisation(raw string) (string, error) {
	if raw != "" {
		if _, ok := p.ref.Organisation(raw); !ok {
			return "", domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", raw)
		}
	}
	return raw, nil
}

// Organisations reads a repeatable organisation parameter.
func (p Reader) Organisations(raws []string) ([]string, error) {
	for _, raw := range raws {
		if _, err := p.Organisation(raw); err != nil {
			return nil, err
		}
	}
	return raws, nil
}

// Indicators reads a repeatable indicator parameter: codes of the
// catalogue.
func (p Reader) Indicators(raws []string) ([]string, error) {
	for _, raw := range raws {
		if _, ok := p.ref.Indicator(raw); !ok {
			return nil, domain.Errorf(domain.ENOTFOUND, "error.unknown_indicator", raw)
		}
	}
	return raws, nil
}

// Scope reads ?group= and ?organisation= (one of them at most, as the
// scope picker offers).
func (p Reader) Scope(q url.Values) (store.Scope, error) {
	g, err := p.Group(q.Get("group"))
	if err != nil {
		return store.Scope{}, err
	}
	o, err := p.Organisation(q.Get("organisation"))
	if err != nil {
		return store.Scope{}, err
	}
	return store.Scope{Group: g, Organisation: o}, nil
}

// Choice reads raw, the value of parameter name, as one of choices (a
// status, a view); empty is allowed when choices has "".
func Choice(name, raw string, choices ...string) (string, error) {
	if slices.Contains(choices, raw) {
		return raw, nil
	}
	var offered domain.List
	for _, c := range choices {
		if c != "" {
			offered = append(offered, c)
		}
	}
	return "", domain.Errorf(domain.EINVALID, "error.param_choice", name, raw, offered)
}

// ID reads raw, the value of parameter name, as the number of a record
// (a submission, an account, a message): a whole number from 1.
func ID(name, raw string) (int64, error) {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 1 {
		return 0, domain.Errorf(domain.EINVALID, "error.param_id", name, raw)
	}
	return n, nil
}

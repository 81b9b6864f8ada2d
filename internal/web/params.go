package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// parseYear reads ?year=: absent gives the latest published year, malformed
// is invalid (400), a year without published figures is not found (404).
func parseYear(q url.Values, years []int) (int, error) {
	raw := q.Get("year")
	if raw == "" {
		if len(years) == 0 {
			return 0, nil
		}
		return years[len(years)-1], nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < 1900 || y > 9999 {
		return 0, domain.Errorf(domain.EINVALID, "year %q is not a year", raw)
	}
	if !slices.Contains(years, y) {
		return 0, domain.Errorf(domain.ENOTFOUND, "no published figures for %d", y)
	}
	return y, nil
}

// parseMeasure reads ?indicator=, defaulting to complaints received.
func parseMeasure(q url.Values, ref *reference.Catalogue) (measure, error) {
	code := q.Get("indicator")
	if code == "" {
		code = "received"
	}
	m, ok := findMeasure(ref, code)
	if !ok {
		return measure{}, domain.Errorf(domain.ENOTFOUND, "unknown indicator %q", code)
	}
	return m, nil
}

// parseScope reads ?group= and ?organisation= (one of them at most, as the
// scope picker offers).
func parseScope(q url.Values, ref *reference.Catalogue) (store.Scope, error) {
	sc := store.Scope{Group: q.Get("group"), Organisation: q.Get("organisation")}
	if sc.Group != "" && !slices.Contains(groups(ref), sc.Group) {
		return sc, domain.Errorf(domain.ENOTFOUND, "unknown group %q", sc.Group)
	}
	if sc.Organisation != "" {
		if _, ok := ref.Organisation(sc.Organisation); !ok {
			return sc, domain.Errorf(domain.ENOTFOUND, "unknown organisation %q", sc.Organisation)
		}
	}
	return sc, nil
}

// parseOrganisations reads a repeatable ?organisation=.
func parseOrganisations(q url.Values, ref *reference.Catalogue) ([]string, error) {
	codes := q["organisation"]
	for _, c := range codes {
		if _, ok := ref.Organisation(c); !ok {
			return nil, domain.Errorf(domain.ENOTFOUND, "unknown organisation %q", c)
		}
	}
	return codes, nil
}

// groups lists the groups of the catalogue in order of first appearance.
func groups(ref *reference.Catalogue) []string {
	var out []string
	for _, o := range ref.Organisations {
		if !slices.Contains(out, o.Group) {
			out = append(out, o.Group)
		}
	}
	return out
}

// inScope lists the organisations of the catalogue a scope covers.
func inScope(ref *reference.Catalogue, sc store.Scope) []reference.Organisation {
	var out []reference.Organisation
	for _, o := range ref.Organisations {
		if (sc.Group == "" || o.Group == sc.Group) && (sc.Organisation == "" || o.Code == sc.Organisation) {
			out = append(out, o)
		}
	}
	return out
}

package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

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
		return 0, domain.Errorf(domain.EINVALID, "error.not_a_year", raw)
	}
	if !slices.Contains(years, y) {
		return 0, domain.Errorf(domain.ENOTFOUND, "error.no_published_figures", y)
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
		return measure{}, domain.Errorf(domain.ENOTFOUND, "error.unknown_indicator", code)
	}
	return m, nil
}

// parseScope reads ?group= and ?organisation= (one of them at most, as the
// scope picker offers).
func parseScope(q url.Values, ref *reference.Catalogue) (store.Scope, error) {
	sc := store.Scope{Group: q.Get("group"), Organisation: q.Get("organisation")}
	if sc.Group != "" && !slices.Contains(groups(ref), sc.Group) {
		return sc, domain.Errorf(domain.ENOTFOUND, "error.unknown_group", sc.Group)
	}
	if sc.Organisation != "" {
		if _, ok := ref.Organisation(sc.Organisation); !ok {
			return sc, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", sc.Organisation)
		}
	}
	return sc, nil
}

// parseOrganisations reads a repeatable ?organisation=.
func parseOrganisations(q url.Values, ref *reference.Catalogue) ([]string, error) {
	codes := q["organisation"]
	for _, c := range codes {
		if _, ok := ref.Organisation(c); !ok {
			return nil, domain.Errorf(domain.ENOTFOUND, "error.unknown_organisation", c)
		}
	}
	return codes, nil
}

// groups lists the codes of the groups of the catalogue.
func groups(ref *reference.Catalogue) []string {
	out := make([]string, len(ref.Groups))
	for i, g := range ref.Groups {
		out[i] = g.Code
	}
	return out
}

// groupName is the name of a group in lang, or its code if it is unknown.
func groupName(ref *reference.Catalogue, code, lang string) string {
	if g, ok := ref.Group(code); ok {
		return g.Name.In(lang)
	}
	return code
}

// inScope lists the organisations of the catalogue a scope covers in some
// year: a group's present and past members.
func inScope(ref *reference.Catalogue, sc store.Scope) []reference.Organisation {
	var out []reference.Organisation
	for _, o := range ref.Organisations {
		member := slices.ContainsFunc(o.Groups, func(m reference.Membership) bool { return m.Group == sc.Group })
		if (sc.Group == "" || member) && (sc.Organisation == "" || o.Code == sc.Organisation) {
			out = append(out, o)
		}
	}
	return out
}

// dueInScope lists the administrations of a scope that must report for
// year: active in that year, and in the group that year.
func dueInScope(ref *reference.Catalogue, sc store.Scope, year int) []reference.Organisation {
	var out []reference.Organisation
	for _, o := range ref.Organisations {
		if o.ActiveIn(year) && (sc.Group == "" || o.GroupIn(year) == sc.Group) && (sc.Organisation == "" || o.Code == sc.Organisation) {
			out = append(out, o)
		}
	}
	return out
}

// membershipChanges describes how a group's members differ from one year
// to the next over years ("2023: +FIN −JUST"); nil when they never do.
func membershipChanges(ref *reference.Catalogue, group string, years []int) []string {
	members := func(y int) map[string]bool {
		out := map[string]bool{}
		for _, o := range dueInScope(ref, store.Scope{Group: group}, y) {
			out[o.Code] = true
		}
		return out
	}
	var out []string
	for i := 1; i < len(years); i++ {
		before, now := members(years[i-1]), members(years[i])
		var change []string
		for _, o := range ref.Organisations {
			switch {
			case now[o.Code] && !before[o.Code]:
				change = append(change, "+"+o.Code)
			case before[o.Code] && !now[o.Code]:
				change = append(change, "−"+o.Code)
			}
		}
		if len(change) > 0 {
			out = append(out, fmt.Sprintf("%d: %s", years[i], strings.Join(change, " ")))
		}
	}
	return out
}

package figures

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// InScope lists the organisations of the catalogue a scope covers in some
// year: a group's present and past members.
func InScope(ref *reference.Catalogue, sc store.Scope) []reference.Organisation {
	var out []reference.Organisation
	for _, o := range ref.Organisations {
		member := slices.ContainsFunc(o.Groups, func(m reference.Membership) bool { return m.Group == sc.Group })
		if (sc.Group == "" || member) && (sc.Organisation == "" || o.Code == sc.Organisation) {
			out = append(out, o)
		}
	}
	return out
}

// DueInScope lists the administrations of a scope that must report for
// year: active in that year, and in the group that year.
func DueInScope(ref *reference.Catalogue, sc store.Scope, year int) []reference.Organisation {
	due := reference.MustReport(ref.Organisations, year, sc.Group)
	if sc.Organisation != "" {
		due = slices.DeleteFunc(due, func(o reference.Organisation) bool { return o.Code != sc.Organisation })
	}
	return due
}

// MembershipChanges describes how a group's members differ from one year
// to the next over years ("2023: +FIN −JUST"); nil when they never do.
func MembershipChanges(ref *reference.Catalogue, group string, years []int) []string {
	members := func(y int) map[string]bool {
		out := map[string]bool{}
		for _, o := range DueInScope(ref, store.Scope{Group: group}, y) {
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

// ScopeOrganisations lists the administrations an extract must name for a
// scope: none for the whole network (meaning all), else those in scope.
func ScopeOrganisations(ref *reference.Catalogue, sc store.Scope) []string {
	if sc == (store.Scope{}) {
		return nil
	}
	var out []string
	for _, o := range InScope(ref, sc) {
		out = append(out, o.Code)
	}
	return out
}

package main

import (
	"sort"
	"strconv"

	"github.com/fcmn/infocentre/internal/domain"
)

// supersede applies the exports in lexical (byte) order of their names, as
// the importer tests do: a later file replaces, for each (organisation,
// year, indicator) it carries, every value stored before, breakdown parts
// included. It returns the current observations sorted by organisation,
// year, indicator and breakdown.
func supersede(exports []export) []domain.Observation {
	sorted := append([]export(nil), exports...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	type indicatorKey struct {
		org       string
		year      int
		indicator string
	}
	current := map[indicatorKey][]domain.Observation{}
	for _, e := range sorted {
		stated := map[indicatorKey][]domain.Observation{}
		for _, r := range e.recs {
			for _, o := range r.observations() {
				k := indicatorKey{o.Organisation, o.Year, o.Indicator}
				stated[k] = append(stated[k], o)
			}
		}
		for k, obs := range stated {
			current[k] = obs
		}
	}
	var out []domain.Observation
	for _, obs := range current {
		out = append(out, obs...)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Organisation != b.Organisation {
			return a.Organisation < b.Organisation
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Indicator != b.Indicator {
			return a.Indicator < b.Indicator
		}
		return a.Breakdown < b.Breakdown
	})
	return out
}

// expectedCSV writes observations in the long format the importer tests
// compare with: codes, an empty breakdown for plain indicators, a decimal
// point.
func expectedCSV(obs []domain.Observation) []byte {
	t := newText(",", "\n")
	t.row("organisation", "year", "indicator", "breakdown", "value")
	for _, o := range obs {
		t.row(o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, plain(o.Value))
	}
	return []byte(t.String())
}

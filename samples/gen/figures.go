package main

import (
	"math"
	"slices"
	"sort"

	"github.com/fcmn/infocentre/internal/domain"
)

// Years the samples span.
const (
	firstYear = 2019
	lastYear  = 2025
)

// key names one figure of an organisation-year: an indicator and, for a
// split indicator, the breakdown value.
type key struct{ indicator, breakdown string }

// figures are one organisation-year's values.
type figures map[key]float64

// only keeps the figures of the given indicators.
func (f figures) only(indicators ...string) figures {
	keep := map[string]bool{}
	for _, in := range indicators {
		keep[in] = true
	}
	out := figures{}
	for k, v := range f {
		if keep[k.indicator] {
			out[k] = v
		}
	}
	return out
}

// without drops the figures of the given indicators.
func (f figures) without(indicators ...string) figures {
	drop := map[string]bool{}
	for _, in := range indicators {
		drop[in] = true
	}
	out := figures{}
	for k, v := range f {
		if !drop[k.indicator] {
			out[k] = v
		}
	}
	return out
}

// record is what one file states about one organisation-year.
type record struct {
	org  string
	year int
	figs figures
}

// observations lists the record's figures in a stable order.
func (r record) observations() []domain.Observation {
	out := make([]domain.Observation, 0, len(r.figs))
	for k, v := range r.figs {
		out = append(out, domain.Observation{Organisation: r.org, Year: r.year, Indicator: k.indicator, Breakdown: k.breakdown, Value: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Indicator != out[j].Indicator {
			return out[i].Indicator < out[j].Indicator
		}
		return out[i].Breakdown < out[j].Breakdown
	})
	return out
}

// share is a breakdown value and its usual weight for an organisation.
type share struct {
	code   string
	weight float64
}

// profile describes how an organisation's figures behave over the years.
type profile struct {
	org                string
	years              []int   // years it reports
	from, to           float64 // complaints received in 2019 and 2025 (trend)
	inadmissible, open float64 // shares of received and of admissible
	founded, partly    float64 // shares of closed
	ackOnTime          float64 // share of admissible
	closedOnTime       float64 // share of closed
	avgDays            float64 // processing time in 2019
	avgDecimals        int     // how precisely its tool writes avg_days
	infoRequests       float64 // per complaint received
	criteria           int     // criteria met in 2019
	channels           []share
	languages          []share
	// activity is the files, decisions or contacts handled per complaint
	// received (activity_volume); 0 for an administration that does not
	// count its activity.
	activity float64
}

// foundedTypes is the network-wide mix of the four types of founded
// complaints; organisations vary around it.
var foundedTypes = []share{
	{"attitude", 0.14}, {"quality", 0.27}, {"procedure", 0.41}, {"complaint_handling", 0.18},
}

// yearsFrom lists the years from first to last, leaving out skip.
func yearsFrom(first int, skip ...int) []int {
	var out []int
	for y := first; y <= lastYear; y++ {
		if !slices.Contains(skip, y) {
			out = append(out, y)
		}
	}
	return out
}

// generate draws every indicator of one organisation-year so that all the
// consistency rules of the network hold exactly.
func generate(p profile, year int) figures {
	r := newRNG(p.org, year)
	t := float64(year-firstYear) / float64(lastYear-firstYear)
	f := figures{}
	set := func(indicator string, v float64) { f[key{indicator, ""}] = v }

	received := count(p.from * math.Pow(p.to/p.from, t) * r.between(0.95, 1.05))
	inadmissible := count(received * p.inadmissible * r.between(0.85, 1.15))
	admissible := received - inadmissible
	open := count(admissible * p.open * r.between(0.7, 1.3))
	closed := admissible - open
	founded := count(closed * p.founded * r.between(0.85, 1.15))
	partly := count(closed * p.partly * r.between(0.8, 1.2))
	set("received", received)
	set("information_requests", count(received*p.infoRequests*r.between(0.85, 1.15)))
	set("admissible", admissible)
	set("inadmissible", inadmissible)
	set("closed", closed)
	set("founded", founded)
	set("partly_founded", partly)
	set("unfounded", closed-founded-partly)
	set("open_end_of_year", open)
	set("ack_on_time", count(admissible*math.Min(p.ackOnTime*r.between(0.97, 1.03), 1)))
	set("closed_on_time", count(closed*math.Min(p.closedOnTime*r.between(0.95, 1.05), 1)))
	// Processing gets a little faster as the network matures.
	scale := math.Pow(10, float64(p.avgDecimals))
	set("avg_days", math.Round(p.avgDays*(1-0.03*float64(year-firstYear))*r.between(0.9, 1.1)*scale)/scale)
	set("second_line", count(closed*r.between(0.01, 0.04)))
	splitInto(f, "by_channel", received, p.channels, r)
	splitInto(f, "by_language", received, p.languages, r)
	splitInto(f, "founded_by_type", founded+partly, foundedTypes, r)
	set("suggestions", count(received*r.between(0.005, 0.03)))
	set("compliments", count(received*r.between(0.01, 0.06)))
	set("improvement_actions", count(received/200*r.between(0.6, 1.4)))
	set("criteria_met", math.Min(14, float64(p.criteria+(year-firstYear)/2)))
	// Drawn last, so that the other figures stay what they were.
	if p.activity > 0 {
		set("activity_volume", count(received*p.activity*r.between(0.9, 1.1)))
	}
	return f
}

// splitInto stores total split over the shares as the parts of indicator.
func splitInto(f figures, indicator string, total float64, shares []share, r *rng) {
	weights := make([]float64, len(shares))
	for i, s := range shares {
		weights[i] = s.weight
	}
	for i, part := range r.split(total, weights) {
		f[key{indicator, shares[i].code}] = part
	}
}

// correction restates a few indicators of f as an administration does after
// finding late-registered complaints: lateInadmissible more received and
// inadmissible complaints (admissible ones unchanged), the channel and
// language splits restated in full to match, and a recomputed average time.
// The result carries only the restated indicators.
func correction(p profile, f figures, lateInadmissible float64, avgDays float64) figures {
	r := newRNG(p.org+"/correction", 0)
	out := f.only("received", "inadmissible", "by_channel", "by_language")
	out[key{"received", ""}] += lateInadmissible
	out[key{"inadmissible", ""}] += lateInadmissible
	extra := figures{}
	splitInto(extra, "by_channel", lateInadmissible, p.channels, r)
	splitInto(extra, "by_language", lateInadmissible, p.languages, r)
	for k, v := range extra {
		out[k] += v
	}
	out[key{"avg_days", ""}] = avgDays
	return out
}

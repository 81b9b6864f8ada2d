// Package report is the network's yearly report and each administration's
// yearly letter: it gathers their figures from the published (approved)
// data (Builder) and lays them out as sections, tables and charts in one
// language (Documents), in one place, so that the HTML, PDF and XLSX outputs
// show the same numbers. It knows nothing of HTTP: internal/web serves the
// documents, `infocentre report` writes them.
package report

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Store is what the reports read: the published figures and where they
// come from, the criteria, the round of the year, the notes on the values
// and the coordinator's targets. *store.Store is one.
type Store interface {
	Reference() *reference.Catalogue
	DataVersion(ctx context.Context) (int64, error)
	EachPublished(ctx context.Context, f store.Filter, fn func(store.PublishedRow) error) error
	ExtractSubmissions(ctx context.Context, ids []int64) ([]domain.Submission, error)
	CriteriaMatrix(ctx context.Context, year int, group string) (store.Matrix, error)
	ProtocolEligible(ctx context.Context, year int, group string) ([]store.ProtocolEntry, error)
	Round(ctx context.Context, year int) (domain.Round, error)
	RoundEntries(ctx context.Context, year int) ([]domain.RoundEntry, error)
	NotesOfSubmissions(ctx context.Context, ids []int64) ([]domain.ValueNote, error)
	FairSettings(ctx context.Context) (rates.Settings, error)
	DashboardNetwork(ctx context.Context, sc store.Scope) ([]domain.Observation, error)
}

// Builder reads the published figures for reports.
type Builder struct {
	st  Store
	now func() time.Time
}

// New returns a builder reading st; now is the time the figures are
// extracted at (nil for the system clock).
func New(st Store, now func() time.Time) *Builder {
	if now == nil {
		now = time.Now
	}
	return &Builder{st: st, now: now}
}

// ref is the reference as it is now: the coordinator may change it.
func (b *Builder) ref() *reference.Catalogue { return b.st.Reference() }

// OrgYear keys the values of one administration for one year.
type OrgYear struct {
	Org  string
	Year int
}

// Network is every published figure a yearly report needs: the year's and
// every earlier year's values of the administrations in scope, the
// validated criteria and where the figures come from.
type Network struct {
	Year  int
	Group string // empty for the whole network
	// Years lists the years with published figures up to Year, oldest first.
	Years []int
	// Orgs are the administrations that belong to the scope in any year, in
	// catalogue order; Members says who belongs to it in a given year.
	Orgs []reference.Organisation
	// Plain holds the plain indicators: organisation-year -> indicator -> value.
	Plain map[OrgYear]map[string]float64
	// Parts holds the breakdowns: organisation-year -> indicator -> breakdown value -> value.
	Parts map[OrgYear]map[string]map[string]float64
	// Sources are the submissions the figures of Year come from;
	// EarlierSources counts those of the earlier years.
	Sources        []domain.Submission
	EarlierSources int
	Extracted      time.Time
	DataVersion    int64
	Matrix         store.Matrix
	Protocol       []store.ProtocolEntry
	// Round is the reporting round of Year, nil when none was opened;
	// Entries say who reported on time (OnTime filled at Extracted).
	Round   *domain.Round
	Entries []domain.RoundEntry
	// Notes are the flags and explanations on the values of Sources.
	Notes []domain.ValueNote
}

// Network builds the report of year for group (the whole network when
// empty). An unknown group is EINVALID; a year without published figures is
// ENOTFOUND.
func (b *Builder) Network(ctx context.Context, year int, group string) (*Network, error) {
	n := &Network{Year: year, Group: group, Plain: map[OrgYear]map[string]float64{},
		Parts: map[OrgYear]map[string]map[string]float64{}, Extracted: b.now().UTC()}
	if _, ok := b.ref().Group(group); group != "" && !ok {
		return nil, domain.Errorf(domain.EINVALID, "error.no_group", group)
	}
	var codes []string
	for _, o := range b.ref().Organisations {
		if group == "" || everIn(o, group) {
			n.Orgs = append(n.Orgs, o)
			codes = append(codes, o.Code)
		}
	}
	version, err := b.st.DataVersion(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	n.DataVersion = version
	f := store.Filter{Organisations: codes}
	if group == "" {
		f.Organisations = nil
	}
	years := map[int]bool{}
	subs := map[int64]bool{}
	err = b.st.EachPublished(ctx, f, func(r store.PublishedRow) error {
		if r.Year > year {
			return nil
		}
		years[r.Year] = true
		subs[r.SubmissionID] = true
		k := OrgYear{r.Organisation, r.Year}
		if r.Breakdown == "" {
			if n.Plain[k] == nil {
				n.Plain[k] = map[string]float64{}
			}
			n.Plain[k][r.Indicator] = r.Value
			return nil
		}
		if n.Parts[k] == nil {
			n.Parts[k] = map[string]map[string]float64{}
		}
		if n.Parts[k][r.Indicator] == nil {
			n.Parts[k][r.Indicator] = map[string]float64{}
		}
		n.Parts[k][r.Indicator][r.Breakdown] = r.Value
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	if !years[year] {
		return nil, domain.Errorf(domain.ENOTFOUND, "error.no_published_figures", year)
	}
	for y := range years {
		n.Years = append(n.Years, y)
	}
	slices.Sort(n.Years)
	ids := make([]int64, 0, len(subs))
	for id := range subs {
		ids = append(ids, id)
	}
	all, err := b.st.ExtractSubmissions(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	for _, s := range all {
		if s.Year == year {
			n.Sources = append(n.Sources, s)
		} else {
			n.EarlierSources++
		}
	}
	if n.Matrix, err = b.st.CriteriaMatrix(ctx, year, group); err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	if n.Protocol, err = b.st.ProtocolEligible(ctx, year, group); err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	if err := b.round(ctx, n); err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	var yearIDs []int64
	for _, s := range n.Sources {
		yearIDs = append(yearIDs, s.ID)
	}
	if n.Notes, err = b.st.NotesOfSubmissions(ctx, yearIDs); err != nil {
		return nil, fmt.Errorf("report: network %d: %w", year, err)
	}
	return n, nil
}

// round adds the reporting round of the year, if one was opened, and where
// each administration in scope stands in it.
func (b *Builder) round(ctx context.Context, n *Network) error {
	r, err := b.st.Round(ctx, n.Year)
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	entries, err := b.st.RoundEntries(ctx, n.Year)
	if err != nil {
		return err
	}
	n.Round = &r
	for _, e := range entries {
		for _, o := range n.Orgs {
			if o.Code == e.Organisation && n.inGroup(o, n.Year, "") {
				n.Entries = append(n.Entries, r.Timeliness(e, n.Extracted))
			}
		}
	}
	return nil
}

// Measure is a plain indicator or a rate derived from indicators (rates are
// never uploaded: see the shared README).
type Measure struct {
	Code string
	Unit string // count, days or percent
	rate *rates.Rate
}

// IsRate tells whether the measure is derived.
func (m Measure) IsRate() bool { return m.rate != nil }

// percentRates are the rates of internal/rates the reports show, in its
// order: the shares (per 1,000 rates need an activity volume).
func percentRates() []Measure {
	var out []Measure
	for i := range rates.All {
		if r := &rates.All[i]; r.Unit == rates.UnitPercent {
			out = append(out, Measure{Code: r.Code, Unit: r.Unit, rate: r})
		}
	}
	return out
}

func lookup(ref *reference.Catalogue, code string) (Measure, bool) {
	for _, m := range percentRates() {
		if m.Code == code {
			return m, true
		}
	}
	in, ok := ref.Indicator(code)
	if !ok || in.Breakdown != "" {
		return Measure{}, false
	}
	return Measure{Code: code, Unit: in.Unit}, true
}

// Must returns the measure of a code known at compile time.
func Must(ref *reference.Catalogue, code string) Measure {
	m, ok := lookup(ref, code)
	if !ok {
		panic("report: unknown measure " + code)
	}
	return m
}

// of computes the measure from one administration-year's values; NaN when
// a term is missing or the denominator is zero.
func (m Measure) of(values map[string]float64) float64 {
	if m.rate != nil {
		return m.rate.Of(values, 0).Value
	}
	if v, ok := values[m.Code]; ok {
		return v
	}
	return math.NaN()
}

// terms are the indicators the measure reads.
func (m Measure) terms() []string {
	if m.rate != nil {
		return m.rate.Terms()
	}
	return []string{m.Code}
}

// Value is one administration's measure in a year; NaN when not reported.
func (n *Network) Value(org string, m Measure, year int) float64 {
	return m.of(n.Plain[OrgYear{org, year}])
}

// Total pools a measure over the administrations in scope, or over those of
// one group of it: a count is summed, a rate is the sum of numerators over
// the sum of denominators, both only over administrations reporting every
// term; days are the median, a sum of averages meaning nothing. NaN when no
// administration reports it.
func (n *Network) Total(m Measure, year int, group string) float64 {
	if m.Unit == "days" {
		return n.Median(m, year, group)
	}
	total := map[string]float64{}
	seen := false
	for _, o := range n.Orgs {
		if !n.inGroup(o, year, group) {
			continue
		}
		vals := n.Plain[OrgYear{o.Code, year}]
		if math.IsNaN(m.of(vals)) {
			continue
		}
		seen = true
		for _, t := range m.terms() {
			total[t] += vals[t]
		}
	}
	if !seen {
		return math.NaN()
	}
	return m.of(total)
}

// Median is the median over the administrations in scope (or of one group)
// of their own value of m; NaN when none reports it.
func (n *Network) Median(m Measure, year int, group string) float64 {
	var vs []float64
	for _, o := range n.Orgs {
		if !n.inGroup(o, year, group) {
			continue
		}
		if v := n.Value(o.Code, m, year); !math.IsNaN(v) {
			vs = append(vs, v)
		}
	}
	return rates.Median(vs)
}

// Reported tells whether an administration published figures for year.
func (n *Network) Reported(org string, year int) bool {
	_, ok := n.Plain[OrgYear{org, year}]
	if !ok {
		_, ok = n.Parts[OrgYear{org, year}]
	}
	return ok
}

// Reporters lists the administrations that had to report for year (Members)
// and published figures, and those that did not, in catalogue order.
func (n *Network) Reporters(year int) (reported, missing []reference.Organisation) {
	for _, o := range n.Members(year) {
		if n.Reported(o.Code, year) {
			reported = append(reported, o)
		} else {
			missing = append(missing, o)
		}
	}
	return reported, missing
}

// Ranked is one administration's value in a ranking.
type Ranked struct {
	Org   reference.Organisation
	Value float64
}

// Ranking lists the administrations reporting m in year, highest first
// (ties by catalogue order).
func (n *Network) Ranking(m Measure, year int) []Ranked {
	var out []Ranked
	for _, o := range n.Orgs {
		if !n.inGroup(o, year, "") {
			continue
		}
		if v := n.Value(o.Code, m, year); !math.IsNaN(v) {
			out = append(out, Ranked{Org: o, Value: v})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Value > out[j].Value })
	return out
}

// Parts sums a breakdown indicator over the administrations in scope:
// breakdown value -> total, only values with a figure. Org narrows it to
// one administration when not empty.
func (n *Network) PartTotals(indicator string, year int, org string) map[string]float64 {
	out := map[string]float64{}
	for _, o := range n.Orgs {
		if (org != "" && o.Code != org) || !n.inGroup(o, year, "") {
			continue
		}
		for code, v := range n.Parts[OrgYear{o.Code, year}][indicator] {
			out[code] += v
		}
	}
	return out
}

// Groups lists the groups of the administrations in scope in Year, in
// catalogue order.
func (n *Network) Groups() []string {
	var out []string
	for _, o := range n.Members(n.Year) {
		if g := o.GroupIn(n.Year); g != "" && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// Members are the administrations that had to report for year: active in
// year and, for a group's report, members of the group in year.
func (n *Network) Members(year int) []reference.Organisation {
	return reference.MustReport(n.Orgs, year, n.Group)
}

// inGroup tells whether o belongs in year to the report's group (any
// administration for the network's report) and to group when not empty: a
// figure of 2016 counts in the groups of 2016.
func (n *Network) inGroup(o reference.Organisation, year int, group string) bool {
	g := o.GroupIn(year)
	return (n.Group == "" || g == n.Group) && (group == "" || g == group)
}

// everIn tells whether o belongs to group in some year.
func everIn(o reference.Organisation, group string) bool {
	for _, m := range o.Groups {
		if m.Group == group {
			return true
		}
	}
	return false
}

// Previous is the year before Year, whether or not it has figures.
func (n *Network) Previous() int { return n.Year - 1 }

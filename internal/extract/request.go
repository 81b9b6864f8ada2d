package extract

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// Year bounds: the platform's own (domain.FirstYear to domain.LastYear);
// anything outside is a typing mistake, not a year.
const (
	minYear = domain.FirstYear
	maxYear = domain.LastYear
)

// ParseQuery reads the filters of /extract.xlsx and /extract.csv: year
// (repeatable, or a range 2019-2024), organisation and indicator (repeatable
// codes), layout and lang. Malformed input is a domain.EINVALID error; codes
// are checked against the catalogue when the extract is written (also
// EINVALID), since parsing a query needs no catalogue.
func ParseQuery(q url.Values) (Request, error) {
	var r Request
	for _, raw := range q["year"] {
		years, err := parseYears(raw)
		if err != nil {
			return Request{}, err
		}
		r.Years = append(r.Years, years...)
	}
	slices.Sort(r.Years)
	r.Years = slices.Compact(r.Years)

	var err error
	if r.Organisations, err = parseCodes("organisation", "FIN", q["organisation"]); err != nil {
		return Request{}, err
	}
	if r.Indicators, err = parseCodes("indicator", "received", q["indicator"]); err != nil {
		return Request{}, err
	}

	if r.Rates, err = parseRates(q["rate"]); err != nil {
		return Request{}, err
	}
	r.Layout = strings.ToLower(strings.TrimSpace(q.Get("layout")))
	if r.Layout != "" && r.Layout != LayoutLong && r.Layout != LayoutWide {
		return Request{}, domain.Errorf(domain.EINVALID, "error.layout_choice", q.Get("layout"))
	}
	r.Lang = strings.ToLower(strings.TrimSpace(q.Get("lang")))
	if r.Lang != "" && !slices.Contains(reference.Languages, r.Lang) {
		return Request{}, domain.Errorf(domain.EINVALID, "error.lang_choice", q.Get("lang"))
	}
	return r.withDefaults(), nil
}

// parseYears reads "2021" or the range "2019-2024".
func parseYears(raw string) ([]int, error) {
	raw = strings.TrimSpace(raw)
	from, to, isRange := strings.Cut(raw, "-")
	first, err := parseYear(from, raw)
	if err != nil {
		return nil, err
	}
	if !isRange {
		return []int{first}, nil
	}
	last, err := parseYear(to, raw)
	if err != nil {
		return nil, err
	}
	if last < first {
		return nil, domain.Errorf(domain.EINVALID, "error.year_range_backwards", raw)
	}
	years := make([]int, 0, last-first+1)
	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	return years, nil
}

func parseYear(s, raw string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, domain.Errorf(domain.EINVALID, "error.year_or_range", raw)
	}
	if y < minYear || y > maxYear {
		return 0, domain.Errorf(domain.EINVALID, "error.year_between", raw, minYear, maxYear)
	}
	return y, nil
}

// parseCodes keeps the distinct codes of a repeatable parameter, in the order
// given. Codes are letters, digits and underscores; anything else cannot be
// a code and is refused here rather than looked up.
func parseCodes(param, example string, values []string) ([]string, error) {
	var codes []string
	for _, v := range values {
		code := strings.TrimSpace(v)
		if !isCode(code) {
			return nil, domain.Errorf(domain.EINVALID, "error.code_example", param, v, example)
		}
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes, nil
}

func isCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// FileName names an extract after what it holds, for example
// infocentre_2019-2024_received.xlsx or infocentre_2023_all_FIN_wide.csv:
// the span of years (or "all-years"), the indicator (several joined by "-",
// more than three counted, none "all"), the organisation when there is one,
// and "wide" for the wide layout. ext is the extension, with or without dot.
func (x *Extractor) FileName(r Request, ext string) string {
	r = r.withDefaults()
	parts := []string{"infocentre"}
	switch {
	case len(r.Years) == 0:
		parts = append(parts, "all-years")
	case slices.Min(r.Years) == slices.Max(r.Years):
		parts = append(parts, strconv.Itoa(r.Years[0]))
	default:
		parts = append(parts, fmt.Sprintf("%d-%d", slices.Min(r.Years), slices.Max(r.Years)))
	}
	switch n := len(r.Indicators); {
	case n == 0:
		parts = append(parts, "all")
	case n <= 3:
		parts = append(parts, strings.Join(r.Indicators, "-"))
	default:
		parts = append(parts, fmt.Sprintf("%d-indicators", n))
	}
	if len(r.Organisations) == 1 {
		parts = append(parts, r.Organisations[0])
	}
	if r.Layout == LayoutWide {
		parts = append(parts, LayoutWide)
	}
	return safeFileName(strings.Join(parts, "_")) + "." + strings.TrimPrefix(ext, ".")
}

// safeFileName keeps a name fit for a Content-Disposition header and any
// file system, whatever a hand-built Request holds.
func safeFileName(s string) string {
	return strings.Map(func(c rune) rune {
		if c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return c
		}
		return -1
	}, s)
}

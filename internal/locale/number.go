package locale

import (
	"math"
	"strconv"
	"strings"
)

// separators per language: thousands, decimal. The French thousands
// separator is a no-break space so that a number never wraps.
func (p *Printer) separators() (string, string) {
	switch p.lang {
	case "nl":
		return ".", ","
	case "fr":
		return "\u00a0", ","
	}
	return ",", "."
}

// Number formats v with the given number of decimals: 1.234,5 (nl),
// 1 234,5 (fr), 1,234.5 (en). NaN, a value not reported, is a dash.
func (p *Printer) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	thousands, decimal := p.separators()
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteString("−")
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Value formats v in its unit: counts whole, days with one decimal,
// percentages with one decimal and a (no-break) percent sign.
func (p *Printer) Value(v float64, unit string) string {
	switch unit {
	case "percent":
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "–"
		}
		return p.Number(v, 1) + "\u00a0%"
	case "days":
		return p.Number(v, 1)
	case "per_1000":
		return p.Number(v, 2)
	}
	if v == math.Trunc(v) {
		return p.Number(v, 0)
	}
	return p.Number(v, 1)
}

// Change formats a difference with its sign; percentages as points.
func (p *Printer) Change(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	sign := "+"
	if v < 0 {
		sign = ""
	}
	if unit == "percent" {
		return sign + p.Number(v, 1) + "\u00a0" + p.Decimal("unit.points", v, 1)
	}
	return sign + p.Value(v, unit)
}

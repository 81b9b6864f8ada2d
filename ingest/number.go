package ingest

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// notReported are the cell texts that mean "no figure" rather than zero.
var notReported = map[string]bool{
	"": true, "-": true, "–": true, "—": true, "/": true, "n.v.t.": true, "nvt": true, "n.v.t": true,
	"n/a": true, "na": true, "s.o.": true, "so": true, "n.a.": true, "x": true,
}

// Digit groups: "1.234", "12.345.678" (dot groups) or with commas.
var (
	dotGroups   = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)
	commaGroups = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
)

// valueError is why a cell is not a figure, as a problem code.
type valueError string

func (e valueError) Error() string { return string(e) }

// errNotReported marks a cell that holds no figure.
var errNotReported = errors.New("not reported")

// parseNumber reads a figure as people write it. decimal is the file's
// decimal mark when its dialect tells (',' or '.'), 0 when unknown. count says
// whether the indicator is a count: a count is whole, which settles "4.321"
// (4321) where the decimal mark is unknown.
func parseNumber(text string, decimal byte, count bool) (float64, error) {
	if v, ok := plainWhole(text); ok {
		return v, nil
	}
	s := strings.TrimSpace(text)
	if notReported[strings.ToLower(s)] {
		return 0, errNotReported
	}
	if strings.HasSuffix(s, "%") {
		return 0, valueError("value_percentage")
	}
	// Spaces, no-break spaces and apostrophes only ever group digits.
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\'', '’':
			return -1
		}
		return r
	}, s)
	neg := false
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		neg = true
		s = strings.TrimLeft(s, "-−")
	}
	plain, err := normaliseDecimal(s, decimal, count)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, valueError("value_not_number")
	}
	if neg {
		v = -v
	}
	return v, nil
}

// plainWhole reads the figure most cells hold, a few digits and nothing
// else, without the general path's allocations. Up to 15 digits the value
// is exact, as strconv.ParseFloat would give it.
func plainWhole(text string) (float64, bool) {
	if len(text) == 0 || len(text) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return float64(n), true
}

// normaliseDecimal rewrites s with '.' as the only decimal mark and no
// grouping.
func normaliseDecimal(s string, decimal byte, count bool) (string, error) {
	hasDot, hasComma := strings.Contains(s, "."), strings.Contains(s, ",")
	switch {
	case hasDot && hasComma:
		// Both marks: the last one is the decimal mark.
		if strings.LastIndexByte(s, ',') > strings.LastIndexByte(s, '.') {
			return strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), nil
		}
		return strings.ReplaceAll(s, ",", ""), nil
	case hasComma:
		if decimal == '.' || (decimal == 0 && commaGroups.MatchString(s)) {
			if !commaGroups.MatchString(s) {
				return "", valueError("value_comma")
			}
			if decimal == 0 && !count {
				return "", valueError("value_ambiguous")
			}
			return strings.ReplaceAll(s, ",", ""), nil
		}
		return strings.Replace(s, ",", ".", 1), nil
	case hasDot:
		if dotGroups.MatchString(s) && (decimal == ',' || (decimal == 0 && count)) {
			return strings.ReplaceAll(s, ".", ""), nil
		}
		return s, nil
	}
	return s, nil
}

// formatValue writes a value back as text with '.' and no rounding.
func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

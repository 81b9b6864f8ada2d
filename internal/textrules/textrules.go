// Package textrules holds the bounds of what a person types: how long each
// kind of text may be, which characters it may hold, what an e-mail address
// is and how a number typed in a form or sent in JSON is read. The site, the
// API and the command line call it where they read a text or a number, so
// that a refusal is the same everywhere: a domain error naming the field and
// the bound, rendered in the reader's language at the edge.
package textrules

import (
	"math"
	"net/mail"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fcmn/infocentre/internal/domain"
)

// Bounds, in characters. A name is read on one line of a table, a comment or
// a note is a paragraph or a few, a round message a short letter; nothing a
// person types in a form comes near them, and a document pasted by mistake
// (or a megabyte sent on purpose) is refused rather than stored and sent to
// every page and report that shows it.
const (
	Name       = 200    // an administration's or a group's name, a kind, a second-line body
	Label      = 200    // an indicator's label, an abbreviation, a channel, a sender
	Comment    = 4000   // a review comment, a criterion's comment, a mystery-shopping note
	Note       = 4000   // a note on a value
	Message    = 10_000 // a round's opening message
	Definition = 4000   // an indicator's definition
	Evidence   = 2000   // a criterion's evidence (a link or a reference)
	Email      = 254    // an e-mail address (RFC 5321)
	EmailLocal = 64     // its part before the @ (RFC 5321)
)

// Line checks a text of one line: at most max characters, valid UTF-8, no
// control character (a line break, a tab, NUL, …), which a name would carry
// into headers, CSV files and e-mail subjects.
func Line(field domain.Phrase, s string, max int) error {
	return check(field, s, max, false)
}

// Text checks a text of several lines: at most max characters, valid UTF-8,
// line breaks and tabs allowed, no other control character.
func Text(field domain.Phrase, s string, max int) error {
	return check(field, s, max, true)
}

func check(field domain.Phrase, s string, max int, lines bool) error {
	if !utf8.ValidString(s) {
		return domain.Errorf(domain.EINVALID, "error.text_encoding", field)
	}
	if utf8.RuneCountInString(s) > max {
		return domain.Errorf(domain.EINVALID, "error.text_too_long", field, max)
	}
	for _, r := range s {
		if lines && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			if lines {
				return domain.Errorf(domain.EINVALID, "error.text_control", field)
			}
			return domain.Errorf(domain.EINVALID, "error.text_control_line", field)
		}
	}
	return nil
}

// EmailAddress checks an e-mail address as an account holds it: a bare
// address (no display name), at most Email characters, its local part at
// most EmailLocal, and a domain name rather than a literal IP address
// (user@[192.0.2.1]), which no administration's mail uses.
func EmailAddress(s string) error {
	addr, err := mail.ParseAddress(s)
	local, domainPart, _ := strings.Cut(s, "@")
	switch {
	case err != nil || addr.Address != s || strings.ContainsAny(s, " \t\r\n"):
		return domain.Errorf(domain.EINVALID, "error.email_format", clip(s))
	case len(s) > Email:
		return domain.Errorf(domain.EINVALID, "error.text_too_long", domain.Phrasef("error.field.email"), Email)
	case len(local) > EmailLocal:
		return domain.Errorf(domain.EINVALID, "error.email_local_long", EmailLocal)
	case strings.HasPrefix(domainPart, "["):
		return domain.Errorf(domain.EINVALID, "error.email_literal_domain")
	}
	return nil
}

// clip keeps a refused value short enough to quote back.
func clip(s string) string { return domain.Clip(s) }

// Range is what a number may be: from Min to Max, a whole number when Whole.
type Range struct {
	Min, Max float64
	Whole    bool
}

// Check refuses v outside r, and NaN and the infinities, which JSON cannot
// carry but a flag or a careless caller can.
func (r Range) Check(field domain.Phrase, v float64) error {
	if !(v >= r.Min && v <= r.Max) {
		return domain.Errorf(domain.EINVALID, "error.number_range", field, number(r.Min), number(r.Max))
	}
	if r.Whole && v != math.Trunc(v) {
		return domain.Errorf(domain.EINVALID, "error.number_whole", field)
	}
	return nil
}

// number writes a bound as a person reads it: 1000000, 0.5.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// maxDigits bounds a typed number: fifteen significant digits are what a
// float64 holds exactly, and no setting needs more.
const maxDigits = 30

// Decimal reads a number as a person types it: an optional sign, digits,
// and at most one decimal point or comma. It refuses what Go's
// strconv.ParseFloat would also take (NaN, Inf, 1e20, 0x1p10, 1_000):
// nobody types those, and a NaN stored as a threshold breaks every page
// that reads it. Whether the number is in its range is the setting's
// Range.Check, in the one place that sets it.
func Decimal(field domain.Phrase, raw string) (float64, error) {
	raw = strings.TrimSpace(raw)
	v, err := strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
	if !decimal(raw) || err != nil {
		return 0, domain.Errorf(domain.EINVALID, "error.field_not_number", field, clip(raw))
	}
	return v, nil
}

// decimal says whether s is [+-]digits[(.|,)digits], with digits on at
// least one side of the separator.
func decimal(s string) bool {
	if len(s) > maxDigits {
		return false
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	digits, sep := 0, false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case (c == '.' || c == ',') && !sep:
			sep = true
		default:
			return false
		}
	}
	return digits > 0
}

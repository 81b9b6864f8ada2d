package textrules

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

var field = domain.Phrasef("error.field.name")

// key is the locale key of err, "" for nil.
func key(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID {
		t.Fatalf("%v is not an invalid-input error", err)
	}
	return de.Key
}

func TestLineAndText(t *testing.T) {
	cases := []struct {
		name, s   string
		max       int
		line, txt string // the key each refuses with, "" when taken
	}{
		{"plain", "Federale Overheidsdienst Financiën", Name, "", ""},
		{"at the bound, in characters not bytes", strings.Repeat("é", Name), Name, "", ""},
		{"one over", strings.Repeat("a", Name+1), Name, "error.text_too_long", "error.text_too_long"},
		{"a million", strings.Repeat("x", 1_000_000), Name, "error.text_too_long", "error.text_too_long"},
		{"line feed", "a\nb", Name, "error.text_control_line", ""},
		{"carriage return", "a\rb", Name, "error.text_control_line", ""},
		{"tab", "a\tb", Name, "error.text_control_line", ""},
		{"NUL", "a\x00b", Name, "error.text_control_line", "error.text_control"},
		{"escape", "a\x1b[31mb", Name, "error.text_control_line", "error.text_control"},
		{"DEL", "a\x7fb", Name, "error.text_control_line", "error.text_control"},
		{"C1 control", "a\u0085b", Name, "error.text_control_line", "error.text_control"},
		{"line separator", "a\u2028b", Name, "error.text_control_line", "error.text_control"},
		{"invalid UTF-8", "a\xffb", Name, "error.text_encoding", "error.text_encoding"},
		{"empty", "", Name, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := key(t, Line(field, c.s, c.max)); got != c.line {
				t.Errorf("Line: %q, want %q", got, c.line)
			}
			if got := key(t, Text(field, c.s, c.max)); got != c.txt {
				t.Errorf("Text: %q, want %q", got, c.txt)
			}
		})
	}
}

func TestEmailAddress(t *testing.T) {
	cases := []struct{ s, want string }{
		{"an.agent@fin.fgov.be", ""},
		{strings.Repeat("a", 64) + "@x.be", ""},
		{strings.Repeat("a", 65) + "@x.be", "error.email_local_long"},
		{"a@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 63) + "." + strings.Repeat("e", 58) + ".be", "error.text_too_long"},
		{"user@[1.2.3.4]", "error.email_literal_domain"},
		{"Agent <a@x.be>", "error.email_format"},
		{"no-at-sign", "error.email_format"},
		{"a@x.be\r\nBcc: b@y.be", "error.email_format"},
		{"", "error.email_format"},
	}
	for _, c := range cases {
		t.Run(c.s, func(t *testing.T) {
			if got := key(t, EmailAddress(c.s)); got != c.want {
				t.Errorf("%q: %q, want %q", c.s, got, c.want)
			}
		})
	}
}

func TestDecimal(t *testing.T) {
	cases := []struct {
		raw  string
		want float64
		err  string
	}{
		{"10", 10, ""},
		{" 12,5 ", 12.5, ""},
		{"12.5", 12.5, ""},
		{".5", 0.5, ""},
		{"5.", 5, ""},
		{"+7", 7, ""},
		{"-1", -1, ""},
		{"NaN", 0, "error.field_not_number"},
		{"nan", 0, "error.field_not_number"},
		{"Inf", 0, "error.field_not_number"},
		{"-Infinity", 0, "error.field_not_number"},
		{"0x1p10", 0, "error.field_not_number"},
		{"1e20", 0, "error.field_not_number"},
		{"1E3", 0, "error.field_not_number"},
		{"1_000", 0, "error.field_not_number"},
		{"1.000,5", 0, "error.field_not_number"},
		{"", 0, "error.field_not_number"},
		{".", 0, "error.field_not_number"},
		{"--1", 0, "error.field_not_number"},
		{"1 000", 0, "error.field_not_number"},
		{strings.Repeat("1", 40), 0, "error.field_not_number"},
	}
	for _, c := range cases {
		t.Run(c.raw, func(t *testing.T) {
			v, err := Decimal(field, c.raw)
			if got := key(t, err); got != c.err {
				t.Fatalf("%q: error %q, want %q", c.raw, got, c.err)
			}
			if err == nil && v != c.want {
				t.Errorf("%q: %v, want %v", c.raw, v, c.want)
			}
		})
	}
}

func TestRangeCheck(t *testing.T) {
	r := Range{Min: 0, Max: 100}
	cases := []struct {
		v    float64
		want string
	}{
		{0, ""}, {100, ""}, {55.5, ""},
		{math.NaN(), "error.number_range"},
		{math.Inf(1), "error.number_range"},
		{math.Inf(-1), "error.number_range"},
		{1e308, "error.number_range"},
		{150, "error.number_range"},
		{-0.1, "error.number_range"},
	}
	for _, c := range cases {
		if got := key(t, r.Check(field, c.v)); got != c.want {
			t.Errorf("%v: %q, want %q", c.v, got, c.want)
		}
	}
	if got := key(t, (Range{Max: 1e9, Whole: true}).Check(field, 10.5)); got != "error.number_whole" {
		t.Errorf("10.5 as a whole number: %q", got)
	}
}

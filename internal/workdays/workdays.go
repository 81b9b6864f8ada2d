// Package workdays is the Belgian federal calendar: the ten public holidays
// of a year, computed (Easter by the Gregorian computus, never typed in),
// and the counting of working days, for administrations whose terms are in
// working days.
package workdays

import (
	"sort"
	"time"
)

// Holiday is one Belgian federal public holiday.
type Holiday struct {
	Date time.Time
	Code string // new_year, easter_monday, labour_day, ascension, whit_monday, national_day, assumption, all_saints, armistice, christmas
}

// Easter returns Easter Sunday of year in the Gregorian calendar (the
// anonymous Gregorian algorithm of Meeus/Jones/Butcher).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date(year, time.Month(month), day)
}

// Holidays returns the ten federal public holidays of year in date order:
// 1 January, Easter Monday, 1 May, Ascension Thursday, Whit Monday,
// 21 July, 15 August, 1 November, 11 November and 25 December.
func Holidays(year int) []Holiday {
	easter := Easter(year)
	out := []Holiday{
		{date(year, time.January, 1), "new_year"},
		{easter.AddDate(0, 0, 1), "easter_monday"},
		{date(year, time.May, 1), "labour_day"},
		{easter.AddDate(0, 0, 39), "ascension"},
		{easter.AddDate(0, 0, 50), "whit_monday"},
		{date(year, time.July, 21), "national_day"},
		{date(year, time.August, 15), "assumption"},
		{date(year, time.November, 1), "all_saints"},
		{date(year, time.November, 11), "armistice"},
		{date(year, time.December, 25), "christmas"},
	}
	// Ascension can fall on 1 May (as in 2008): keep date order.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// Dates lists the holidays of the years from first to last, in order.
func Dates(first, last int) []time.Time {
	var out []time.Time
	for y := first; y <= last; y++ {
		for _, h := range Holidays(y) {
			out = append(out, h.Date)
		}
	}
	return out
}

// IsHoliday tells whether d (its calendar date) is a federal public holiday.
func IsHoliday(d time.Time) bool {
	d = day(d)
	for _, h := range Holidays(d.Year()) {
		if h.Date.Equal(d) {
			return true
		}
	}
	return false
}

// IsWorkingDay tells whether d is neither a Saturday, a Sunday nor a
// federal public holiday.
func IsWorkingDay(d time.Time) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !IsHoliday(d)
}

// Between counts the working days after from up to and including to: the
// days a term in working days has used when something received on from is
// answered on to. Zero when to is not after from.
func Between(from, to time.Time) int {
	from, to = day(from), day(to)
	n := 0
	for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
		if IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// Add returns the last day of a term of n working days that starts the day
// after from: the deadline of something received on from.
func Add(from time.Time, n int) time.Time {
	d := day(from)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func day(t time.Time) time.Time { return date(t.Year(), t.Month(), t.Day()) }

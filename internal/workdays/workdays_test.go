package workdays

import (
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The dates below were checked by hand against the published Belgian
// calendars of those years.
func TestEaster(t *testing.T) {
	for year, want := range map[int]string{
		2008: "2008-03-23", 2011: "2011-04-24", 2016: "2016-03-27", 2019: "2019-04-21",
		2024: "2024-03-31", 2025: "2025-04-20", 2026: "2026-04-05", 2038: "2038-04-25",
	} {
		if got := Easter(year).Format("2006-01-02"); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
}

func TestHolidays(t *testing.T) {
	cases := map[int][]string{
		2016: {"2016-01-01", "2016-03-28", "2016-05-01", "2016-05-05", "2016-05-16", "2016-07-21", "2016-08-15", "2016-11-01", "2016-11-11", "2016-12-25"},
		2019: {"2019-01-01", "2019-04-22", "2019-05-01", "2019-05-30", "2019-06-10", "2019-07-21", "2019-08-15", "2019-11-01", "2019-11-11", "2019-12-25"},
		2024: {"2024-01-01", "2024-04-01", "2024-05-01", "2024-05-09", "2024-05-20", "2024-07-21", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25"},
		2025: {"2025-01-01", "2025-04-21", "2025-05-01", "2025-05-29", "2025-06-09", "2025-07-21", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25"},
		// Ascension on 1 May: both listed, in date order.
		2008: {"2008-01-01", "2008-03-24", "2008-05-01", "2008-05-01", "2008-05-12", "2008-07-21", "2008-08-15", "2008-11-01", "2008-11-11", "2008-12-25"},
	}
	for year, want := range cases {
		t.Run(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			got := Holidays(year)
			if len(got) != len(want) {
				t.Fatalf("%d holidays, want %d", len(got), len(want))
			}
			for i, h := range got {
				if h.Date.Format("2006-01-02") != want[i] {
					t.Errorf("holiday %d (%s) = %s, want %s", i, h.Code, h.Date.Format("2006-01-02"), want[i])
				}
			}
		})
	}
}

func TestWorkingDays(t *testing.T) {
	cases := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same day", "2025-04-17", "2025-04-17", 0},
		{"over Easter weekend 2025 (Easter Monday)", "2025-04-17", "2025-04-25", 5},
		{"one more, over the next weekend", "2025-04-17", "2025-04-28", 6},
		{"Christmas 2024 and a weekend", "2024-12-24", "2024-12-30", 3},
		{"Ascension 2024 bridge", "2024-05-08", "2024-05-13", 2},
		{"Whit Monday 2019", "2019-06-07", "2019-06-11", 1},
		{"received on a Saturday", "2024-06-01", "2024-06-03", 1},
		{"national day on a Monday (2025)", "2025-07-18", "2025-07-22", 1},
		{"whole of January 2024", "2023-12-31", "2024-01-31", 22},
		{"before from", "2024-01-10", "2024-01-09", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Between(d(c.from), d(c.to)); got != c.want {
				t.Errorf("Between(%s, %s) = %d, want %d", c.from, c.to, got, c.want)
			}
		})
	}
	adds := []struct {
		from string
		n    int
		want string
	}{
		{"2025-04-17", 5, "2025-04-25"},
		{"2024-12-24", 3, "2024-12-30"},
		{"2024-05-08", 1, "2024-05-10"},
		{"2024-10-31", 1, "2024-11-04"},
		{"2024-06-03", 0, "2024-06-03"},
	}
	for _, a := range adds {
		if got := Add(d(a.from), a.n).Format("2006-01-02"); got != a.want {
			t.Errorf("Add(%s, %d) = %s, want %s", a.from, a.n, got, a.want)
		}
	}
	if IsWorkingDay(d("2024-11-11")) || !IsWorkingDay(d("2024-11-12")) || IsWorkingDay(d("2024-11-16")) {
		t.Error("11/11/2024 is a holiday, 12/11 a working Tuesday, 16/11 a Saturday")
	}
	if n := len(Dates(2024, 2025)); n != 20 {
		t.Errorf("Dates(2024, 2025) has %d dates, want 20", n)
	}
}

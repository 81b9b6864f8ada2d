package domain

import (
	"time"
	_ "time/tzdata" // the deadline is a day in Belgium, wherever the server runs
)

// Round is the yearly collection of figures: for year Year, the
// administrations in Organisations must submit by Deadline (the whole day
// counts, in Belgian time).
type Round struct {
	Year                int       `json:"year"`
	Deadline            time.Time `json:"-"`
	MessageNL           string    `json:"message_nl"`
	MessageFR           string    `json:"message_fr"`
	ReminderDays        []int     `json:"reminder_days"`
	ChangeThreshold     float64   `json:"change_threshold"`
	ZThreshold          float64   `json:"z_threshold"`
	RequireExplanations bool      `json:"require_explanations"`
	OpenedBy            string    `json:"opened_by"`
	OpenedAt            time.Time `json:"opened_at"`
	Organisations       []string  `json:"organisations"`
}

// Defaults of a round, and of the check on values when no round is open.
const (
	DefaultChangeThreshold = 0.5
	DefaultZThreshold      = 3.5
)

// Bounds of a round's thresholds: a change of at most 1000 % (10 as a
// fraction), a modified z-score of at most 100; above, nothing is ever
// flagged.
const (
	MaxChangeThreshold = 10
	MaxZThreshold      = 100
)

// DefaultReminderDays are the days before the deadline a reminder goes out.
func DefaultReminderDays() []int { return []int{14, 3} }

// Brussels is the time zone of deadlines and of every time a person reads.
var brussels = mustZone("Europe/Brussels")

// Brussels returns the zone every time shown to a person is in, wherever
// the server runs (issue 23: a round's page showed UTC beside Brussels time).
func Brussels() *time.Location { return brussels }

// ReadableTime is t as a person reads it: in Brussels, to the minute, with
// the zone's abbreviation (CET or CEST), e.g. "2026-12-07 10:53 CET".
func ReadableTime(t time.Time) string { return t.In(brussels).Format("2006-01-02 15:04 MST") }

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the zone database is embedded: this cannot happen
	}
	return loc
}

// DeadlineDate is the deadline as YYYY-MM-DD.
func (r Round) DeadlineDate() string { return r.Deadline.Format(time.DateOnly) }

// DeadlineAt is the first instant after the deadline: midnight at the end
// of the deadline day in Brussels.
func (r Round) DeadlineAt() time.Time {
	y, m, d := r.Deadline.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, brussels)
}

// Reporting statuses of an administration in a round.
const (
	RoundMissing = "missing"
)

// RoundEntry is where one expected administration stands in a round.
type RoundEntry struct {
	Organisation     string     `json:"organisation"`
	Status           string     `json:"status"` // missing, submitted, returned, approved
	FirstSubmittedAt *time.Time `json:"first_submitted_at"`
	OnTime           *bool      `json:"on_time"`
}

// Timeliness fills OnTime at time now: true when the first submission came
// by the deadline, false when it came later or when nothing came and the
// deadline has passed, unknown (nil) while nothing came and there is time.
func (r Round) Timeliness(e RoundEntry, now time.Time) RoundEntry {
	at := r.DeadlineAt()
	switch {
	case e.FirstSubmittedAt != nil:
		v := e.FirstSubmittedAt.Before(at)
		e.OnTime = &v
	case !now.Before(at):
		v := false
		e.OnTime = &v
	default:
		e.OnTime = nil
	}
	return e
}

// Punctuality of an entry, as completeness shows it.
const (
	PunctualOnTime  = "on_time"
	PunctualLate    = "late"
	PunctualMissing = "missing"
)

// Punctuality says on_time, late or missing (nothing submitted).
func (e RoundEntry) Punctuality() string {
	switch {
	case e.FirstSubmittedAt == nil:
		return PunctualMissing
	case e.OnTime != nil && *e.OnTime:
		return PunctualOnTime
	}
	return PunctualLate
}

// ValueNote is one note on a value of a submission: the agency's
// explanation, a coordinator's question or the agency's answer.
type ValueNote struct {
	ID           int64     `json:"id"`
	SubmissionID int64     `json:"submission_id"`
	Indicator    string    `json:"indicator"`
	Breakdown    string    `json:"breakdown"`
	Kind         string    `json:"kind"`
	Author       string    `json:"author"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
	// Held: not published (letter, extracts) until the coordinator
	// accepts it; see review.Held.
	Held bool `json:"held,omitempty"`
}

// Kinds of value notes.
const (
	NoteExplanation = "explanation"
	NoteQuestion    = "question"
	NoteAnswer      = "answer"
)

// Clock tells the time. The server uses the system clock; tests inject a
// clock they move by hand, so that deadlines and reminders pass at once.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real time.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// RoundRequest is what opening a round asks for; zero fields take the
// defaults (every administration active in the year, reminders 14 and 3
// days before, a change of 50 %, a modified z-score of 3.5).
type RoundRequest struct {
	Year                int      `json:"year"`
	Deadline            string   `json:"deadline"` // YYYY-MM-DD
	MessageNL           string   `json:"message_nl"`
	MessageFR           string   `json:"message_fr"`
	Organisations       []string `json:"organisations"`
	ReminderDays        []int    `json:"reminder_days"`
	ChangeThreshold     float64  `json:"change_threshold"`
	ZThreshold          float64  `json:"z_threshold"`
	RequireExplanations bool     `json:"require_explanations"`
	// AllowPastDeadline confirms a deadline that has already passed: the
	// opening e-mails would ask for figures by a day that is gone.
	AllowPastDeadline bool `json:"allow_past_deadline"`
}

// ErrPastDeadline is the key of the refusal of a deadline already passed,
// which the site and the CLI answer by asking for a confirmation.
const ErrPastDeadline = "error.round_deadline_past"

// NewRound checks a request and fills its defaults, except the
// administrations, which the caller takes from the reference data. A
// deadline already passed at now needs req.AllowPastDeadline
// (ErrPastDeadline otherwise).
func NewRound(req RoundRequest, by string, now time.Time) (Round, error) {
	if req.Year < FirstYear || req.Year > LastYear {
		return Round{}, Errorf(EINVALID, "error.round_year", req.Year)
	}
	deadline, err := time.Parse(time.DateOnly, req.Deadline)
	if err != nil {
		return Round{}, Errorf(EINVALID, "error.round_deadline", req.Deadline)
	}
	if !req.AllowPastDeadline && !(Round{Deadline: deadline}).DeadlineAt().After(now) {
		return Round{}, Errorf(EINVALID, ErrPastDeadline, req.Deadline)
	}
	r := Round{Year: req.Year, Deadline: deadline, MessageNL: req.MessageNL, MessageFR: req.MessageFR,
		ReminderDays: req.ReminderDays, ChangeThreshold: req.ChangeThreshold, ZThreshold: req.ZThreshold,
		RequireExplanations: req.RequireExplanations, OpenedBy: by, OpenedAt: now, Organisations: req.Organisations}
	if len(r.ReminderDays) == 0 {
		r.ReminderDays = DefaultReminderDays()
	}
	for _, d := range r.ReminderDays {
		if d < 1 || d > 120 {
			return Round{}, Errorf(EINVALID, "error.round_reminder", d)
		}
	}
	if r.ChangeThreshold == 0 {
		r.ChangeThreshold = DefaultChangeThreshold
	}
	if r.ZThreshold == 0 {
		r.ZThreshold = DefaultZThreshold
	}
	// Written so that NaN, which compares false, is refused too: a NaN
	// stored in a round breaks every answer that reads it.
	if !(r.ChangeThreshold > 0 && r.ChangeThreshold <= MaxChangeThreshold) || !(r.ZThreshold > 0 && r.ZThreshold <= MaxZThreshold) {
		return Round{}, Errorf(EINVALID, "error.round_thresholds", MaxChangeThreshold*100, MaxZThreshold)
	}
	return r, nil
}

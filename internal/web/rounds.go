package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/mail"
	"github.com/fcmn/infocentre/internal/rounds"
	"github.com/fcmn/infocentre/internal/textrules"
)

// roundRoutes declares the routes of collection rounds, the outbox, the
// account's language and the notes on values.
func (s *Server) roundRoutes() {
	e := s.echo
	signedIn := s.allow(auth.RoleAgency, auth.RoleCoordinator, auth.RoleAnalyst)
	uploaders := s.allow(auth.RoleAgency, auth.RoleCoordinator)
	coordinator := s.allow(auth.RoleCoordinator)

	e.GET("/rounds", s.roundList, coordinator)
	e.POST("/rounds", s.roundOpenForm, coordinator)
	e.GET("/rounds/:year", s.roundPage, coordinator)
	e.POST("/api/v1/rounds", s.apiRoundOpen, coordinator)
	e.GET("/api/v1/rounds/:year", s.apiRound, uploaders)
	e.GET("/admin/outbox", s.outboxPage, coordinator)
	e.POST("/admin/outbox/:id/send-again", s.outboxSendAgain, coordinator)
	e.GET("/api/v1/outbox", s.apiOutboxList, coordinator)
	e.GET("/account", s.accountPage, signedIn)
	e.POST("/account/language", s.accountLanguage, signedIn)
	e.POST("/submissions/:id/notes", s.noteAdd, uploaders)
	e.POST("/submissions/:id/notes/accept", s.notesAccept, coordinator)
}

// openRound opens a round (rounds.Open) and wakes the mailer so that the
// opening messages leave at once.
func (s *Server) openRound(c echo.Context, req domain.RoundRequest) (domain.Round, error) {
	return rounds.Open(c.Request().Context(), s.st, s.ref(), wakeMailer{s.mailer}, s.actor(c).Entry(), req, s.clock.Now())
}

// wakeMailer wakes the server's running mailer when a round opens.
type wakeMailer struct{ *mail.Mailer }

func (m wakeMailer) RoundOpened(context.Context) error {
	m.Kick()
	return nil
}

// roundView is a round with where every expected administration stands.
type roundView struct {
	domain.Round
	Deadline string              `json:"deadline"`
	Entries  []domain.RoundEntry `json:"organisations"`
	Counts   map[string]int      `json:"counts"` // on_time, late, missing, expected
	Now      time.Time           `json:"-"`
}

func (s *Server) roundView(ctx context.Context, year int) (roundView, error) {
	r, err := s.st.Round(ctx, year)
	if err != nil {
		return roundView{}, err
	}
	entries, err := s.st.RoundEntries(ctx, year)
	if err != nil {
		return roundView{}, fmt.Errorf("web: round %d: %w", year, err)
	}
	now := s.clock.Now()
	v := roundView{Round: r, Deadline: r.DeadlineDate(), Now: now, Entries: []domain.RoundEntry{},
		Counts: map[string]int{domain.PunctualOnTime: 0, domain.PunctualLate: 0, domain.PunctualMissing: 0, "expected": len(entries)}}
	for _, e := range entries {
		e = r.Timeliness(e, now)
		v.Counts[e.Punctuality()]++
		v.Entries = append(v.Entries, e)
	}
	return v, nil
}

// apiRoundOpen is POST /api/v1/rounds with a JSON domain.RoundRequest: 201
// with the round, 409 when the year has one.
func (s *Server) apiRoundOpen(c echo.Context) error {
	var req domain.RoundRequest
	if err := c.Bind(&req); err != nil {
		return domain.Errorf(domain.EINVALID, "error.round_body")
	}
	r, err := s.openRound(c, req)
	if err != nil {
		return err
	}
	v, err := s.roundView(c.Request().Context(), r.Year)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, v)
}

// apiRound is GET /api/v1/rounds/:year: per expected administration its
// status, first submission and whether it came on time. An agency sees its
// own administration only.
func (s *Server) apiRound(c echo.Context) error {
	year, err := s.roundYear(c)
	if err != nil {
		return err
	}
	v, err := s.roundView(c.Request().Context(), year)
	if err != nil {
		return err
	}
	if vw := viewerOf(c); vw.Is(auth.RoleAgency) {
		own := v.Entries[:0]
		for _, e := range v.Entries {
			if e.Organisation == vw.Account.Organisation {
				own = append(own, e)
			}
		}
		v.Entries = own
		v.Organisations = nil
		v.Counts = nil
	}
	return c.JSON(http.StatusOK, v)
}

func (s *Server) roundYear(c echo.Context) (int, error) {
	return s.params().Year("year", c.Param("year"))
}

// roundsPage is the data of templates/rounds.html.
type roundsPage struct {
	page
	Rounds []roundView
	Form   roundForm
	Error  string
}

// roundForm is what the form of /rounds shows: the defaults, or what the
// coordinator typed when it comes back with a problem.
type roundForm struct {
	Year                int
	Deadline            string
	MessageNL           string
	MessageFR           string
	ChangeThreshold     string
	RequireExplanations bool
	// AskPastDeadline shows the confirmation of a deadline already passed.
	AskPastDeadline bool
}

// roundList is GET /rounds: the rounds and the form to open one.
func (s *Server) roundList(c echo.Context) error {
	return s.renderRounds(c, http.StatusOK, "", nil)
}

// renderRounds shows the rounds with the form, filled with typed when it is
// not nil, else with next year's defaults.
func (s *Server) renderRounds(c echo.Context, status int, problem string, typed *roundForm) error {
	ctx := c.Request().Context()
	l := s.locale(c)
	rounds, err := s.st.Rounds(ctx)
	if err != nil {
		return err
	}
	now := s.clock.Now()
	p := roundsPage{page: s.base(c, l, "rounds", l.T("round.list_title")), Error: problem,
		Form: roundForm{Year: now.Year() - 1, Deadline: time.Date(now.Year(), 3, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), ChangeThreshold: "50"}}
	if now.Month() > time.March {
		p.Form.Deadline = time.Date(now.Year()+1, 3, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		p.Form.Year = now.Year()
	}
	if typed != nil {
		p.Form = *typed
	}
	for _, r := range rounds {
		v, err := s.roundView(ctx, r.Year)
		if err != nil {
			return err
		}
		p.Rounds = append(p.Rounds, v)
	}
	return s.render(c, status, "rounds", p)
}

// roundOpenForm is POST /rounds from the form of /rounds. A deadline
// already passed is shown again with a box to tick that confirms it.
func (s *Server) roundOpenForm(c echo.Context) error {
	typed := roundForm{Deadline: c.FormValue("deadline"), MessageNL: c.FormValue("message_nl"), MessageFR: c.FormValue("message_fr"),
		ChangeThreshold: c.FormValue("change_threshold"), RequireExplanations: c.FormValue("require_explanations") == "on"}
	year, err := s.params().YearOr("year", c.FormValue("year"), 0)
	if de, ok := err.(*domain.Error); ok {
		return s.renderRounds(c, http.StatusUnprocessableEntity, s.locale(c).Err(de), &typed)
	}
	typed.Year = year
	req := domain.RoundRequest{Year: year, Deadline: typed.Deadline, MessageNL: typed.MessageNL, MessageFR: typed.MessageFR,
		RequireExplanations: typed.RequireExplanations, AllowPastDeadline: c.FormValue("allow_past_deadline") == "on"}
	if raw := strings.TrimSpace(typed.ChangeThreshold); raw != "" {
		pct, err := textrules.Decimal(domain.Phrasef("error.field.change_threshold"), raw)
		if de, ok := err.(*domain.Error); ok {
			return s.renderRounds(c, http.StatusUnprocessableEntity, s.locale(c).Err(de), &typed)
		}
		if pct <= 0 {
			return s.renderRounds(c, http.StatusUnprocessableEntity, s.locale(c).T("round.bad_threshold"), &typed)
		}
		req.ChangeThreshold = pct / 100
	}
	r, err := s.openRound(c, req)
	if de, ok := err.(*domain.Error); ok && (de.Code == domain.EINVALID || de.Code == domain.ECONFLICT) {
		typed.AskPastDeadline = de.Key == domain.ErrPastDeadline
		return s.renderRounds(c, http.StatusUnprocessableEntity, s.locale(c).Err(de), &typed)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/rounds/%d", r.Year))
}

// roundPageData is the data of templates/round.html.
type roundPageData struct {
	page
	Round   roundView
	Rows    []roundRow
	Summary string
}

type roundRow struct {
	domain.RoundEntry
	Name        string
	Punctuality string
	First       string
}

// roundPage is GET /rounds/:year: every expected administration with its
// status and punctuality, and "reported on time: 48 of 62".
func (s *Server) roundPage(c echo.Context) error {
	year, err := s.roundYear(c)
	if err != nil {
		return err
	}
	v, err := s.roundView(c.Request().Context(), year)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := roundPageData{page: s.base(c, l, "rounds", l.T("round.title", year)), Round: v,
		Summary: l.T("round.on_time_of", v.Counts[domain.PunctualOnTime], v.Counts["expected"])}
	for _, e := range v.Entries {
		row := roundRow{RoundEntry: e, Name: s.orgName(e.Organisation, l), Punctuality: e.Punctuality()}
		if e.FirstSubmittedAt != nil {
			row.First = domain.ReadableTime(*e.FirstSubmittedAt)
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, http.StatusOK, "round", p)
}

// dueRow is, for an agency, one round its administration is expected in.
type dueRow struct {
	Year        int
	Deadline    string
	Status      string
	Punctuality string
	Overdue     bool // nothing submitted and the deadline has passed
}

// dueFor lists the rounds an administration is expected in, newest first,
// with where it stands: what an agency sees on signing in.
func (s *Server) dueFor(ctx context.Context, org string) ([]dueRow, error) {
	rounds, err := s.st.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	var out []dueRow
	for _, r := range rounds {
		if !slices.Contains(r.Organisations, org) {
			continue
		}
		v, err := s.roundView(ctx, r.Year)
		if err != nil {
			return nil, err
		}
		for _, e := range v.Entries {
			if e.Organisation == org {
				out = append(out, dueRow{Year: r.Year, Deadline: r.DeadlineDate(), Status: e.Status, Punctuality: e.Punctuality(),
					Overdue: e.FirstSubmittedAt == nil && e.OnTime != nil})
			}
		}
	}
	return out, nil
}

// punctualities gives, for the years in [from, to] that have a round, each
// expected administration's on_time or late (missing ones stay missing):
// what the completeness matrix adds to a cell.
func (s *Server) punctualities(ctx context.Context, from, to int) (map[int]map[string]string, error) {
	rounds, err := s.st.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	out := map[int]map[string]string{}
	for _, r := range rounds {
		if r.Year < from || r.Year > to {
			continue
		}
		v, err := s.roundView(ctx, r.Year)
		if err != nil {
			return nil, err
		}
		out[r.Year] = map[string]string{}
		for _, e := range v.Entries {
			if p := e.Punctuality(); p != domain.PunctualMissing {
				out[r.Year][e.Organisation] = p
			}
		}
	}
	return out, nil
}

package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// mysteryPageData is the data of templates/criteria_mystery.html.
type mysteryPageData struct {
	page
	OrgOpts     []option
	ChannelOpts []option
	Checks      []mysteryRow
	Problem     string
	Form        domain.MysteryCheck // what was typed, when refused
}

type mysteryRow struct {
	domain.MysteryCheck
	OrgName string
	Channel string
	Summary string
}

// mysteryPage is GET /criteria/mystery: the form to record a check and
// every check recorded, latest first.
func (s *Server) mysteryPage(c echo.Context) error {
	return s.renderMystery(c, http.StatusOK, domain.MysteryCheck{}, "")
}

func (s *Server) renderMystery(c echo.Context, status int, form domain.MysteryCheck, problem string) error {
	checks, err := s.st.MysteryChecks(c.Request().Context(), "")
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := mysteryPageData{page: s.base(c, l, "mystery", l.T("mystery.title")), Problem: problem, Form: form}
	for _, o := range sortedOrganisations(s.ref(), l) {
		p.OrgOpts = append(p.OrgOpts, option{Value: o.Code, Label: o.Name.In(l.Lang), Selected: o.Code == form.Organisation})
	}
	for _, v := range s.ref().BreakdownValuesOf("channel") {
		p.ChannelOpts = append(p.ChannelOpts, option{Value: v.Code, Label: v.Label.In(l.Lang), Selected: v.Code == form.Channel})
	}
	for _, m := range checks {
		p.Checks = append(p.Checks, mysteryRow{MysteryCheck: m, OrgName: s.orgName(m.Organisation, l),
			Channel: s.ref().BreakdownLabel("channel", m.Channel, l.Lang), Summary: checkSummary(l, m)})
	}
	return s.render(c, status, "criteria_mystery", p)
}

// mysteryRecord is POST /criteria/mystery. A refused check shows the form
// again with what was typed and why.
func (s *Server) mysteryRecord(c echo.Context) error {
	m, err := mysteryFromForm(c)
	if err == nil {
		// The audit log is in English.
		m, err = s.desk.RecordMysteryCheck(c.Request().Context(), s.actor(c), m, checkSummary(newLocale("en"), m))
	}
	if err != nil {
		if problem := invalidMessage(err, s.locale(c)); problem != "" {
			return s.renderMystery(c, http.StatusBadRequest, m, problem)
		}
		return err
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/criteria/mystery")
}

// invalidMessage is the message of an EINVALID error wrapped by the store,
// in l's language, or empty.
func invalidMessage(err error, l Locale) string {
	var de *domain.Error
	if errors.As(err, &de) && de.Code == domain.EINVALID {
		return l.Err(de)
	}
	return ""
}

// mysteryFromForm reads the check's fields; a malformed date is EINVALID.
func mysteryFromForm(c echo.Context) (domain.MysteryCheck, error) {
	m := domain.MysteryCheck{
		Organisation: c.FormValue("organisation"), Channel: c.FormValue("channel"), SentBy: c.FormValue("sent_by"),
		AckReceived: c.FormValue("ack_received") == "on", AnswerReceived: c.FormValue("answer_received") == "on",
		SecondLineMentioned: c.FormValue("second_line") == "on", Notes: c.FormValue("notes"),
	}
	for _, d := range []struct {
		field string
		to    *time.Time
	}{{"sent_on", &m.SentOn}, {"ack_on", &m.AckOn}, {"answer_on", &m.AnswerOn}} {
		raw := c.FormValue(d.field)
		if raw == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, raw)
		if err != nil {
			return m, domain.Errorf(domain.EINVALID, "error.not_a_date", raw)
		}
		*d.to = t
	}
	return m, nil
}

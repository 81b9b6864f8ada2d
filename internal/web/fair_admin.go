package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/fair"
	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/textrules"
)

// fairAdminPage is the data of templates/admin_fair.html: the coordinator's
// settings for fair comparison.
type fairAdminPage struct {
	page
	Settings      rates.Settings
	Targets       []fairTargetView
	RateOpts      []option
	UnitOpts      []option
	Organisations []fairOrgView
	Message       string // why the form was refused
	Done          bool
}

type fairTargetView struct {
	rates.Target
	Label string
	Text  string
}

type fairOrgView struct {
	Code, Name string
	Unit       string
	Terms      store.Terms
}

// fairAdmin is GET /admin/fair.
func (s *Server) fairAdmin(c echo.Context) error {
	return s.renderFair(c, http.StatusOK, fairAdminPage{Done: c.QueryParam("done") != ""})
}

func (s *Server) renderFair(c echo.Context, status int, p fairAdminPage) error {
	ctx := c.Request().Context()
	l := s.locale(c)
	p.page = s.base(c, l, "admin_fair", l.T("fair.admin.title"))
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return err
	}
	terms, err := s.st.OrganisationTerms(ctx)
	if err != nil {
		return err
	}
	p.Settings = settings
	for _, t := range settings.Targets {
		m, _ := figures.Find(s.ref(), t.Rate)
		p.Targets = append(p.Targets, fairTargetView{Target: t, Label: m.Label(s.ref(), l.p), Text: targetText(l, t, string(m.Unit))})
	}
	for _, m := range figures.Derived {
		p.RateOpts = append(p.RateOpts, option{Value: m.Code, Label: m.Label(s.ref(), l.p)})
	}
	p.UnitOpts = []option{{Value: "", Label: l.T("fair.unit_unknown")}}
	for _, u := range rates.Units {
		p.UnitOpts = append(p.UnitOpts, option{Value: u, Label: l.T("fair.unit." + u)})
	}
	for _, o := range sortedOrganisations(s.ref(), l) {
		t, ok := terms[o.Code]
		if !ok {
			t = store.Terms{AckDays: 5, AnswerDays: 30}
		}
		p.Organisations = append(p.Organisations, fairOrgView{Code: o.Code, Name: o.Name.In(l.Lang), Unit: settings.Units[o.Code], Terms: t})
	}
	return s.render(c, status, "admin_fair", p)
}

// fairRefused shows the page again with the reason of a refused change.
func (s *Server) fairRefused(c echo.Context, err error) error {
	var de *domain.Error
	if !errors.As(err, &de) {
		return err
	}
	return s.renderFair(c, http.StatusUnprocessableEntity, fairAdminPage{Message: s.locale(c).Err(de)})
}

// formNumber reads a number typed in field (textrules.Decimal), named in a
// refusal by the locale key what; its range is the store's to check.
func formNumber(c echo.Context, field, what string) (float64, error) {
	return textrules.Decimal(domain.Phrasef(what), c.FormValue(field))
}

// fairThresholds is POST /admin/fair/thresholds: a field left empty keeps
// its value.
func (s *Server) fairThresholds(c echo.Context) error {
	var ch fair.ThresholdsChange
	var err error
	for _, f := range []struct {
		field, what string
		dst         **float64
	}{{"small_n", "error.field.setting.small_n", &ch.SmallN},
		{"volume_medium", "error.field.setting.band_volume_medium", &ch.BandVolume.Medium},
		{"volume_large", "error.field.setting.band_volume_large", &ch.BandVolume.Large},
		{"received_medium", "error.field.setting.band_received_medium", &ch.BandReceived.Medium},
		{"received_large", "error.field.setting.band_received_large", &ch.BandReceived.Large}} {
		if err != nil || strings.TrimSpace(c.FormValue(f.field)) == "" {
			continue
		}
		var v float64
		if v, err = formNumber(c, f.field, f.what); err == nil {
			*f.dst = &v
		}
	}
	if err == nil {
		err = fair.SetThresholds(c.Request().Context(), s.st, changedBy(c), ch)
	}
	if err != nil {
		return s.fairRefused(c, err)
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/fair?done=thresholds")
}

// fairTargetSave is POST /admin/fair/targets: sets the target of a rate,
// for one year or (year empty) every year.
func (s *Server) fairTargetSave(c echo.Context) error {
	t := rates.Target{Rate: c.FormValue("rate"), Direction: c.FormValue("direction")}
	year, err := s.params().YearOrEvery("year", c.FormValue("year"))
	t.Year = year
	if err == nil {
		t.Value, err = formNumber(c, "value", "error.field.target_value")
	}
	if err == nil {
		t.Margin, err = formNumber(c, "margin", "error.field.target_margin")
	}
	if err == nil {
		err = s.st.SetTarget(c.Request().Context(), changedBy(c), t)
	}
	if err != nil {
		return s.fairRefused(c, err)
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/fair?done=target#targets")
}

// fairTargetDelete is POST /admin/fair/targets/delete.
func (s *Server) fairTargetDelete(c echo.Context) error {
	year, err := s.params().YearOrEvery("year", c.FormValue("year"))
	if err == nil {
		err = s.st.DeleteTarget(c.Request().Context(), changedBy(c), c.FormValue("rate"), year)
	}
	if err != nil {
		return s.fairRefused(c, err)
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/fair?done=target#targets")
}

// fairOrganisation is POST /admin/fair/organisations/:code: the unit of
// its activity volume and its terms (days, and whether working days).
func (s *Server) fairOrganisation(c echo.Context) error {
	code := c.Param("code")
	ack, err1 := strconv.Atoi(strings.TrimSpace(c.FormValue("ack_days")))
	answer, err2 := strconv.Atoi(strings.TrimSpace(c.FormValue("answer_days")))
	var err error
	if err1 != nil || err2 != nil {
		err = domain.Errorf(domain.EINVALID, "error.terms_whole_days")
	}
	if err == nil {
		err = s.st.SetOrganisationFair(c.Request().Context(), changedBy(c), code, c.FormValue("unit"),
			store.Terms{AckDays: ack, AnswerDays: answer, WorkingDays: c.FormValue("working_days") != ""})
	}
	if err != nil {
		return s.fairRefused(c, err)
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/fair?done="+code+"#org-"+code)
}

// apiFairSettings is GET /api/v1/fair: the thresholds, targets and units.
func (s *Server) apiFairSettings(c echo.Context) error {
	st, err := s.st.FairSettings(c.Request().Context())
	if err != nil {
		return err
	}
	if st.Targets == nil {
		st.Targets = []rates.Target{}
	}
	return c.JSON(http.StatusOK, st)
}

// apiFairThresholds is PUT /api/v1/fair/thresholds with {"small_n": 10,
// "band_activity_volume": {"medium": …, "large": …}, "band_received": {…}};
// a field left out keeps its value.
func (s *Server) apiFairThresholds(c echo.Context) error {
	var ch fair.ThresholdsChange
	if err := decodeJSON(c, &ch); err != nil {
		return err
	}
	if err := fair.SetThresholds(c.Request().Context(), s.st, changedBy(c), ch); err != nil {
		return err
	}
	s.version.Forget()
	return s.apiFairSettings(c)
}

// apiFairTarget is PUT /api/v1/fair/targets/:rate with {"year": 0,
// "direction": "at_least", "value": 95, "margin": 5}.
func (s *Server) apiFairTarget(c echo.Context) error {
	var t rates.Target
	if err := decodeJSON(c, &t); err != nil {
		return err
	}
	t.Rate = c.Param("rate")
	if err := s.st.SetTarget(c.Request().Context(), changedBy(c), t); err != nil {
		return err
	}
	s.version.Forget()
	return c.JSON(http.StatusOK, t)
}

// apiFairTargetDelete is DELETE /api/v1/fair/targets/:rate/:year.
func (s *Server) apiFairTargetDelete(c echo.Context) error {
	year, err := s.params().YearOrEvery("year", c.Param("year"))
	if err != nil {
		return err
	}
	if err := s.st.DeleteTarget(c.Request().Context(), changedBy(c), c.Param("rate"), year); err != nil {
		return err
	}
	s.version.Forget()
	return c.JSON(http.StatusOK, map[string]any{"rate": c.Param("rate"), "year": year, "deleted": true})
}

// fairOrgJSON is the body of PUT /api/v1/fair/organisations/:code.
type fairOrgJSON struct {
	ActivityUnit string `json:"activity_unit"`
	AckDays      int    `json:"ack_days"`
	AnswerDays   int    `json:"answer_days"`
	WorkingDays  bool   `json:"working_days"`
}

// apiFairOrganisation is PUT /api/v1/fair/organisations/:code with
// {"activity_unit": "files", "ack_days": 5, "answer_days": 15, "working_days": true}.
func (s *Server) apiFairOrganisation(c echo.Context) error {
	body := fairOrgJSON{AckDays: 5, AnswerDays: 30}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	t := store.Terms{AckDays: body.AckDays, AnswerDays: body.AnswerDays, WorkingDays: body.WorkingDays}
	if err := s.st.SetOrganisationFair(c.Request().Context(), changedBy(c), c.Param("code"), body.ActivityUnit, t); err != nil {
		return err
	}
	s.version.Forget()
	return c.JSON(http.StatusOK, body)
}

// apiFairUnit is PUT /api/v1/fair/organisations/:code/unit with
// {"activity_unit": "files"} ("" for none): only the unit changes, the
// terms stay. `infocentre fair unit --server` calls it.
func (s *Server) apiFairUnit(c echo.Context) error {
	var body struct {
		ActivityUnit string `json:"activity_unit"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if err := s.st.SetActivityUnit(c.Request().Context(), changedBy(c), strings.ToUpper(c.Param("code")), body.ActivityUnit); err != nil {
		return err
	}
	s.version.Forget()
	return s.apiFairSettings(c)
}

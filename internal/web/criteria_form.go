package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// assessmentFormPage is the data of templates/criteria_form.html.
type assessmentFormPage struct {
	page
	Org      string
	Year     int
	YearOpts []option
	Status   string // empty before the first save
	Comment  string // the coordinator's
	Editable bool
	Criteria []formCriterion
	Flash    string
	Problem  string
	Own      []domain.Assessment
}

// formCriterion is one criterion of the form with its current answer.
type formCriterion struct {
	criterionHead
	Answer domain.Answer
}

// assessmentForm is GET /criteria/assessment?year=Y: the signed-in agency's
// self-assessment for a year (last year by default).
func (s *Server) assessmentForm(c echo.Context) error {
	v := viewerOf(c)
	year, err := s.params().YearOr("year", c.QueryParam("year"), s.clock.Now().Year()-1)
	if err != nil {
		return err
	}
	a, err := s.st.Assessment(c.Request().Context(), v.Account.Organisation, year)
	if err != nil && !isNotFound(err) {
		return err
	}
	l := s.locale(c)
	var flash string
	switch c.QueryParam("done") {
	case "saved":
		flash = l.T("criteria.saved")
	case "copied":
		if from, err := s.params().Year("from", c.QueryParam("from")); err == nil {
			flash = fmt.Sprintf(l.T("criteria.copied"), from)
		}
	}
	return s.renderAssessmentForm(c, http.StatusOK, year, a, a.Answers, flash, "")
}

// renderAssessmentForm shows the form with answers (the saved ones, or those
// just posted when they were refused, with the problem).
func (s *Server) renderAssessmentForm(c echo.Context, status, year int, a domain.Assessment, answers []domain.Answer, flash, problem string) error {
	v := viewerOf(c)
	l := s.locale(c)
	own, err := s.st.AssessmentsOf(c.Request().Context(), v.Account.Organisation, false)
	if err != nil {
		return err
	}
	p := assessmentFormPage{
		page: s.base(c, l, "assessment", fmt.Sprintf(l.T("criteria.form_title"), s.orgShortName(v.Account.Organisation, l), year)),
		Org:  v.Account.Organisation, Year: year, Status: a.Status, Comment: a.Comment,
		Editable: a.Status == "" || a.Editable(), Flash: flash, Problem: problem, Own: own,
	}
	this := s.clock.Now().Year()
	for y := this; y >= this-5; y-- {
		p.YearOpts = append(p.YearOpts, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	given := domain.Assessment{Answers: answers}
	for _, h := range s.criterionHeads(l) {
		ans, _ := given.Answer(h.Number)
		p.Criteria = append(p.Criteria, formCriterion{criterionHead: h, Answer: ans})
	}
	return s.render(c, status, "criteria_form", p)
}

// assessmentPost is POST /criteria/assessment with action save, copy or
// submit. A refused save or submit shows the form again with what was typed.
func (s *Server) assessmentPost(c echo.Context) error {
	v := viewerOf(c)
	ctx := c.Request().Context()
	org := v.Account.Organisation
	year, err := s.params().YearOr("year", c.FormValue("year"), 0)
	if err != nil {
		return err
	}
	if year == 0 {
		return domain.Errorf(domain.EINVALID, "error.which_year")
	}
	answers := answersFromForm(c)
	back := url.Values{"year": {strconv.Itoa(year)}}
	by := s.actor(c)
	action := c.FormValue("action")
	switch action {
	case domain.ActionSave:
		_, err = s.desk.SaveAssessment(ctx, by, org, year, answers)
		back.Set("done", "saved")
	case domain.ActionSubmit:
		_, err = s.desk.SubmitAssessment(ctx, by, org, year, answers)
	case domain.ActionCopy:
		var from int
		_, from, err = s.desk.CopyAssessment(ctx, by, org, year)
		back.Set("done", "copied")
		back.Set("from", strconv.Itoa(from))
	default:
		return domain.Errorf(domain.EINVALID, "error.unknown_action", action)
	}
	if err != nil {
		var de *domain.Error
		if errors.As(err, &de) && de.Code == domain.EINVALID && action != domain.ActionCopy {
			cur, curErr := s.st.Assessment(ctx, org, year)
			if curErr != nil && !isNotFound(curErr) {
				return curErr
			}
			return s.renderAssessmentForm(c, http.StatusBadRequest, year, cur, answers, "", s.locale(c).Err(de))
		}
		return err
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/criteria/assessment?"+back.Encode())
}

// answersFromForm reads state-N, comment-N and evidence-N for the 14
// criteria; a criterion with nothing filled in is left out.
func answersFromForm(c echo.Context) []domain.Answer {
	answers := []domain.Answer{}
	for n := 1; n <= domain.CriteriaCount; n++ {
		a := domain.Answer{Criterion: n, State: c.FormValue(fmt.Sprintf("state-%d", n)),
			Comment: c.FormValue(fmt.Sprintf("comment-%d", n)), Evidence: c.FormValue(fmt.Sprintf("evidence-%d", n))}
		if a.State != "" || a.Comment != "" || a.Evidence != "" {
			answers = append(answers, a)
		}
	}
	return answers
}

func isNotFound(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Code == domain.ENOTFOUND
}

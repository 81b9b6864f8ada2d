package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// assessmentInboxPage is the data of templates/criteria_review.html.
type assessmentInboxPage struct {
	page
	Waiting       []assessmentRow
	Disagreements []disagreementRow
}

type assessmentRow struct {
	domain.Assessment
	OrgName string
}

type disagreementRow struct {
	store.Disagreement
	OrgName string
}

// assessmentInbox is GET /criteria/review: the submitted self-assessments,
// oldest first, and the uploads whose criteria_met disagrees with a
// validated one.
func (s *Server) assessmentInbox(c echo.Context) error {
	ctx := c.Request().Context()
	waiting, err := s.st.AssessmentInbox(ctx)
	if err != nil {
		return err
	}
	flags, err := s.st.CriteriaDisagreements(ctx)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := assessmentInboxPage{page: s.base(c, l, "criteria_review", l.T("criteria.review_title"))}
	for _, a := range waiting {
		p.Waiting = append(p.Waiting, assessmentRow{Assessment: a, OrgName: s.orgName(a.Organisation, l)})
	}
	for _, d := range flags {
		p.Disagreements = append(p.Disagreements, disagreementRow{Disagreement: d, OrgName: s.orgName(d.Organisation, l)})
	}
	return s.render(c, http.StatusOK, "criteria_review", p)
}

// assessmentPageData is the data of templates/criteria_assessment.html.
type assessmentPageData struct {
	page
	A         domain.Assessment
	OrgName   string
	Criteria  []criterionHead
	Cells     []stateCell
	CanDecide bool
	History   []store.AssessmentEvent
}

// assessmentPage is GET /criteria/review/:id: one self-assessment, whatever
// its status, with its history and, when submitted, the decision forms.
func (s *Server) assessmentPage(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	a, err := s.st.AssessmentByID(ctx, id)
	if err != nil {
		return err
	}
	hist, err := s.st.AssessmentHistory(ctx, id)
	if err != nil {
		return err
	}
	checks, err := s.st.LatestMysteryChecks(ctx, a.Year)
	if err != nil {
		return err
	}
	l := s.locale(c)
	var check *domain.MysteryCheck
	if m, ok := checks[a.Organisation]; ok {
		check = &m
	}
	p := assessmentPageData{
		page: s.base(c, l, "criteria_review", fmt.Sprintf(l.T("criteria.form_title"), s.orgShortName(a.Organisation, l), a.Year)),
		A:    a, OrgName: s.orgName(a.Organisation, l), Criteria: s.criterionHeads(l), Cells: stateCells(l, a, check),
		CanDecide: a.Status == domain.AssessmentSubmitted, History: hist,
	}
	return s.render(c, http.StatusOK, "criteria_assessment", p)
}

// assessmentValidate is POST /criteria/review/:id/validate: the assessment
// is validated and criteria_met is published from it at once.
func (s *Server) assessmentValidate(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, _, err := s.desk.ValidateAssessment(c.Request().Context(), s.actor(c), id, c.FormValue("comment")); err != nil {
		return err
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/criteria/review")
}

// assessmentReturn is POST /criteria/review/:id/return with the required
// comment.
func (s *Server) assessmentReturn(c echo.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.desk.ReturnAssessment(c.Request().Context(), s.actor(c), id, c.FormValue("comment")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/criteria/review")
}

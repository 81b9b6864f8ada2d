package web

import (
	"strings"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// criteriaRoutes declares the routes of the 14 criteria (issue 7).
func (s *Server) criteriaRoutes() {
	e := s.echo
	agency := s.allow(auth.RoleAgency)
	coordinator := s.allow(auth.RoleCoordinator)

	e.GET("/criteria", s.criteriaMatrix, s.publicCaching)
	e.GET("/criteria.xlsx", s.criteriaXLSX, s.publicCaching)

	e.GET("/criteria/assessment", s.assessmentForm, agency)
	e.POST("/criteria/assessment", s.assessmentPost, agency)

	e.GET("/criteria/review", s.assessmentInbox, coordinator)
	e.GET("/criteria/review/:id", s.assessmentPage, coordinator)
	e.POST("/criteria/review/:id/validate", s.assessmentValidate, coordinator)
	e.POST("/criteria/review/:id/return", s.assessmentReturn, coordinator)

	e.GET("/criteria/mystery", s.mysteryPage, coordinator)
	e.POST("/criteria/mystery", s.mysteryRecord, coordinator)
}

// criterionHead is a criterion's number and label in the page's language.
type criterionHead struct {
	Number int
	Label  string
}

func (s *Server) criterionHeads(l Locale) []criterionHead {
	out := make([]criterionHead, len(s.ref().Criteria))
	for i, c := range s.ref().Criteria {
		out[i] = criterionHead{Number: c.Number, Label: c.Label.In(l.Lang)}
	}
	return out
}

// stateCell is one criterion of one assessment as shown: a class for the
// colour and a text, so that colour is never the only signal.
type stateCell struct {
	Criterion int
	State     string // met, partly, not_met, or "none"
	Text      string
	Comment   string
	Evidence  string
	Link      string // Evidence when it is an http(s) address
	Check     string // mystery-shopping evidence, for criteria 8 and 9
}

// stateCells lays out the 14 criteria of an assessment, with the latest
// mystery-shopping check beside criteria 8 and 9.
func stateCells(l Locale, a domain.Assessment, check *domain.MysteryCheck) []stateCell {
	out := make([]stateCell, domain.CriteriaCount)
	for i := range out {
		n := i + 1
		cell := stateCell{Criterion: n, State: "none"}
		if ans, ok := a.Answer(n); ok {
			if ans.State != "" {
				cell.State = ans.State
			}
			cell.Comment, cell.Evidence, cell.Link = ans.Comment, ans.Evidence, ans.EvidenceLink()
		}
		cell.Text = l.T("criteria.state." + cell.State)
		if check != nil {
			cell.Check = check.Evidence(l.p, n)
		}
		out[i] = cell
	}
	return out
}

// checkSummary is a check in one line: acknowledgement and second line.
func checkSummary(l Locale, m domain.MysteryCheck) string {
	ack := m.Evidence(l.p, domain.CriterionAcknowledgement)
	second := m.Evidence(l.p, domain.CriterionSecondLine)
	_, second, _ = strings.Cut(second, ": ")
	return ack + "; " + second
}

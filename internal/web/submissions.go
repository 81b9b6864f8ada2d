package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// coordinatorListLimit bounds the coordinator's list of every submission.
const coordinatorListLimit = 500

// submissionsPage is the data of templates/submissions.html.
type submissionsPage struct {
	page
	Due         []dueRow // an agency's rounds: what is due and where it stands
	Submissions []submissionRow
}

type submissionRow struct {
	domain.Submission
	OrgName string
	Notes   store.NoteCounts // explanations, questions and answers on its values
}

// visibleSubmissions is what the viewer may list: an agency its own
// organisation's, a coordinator everyone's (or only those waiting).
func (s *Server) visibleSubmissions(c echo.Context, v *viewer, onlyWaiting bool) ([]domain.Submission, error) {
	ctx := c.Request().Context()
	var subs []domain.Submission
	var err error
	switch {
	case v.Is(auth.RoleAgency):
		subs, err = s.st.History(ctx, v.Account.Organisation)
		if onlyWaiting && err == nil {
			waiting := subs[:0]
			for _, sub := range subs {
				if sub.Status == domain.StatusSubmitted {
					waiting = append(waiting, sub)
				}
			}
			subs = waiting
		}
	case onlyWaiting:
		subs, err = s.st.Inbox(ctx)
	default:
		subs, err = s.st.AllSubmissions(ctx, coordinatorListLimit)
	}
	if err != nil {
		return nil, fmt.Errorf("web: submissions of %s: %w", v.Account.Email, err)
	}
	if subs == nil {
		subs = []domain.Submission{}
	}
	return subs, nil
}

// submissionList is GET /submissions: an agency's own submissions with their
// status and the coordinator's comments; every submission for a coordinator.
func (s *Server) submissionList(c echo.Context) error {
	v := viewerOf(c)
	subs, err := s.visibleSubmissions(c, v, false)
	if err != nil {
		return err
	}
	l := s.locale(c)
	p := submissionsPage{page: s.base(c, l, "submissions", l.T("submissions.title"))}
	for _, sub := range subs {
		p.Submissions = append(p.Submissions, submissionRow{Submission: sub, OrgName: s.orgName(sub.Organisation, l)})
	}
	if v.Is(auth.RoleAgency) {
		if p.Due, err = s.dueFor(c.Request().Context(), v.Account.Organisation); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "submissions", p)
}

// submissionPage is the data of templates/submission.html.
type submissionPage struct {
	page
	Sub     submissionRow
	Rows    []comparedRow
	CanEdit bool // a coordinator facing a submission that waits for review
	CanAsk  bool // a coordinator may ask a question on any value
	Held    int  // notes held from publication until the coordinator accepts them
}

type comparedRow struct {
	Label     string
	Indicator string
	Breakdown string
	Value     string
	Published string // the figure published now, or empty
	Differs   bool
	BreakCode string
	Notes     []domain.ValueNote // explanation, questions and answers on this value
	CanAnswer bool               // an agency facing a question
}

// submissionPage is GET /submissions/:id: the submission's figures beside
// those published now for the same organisation and year.
func (s *Server) submissionPage(c echo.Context) error {
	v := viewerOf(c)
	sub, obs, err := s.visibleSubmission(c, v)
	if err != nil {
		return err
	}
	pub, err := s.st.Published(c.Request().Context(), store.Filter{Organisations: []string{sub.Organisation}, Years: []int{sub.Year}})
	if err != nil {
		return fmt.Errorf("web: submission %d: %w", sub.ID, err)
	}
	now := map[domain.Key]float64{}
	for _, o := range pub {
		now[o.Key()] = o.Value
	}
	l := s.locale(c)
	p := submissionPage{
		page:    s.base(c, l, "submissions", fmt.Sprintf("%s %d · %s", l.T("submission.title"), sub.ID, s.orgName(sub.Organisation, l))),
		Sub:     submissionRow{Submission: sub, OrgName: s.orgName(sub.Organisation, l)},
		CanEdit: v.Is(auth.RoleCoordinator) && sub.Status == domain.StatusSubmitted,
		CanAsk:  v.Is(auth.RoleCoordinator),
	}
	notes, err := s.st.ValueNotes(c.Request().Context(), sub.ID)
	if err != nil {
		return fmt.Errorf("web: submission %d: %w", sub.ID, err)
	}
	thread := map[[2]string][]domain.ValueNote{}
	for _, n := range notes {
		if n.Held {
			p.Held++
		}
		k := [2]string{n.Indicator, n.Breakdown}
		thread[k] = append(thread[k], n)
	}
	for _, o := range obs {
		in, _ := s.ref().Indicator(o.Indicator)
		row := comparedRow{Label: in.Label.In(l.Lang), Indicator: o.Indicator,
			Breakdown: s.ref().BreakdownLabel(in.Breakdown, o.Breakdown, l.Lang), Value: l.Value(o.Value, in.Unit),
			BreakCode: o.Breakdown, Notes: thread[[2]string{o.Indicator, o.Breakdown}]}
		for _, n := range row.Notes {
			row.CanAnswer = row.CanAnswer || (n.Kind == domain.NoteQuestion && v.Is(auth.RoleAgency))
		}
		if cur, ok := now[o.Key()]; ok {
			row.Published, row.Differs = l.Value(cur, in.Unit), cur != o.Value
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, http.StatusOK, "submission", p)
}

// visibleSubmission loads the submission of the :id parameter; another
// organisation's submission does not exist for an agency.
func (s *Server) visibleSubmission(c echo.Context, v *viewer) (domain.Submission, []domain.Observation, error) {
	id, err := pathID(c)
	if err != nil {
		return domain.Submission{}, nil, err
	}
	return s.desk.Submission(c.Request().Context(), v.Account, id)
}

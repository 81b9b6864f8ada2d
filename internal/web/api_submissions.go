package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/paging"
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
	"github.com/fcmn/infocentre/internal/webkit/param"
)

// uploadAnswer is the JSON of POST /api/v1/submissions.
type uploadAnswer struct {
	ID            int64            `json:"id,omitempty"`          // the first submission created (one per organisation-year)
	Submissions   []int64          `json:"submissions,omitempty"` // every submission created or left unchanged
	Status        string           `json:"status"`                // submitted, unchanged, dry_run or refused
	Organisation  string           `json:"organisation"`
	Organisations []string         `json:"organisations"`
	Years         []int            `json:"years"`
	Observations  int              `json:"observations"`
	Warnings      []domain.Problem `json:"warnings"`
	Problems      []domain.Problem `json:"problems,omitempty"` // the errors of a refused file, among the first domain.MaxProblems
	// ProblemCount counts every problem of the file, errors and warnings,
	// listed or not; ProblemCounts by code; MoreProblems those not listed.
	ProblemCount  int            `json:"problem_count"`
	ProblemCounts map[string]int `json:"problem_counts,omitempty"`
	MoreProblems  int            `json:"more_problems"`
	Message       string         `json:"message,omitempty"`
	// Outliers are the values that look wrong against the administration's
	// last three published years: warnings, with their history.
	Outliers []domain.Outlier `json:"outliers"`
	// What `infocentre import --server` prints as a local import does: the
	// file's format and layout, its errors and warnings counted one by one,
	// and the submissions created and left unchanged.
	Format       string              `json:"format"`
	Layout       string              `json:"layout"`
	ErrorCount   int                 `json:"error_count"`
	WarningCount int                 `json:"warning_count"`
	Created      []domain.Submission `json:"created"`
	Unchanged    []domain.Submission `json:"unchanged"`
	*Refusal                         // when refused (422): the problem's fields
}

// apiSubmissionUpload is POST /api/v1/submissions (multipart field "file",
// optional dry_run=true): 201 when stored as submitted, 200 for a dry run or
// a file already submitted, 422 with the problems when refused.
func (s *Server) apiSubmissionUpload(c echo.Context) error {
	v := viewerOf(c)
	name, data, err := s.readUpload(c)
	if err != nil {
		return err
	}
	dryRun := c.FormValue("dry_run") == "true" || c.FormValue("dry_run") == "1"
	ctx := c.Request().Context()
	l := apiLocale(c)
	checked, err := s.submit(c, v, name, data, domain.KindFile, true)
	if err != nil {
		return err
	}
	// The values of a refused file are not checked: it must be corrected
	// first, and a million bad rows would answer a million outliers.
	obs := checked.Observations
	if !checked.Accepted() {
		obs = nil
	}
	vc, err := s.checkValues(ctx, obs)
	if err != nil {
		return err
	}
	notes := notesOf(c)
	for i, o := range vc.Outliers {
		vc.Outliers[i].Explanation = notes[noteName(domain.Observation{Organisation: o.Organisation, Year: o.Year, Indicator: o.Indicator, Breakdown: o.Breakdown})]
	}
	rep := checked
	if !dryRun && checked.Accepted() {
		if missing := vc.missingExplanations(notes); len(missing) > 0 {
			ans := answerOf(checked, l)
			ans.Status, ans.Outliers = "refused", vc.Outliers
			ans.Message = l.N("api.explanations_missing", len(missing), len(missing))
			ans.Refusal = refuse(c, l, ans.Message, nil) // outliers says which values
			return c.JSON(http.StatusUnprocessableEntity, ans)
		}
		if rep, err = s.submit(c, v, name, data, domain.KindFile, false); err != nil {
			return err
		}
		if rep.Accepted() {
			if err := s.storeExplanations(ctx, rep, notes, s.actor(c)); err != nil {
				return err
			}
		}
	}
	ans := answerOf(rep, l)
	ans.Outliers = vc.Outliers
	switch {
	case !rep.Accepted():
		if !dryRun && rep == checked {
			// Refused before the import, which counts the others.
			s.cfg.Metrics.Import(false, mainProblem(rep.ProblemCounts))
		}
		ans.Status = "refused"
		errs := rep.Count(domain.SeverityError)
		ans.Message = l.N("api.file_refused", errs, errs)
		ans.Refusal = refuse(c, l, ans.Message, ans.Problems)
		return c.JSON(http.StatusUnprocessableEntity, ans)
	case dryRun:
		ans.Status = "dry_run"
		return c.JSON(http.StatusOK, ans)
	}
	for _, sub := range rep.Stored.Created {
		ans.Submissions = append(ans.Submissions, sub.ID)
	}
	for _, sub := range rep.Stored.Unchanged {
		ans.Submissions = append(ans.Submissions, sub.ID)
	}
	if len(rep.Stored.Created) == 0 {
		// The same file again: nothing new, the earlier submission stands.
		ans.Status = "unchanged"
		return c.JSON(http.StatusOK, ans)
	}
	ans.ID, ans.Status = rep.Stored.Created[0].ID, domain.StatusSubmitted
	return c.JSON(http.StatusCreated, ans)
}

// answerOf is the answer for a checked file, its problems rendered in l's
// language.
func answerOf(rep *importer.Report, l Locale) uploadAnswer {
	ans := uploadAnswer{Organisations: rep.Organisations(), Years: rep.Years(), Observations: len(rep.Observations), Warnings: []domain.Problem{},
		ProblemCount: rep.ProblemCount, ProblemCounts: rep.ProblemCounts, MoreProblems: rep.Unlisted(),
		Format: rep.Format, Layout: rep.Layout, ErrorCount: rep.Count(domain.SeverityError), WarningCount: rep.Count(domain.SeverityWarning),
		Created: append([]domain.Submission{}, rep.Stored.Created...), Unchanged: append([]domain.Submission{}, rep.Stored.Unchanged...)}
	if ans.Years == nil {
		ans.Years = []int{}
	}
	if len(ans.Organisations) > 0 {
		ans.Organisation = ans.Organisations[0]
	}
	for _, p := range l.Localize(rep.Problems) {
		if p.Severity == domain.SeverityError {
			ans.Problems = append(ans.Problems, p)
		} else {
			ans.Warnings = append(ans.Warnings, p)
		}
	}
	return ans
}

// apiSubmissionList is GET /api/v1/submissions[?status=&limit=&offset=]: a
// page of an agency's own submissions, or of every one for a coordinator;
// newest first, except the waiting ones (status=submitted), oldest first as
// in the inbox. The answer stays a bare array, as it was before pages: the
// next page is in the Link header, the count in X-Total-Count.
func (s *Server) apiSubmissionList(c echo.Context) error {
	status, err := param.Choice("status", c.QueryParam("status"), "", domain.StatusSubmitted, domain.StatusApproved, domain.StatusReturned)
	if err != nil {
		return err
	}
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	org := ""
	if v := viewerOf(c); v.Is(auth.RoleAgency) {
		org = v.Account.Organisation
	}
	subs, total, err := s.st.SubmissionPage(c.Request().Context(), org, status, page.Limit, page.Offset)
	if err != nil {
		return err
	}
	if subs == nil {
		subs = []domain.Submission{}
	}
	h := c.Response().Header()
	h.Set("X-Total-Count", strconv.Itoa(total))
	if next := page.Next(c.Request().URL.Path, c.QueryParams(), total); next != "" {
		h.Set("Link", "<"+next+`>; rel="next"`)
	}
	return c.JSON(http.StatusOK, subs)
}

// apiApprove is POST /api/v1/submissions/:id/approve.
func (s *Server) apiApprove(c echo.Context) error {
	return s.apiDecide(c, domain.StatusApproved)
}

// apiReturn is POST /api/v1/submissions/:id/return with a comment, as JSON
// {"comment": …} or a form field.
func (s *Server) apiReturn(c echo.Context) error {
	return s.apiDecide(c, domain.StatusReturned)
}

func (s *Server) apiDecide(c echo.Context, status string) error {
	comment := ""
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEApplicationJSON) {
		var body struct {
			Comment string `json:"comment"`
		}
		// An empty body approves without comment.
		if err := json.NewDecoder(c.Request().Body).Decode(&body); err != nil && !errors.Is(err, io.EOF) {
			if bodylimit.TooLarge(err) {
				return s.errTooLarge()
			}
			return domain.Errorf(domain.EINVALID, "error.comment_body")
		}
		comment = body.Comment
	} else {
		if err := s.parseForm(c); err != nil {
			return err
		}
		comment = c.FormValue("comment")
	}
	sub, err := s.decide(c, status, comment)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sub)
}

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// registerFormPage is the data of templates/register_upload.html.
type registerFormPage struct {
	page
	MaxMB string
}

// form is GET /registers/new: choose a complaint register.
func (h *registerHandlers) form(c echo.Context) error {
	l := h.s.locale(c)
	return h.s.render(c, http.StatusOK, "register_upload", registerFormPage{
		page:  h.s.base(c, l, "upload", l.T("register.title")),
		MaxMB: l.Number(float64(h.s.cfg.MaxUploadBytes)/1e6, 0),
	})
}

// registerReportPage is the data of templates/register_report.html: what a
// register upload read, computed and stored, or why it was refused.
type registerReportPage struct {
	page
	File          string
	Status        string // submitted, unchanged, dry_run or refused
	Reason        string // why a file that is no register was refused
	Organisations []string
	Years         []int
	Rows          string
	Observations  []previewRow
	Problems      []shownProblem
	MoreProblems  int
	Submissions   []registerSubmission
}

// registerSubmission links to a submission the register produced.
type registerSubmission struct {
	ID           int64
	Organisation string
	Year         int
	Created      bool // false: the same register was already submitted
}

// post is POST /registers: the register is imported at once as submitted
// (the coordinator reviews its computed figures like any submission) and
// the report shown: 200, or 422 for a refused register.
func (h *registerHandlers) post(c echo.Context) error {
	out, dryRun, err := h.upload(c)
	if err != nil {
		return err
	}
	l := h.s.locale(c)
	p := registerReportPage{page: h.s.base(c, l, "upload", l.T("register.report_title")),
		File: out.name, Status: out.status(dryRun)}
	if out.reason != nil {
		p.Reason = l.Err(out.reason)
	}
	if res := out.result; res != nil {
		for _, code := range res.Organisations {
			p.Organisations = append(p.Organisations, h.s.orgName(code, l))
		}
		p.Years, p.Problems, p.MoreProblems = res.Years, l.Problems(res.Problems), res.MoreProblems
		p.Rows = l.Number(float64(res.Rows), 0)
		for _, o := range res.Stored.Observations {
			in, _ := h.s.ref().Indicator(o.Indicator)
			p.Observations = append(p.Observations, previewRow{Organisation: o.Organisation, Year: o.Year, Indicator: o.Indicator,
				Label: in.Label.In(l.Lang), Breakdown: h.s.ref().BreakdownLabel(in.Breakdown, o.Breakdown, l.Lang), Value: l.Value(o.Value, in.Unit)})
		}
	}
	for _, sub := range out.created() {
		p.Submissions = append(p.Submissions, registerSubmission{ID: sub.ID, Organisation: h.s.orgName(sub.Organisation, l), Year: sub.Year, Created: true})
	}
	for _, sub := range out.unchanged() {
		p.Submissions = append(p.Submissions, registerSubmission{ID: sub.ID, Organisation: h.s.orgName(sub.Organisation, l), Year: sub.Year})
	}
	status := http.StatusOK
	if !out.accepted() {
		status = http.StatusUnprocessableEntity
	}
	return h.s.render(c, status, "register_report", p)
}

package web

import (
	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// refusedFile is the problem type of an upload refused for its content.
const refusedFile = "urn:problem-type:infocentre:refusedFile"

// Refusal is what makes a refused upload's answer (422) an RFC 9457
// problem: the answer keeps its own fields (status stays "refused", the
// word its clients read), and adds these. Embedded as a pointer, it is
// absent from the answers of accepted files; exported, so that a JSON
// decoder may fill it.
type Refusal struct {
	Type     string      `json:"type"`
	Title    string      `json:"title"`
	Detail   string      `json:"detail"`
	Instance string      `json:"instance"`
	Issues   []fileIssue `json:"issues"`
}

// fileIssue is one error of a refused file, as Belgif's input-validation
// issues are: where (in the body, the part "file", then the place in it),
// the value found and what is wrong, in the reader's language.
type fileIssue struct {
	Code   string `json:"code"`
	In     string `json:"in"`
	Name   string `json:"name"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column int    `json:"column,omitempty"`
	Header string `json:"header,omitempty"`
	Value  string `json:"value,omitempty"`
	Count  int    `json:"count,omitempty"`
	Detail string `json:"detail"`
	Hint   string `json:"hint,omitempty"`
}

// refuse marks c's answer as a problem in l's language and returns its
// problem fields: detail says why the file is refused, the errors among ps
// (already rendered by Locale.Localize) become the issues.
func refuse(c echo.Context, l Locale, detail string, ps []domain.Problem) *Refusal {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/problem+json")
	h.Set("Content-Language", l.Lang)
	r := &Refusal{Type: refusedFile, Title: l.T("api_problem.refused_file"), Detail: detail, Instance: c.Request().URL.Path, Issues: []fileIssue{}}
	for _, p := range ps {
		if p.Severity != domain.SeverityError {
			continue
		}
		r.Issues = append(r.Issues, fileIssue{Code: p.Code, In: "body", Name: "file", Sheet: p.Place.Sheet, Row: p.Place.Row,
			Column: p.Place.Column, Header: p.Place.Header, Value: p.Value, Count: p.Count, Detail: p.Message, Hint: p.Hint})
	}
	return r
}

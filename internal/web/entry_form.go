package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/entryform"
	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/pending"
)

// entryFormPage is the data of templates/entry_form.html.
type entryFormPage struct {
	page
	Intro    string
	Year     int
	Org      string // the administration's code, sent back by a coordinator's form
	OrgField bool   // the form names its administration (a coordinator's)
	Groups   []formGroupView
	Errors   []formMessage // the error summary, in the order of the form
	Warnings []formMessage
	Status   string // draft saved, draft resumed, or no problem found
	// FocusField: the first field with an error takes the focus when the
	// page comes back; else the summary's heading does.
	FocusField bool
}

type formGroupView struct {
	ID     string
	Legend string
	Items  []formItemView
}

// formItemView is an indicator: one field, or a fieldset of its parts.
type formItemView struct {
	Code       string
	Label      string
	Definition string
	Parts      bool
	Fields     []formFieldView
}

type formFieldView struct {
	Name      string
	Def       string // the id of the indicator's definition
	First     bool   // the first field with an error: focused when the page comes back
	Label     string
	Value     string
	Previous  string
	Unit      string
	InputMode string
	Errors    []string
	Warnings  []string
}

// DescribedBy lists the ids of what describes the field: its messages
// first, then its definition, unit and last year's value.
func (f formFieldView) DescribedBy() string {
	ids := []string{}
	if len(f.Errors)+len(f.Warnings) > 0 {
		ids = append(ids, "msg-"+f.Name)
	}
	return strings.Join(append(ids, f.Def, "unit-"+f.Name, "prev-"+f.Name), " ")
}

// formMessage is a line of the summary: the field it links to, or none.
type formMessage struct {
	Field string
	Label string
	Text  string
}

// entryFormOf reads the form's administration and year: an agency's own
// administration, the org parameter for a coordinator; the year
// parameter, the previous year by default.
func (s *Server) entryFormOf(c echo.Context, org, year string) (entryform.Form, error) {
	y, err := s.params().YearOr("year", year, s.clock.Now().Year()-1)
	if err != nil {
		return entryform.Form{}, err
	}
	own, err := review.UploadOrganisation(viewerOf(c).Account)
	if err != nil {
		return entryform.Form{}, err
	}
	if own == "" {
		if org, err = s.params().Organisation(org); err != nil {
			return entryform.Form{}, err
		}
		if org == "" {
			return entryform.Form{}, domain.Errorf(domain.EINVALID, "error.form_org", y)
		}
		own = org
	}
	return entryform.New(s.ref(), own, y), nil
}

// entryForm is GET /submissions/form: the online form, with the account's
// draft when it has one.
func (s *Server) entryForm(c echo.Context) error {
	f, err := s.entryFormOf(c, c.QueryParam("org"), c.QueryParam("year"))
	if err != nil {
		return err
	}
	l := s.locale(c)
	d, ok, err := entryform.Draft(c.Request().Context(), s.st, viewerOf(c).Account.ID, f)
	if err != nil {
		return err
	}
	p, err := s.entryFormView(c, f, d.Fields, nil, nil)
	if err != nil {
		return err
	}
	switch {
	case ok && c.QueryParam("saved") != "":
		p.Status = l.T("form.saved", domain.ReadableTime(d.SavedAt))
	case ok:
		p.Status = l.T("form.resumed", domain.ReadableTime(d.SavedAt))
	}
	return s.render(c, http.StatusOK, "entry_form", p)
}

// entryFormPost is POST /submissions/form: the form checked (action
// "check"), kept as a draft ("draft"), or previewed ("preview") in the
// upload's preview, as its file would be.
func (s *Server) entryFormPost(c echo.Context) error {
	f, err := s.entryFormOf(c, c.FormValue("org"), c.FormValue("year"))
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v := viewerOf(c)
	values := f.Values(c.FormValue)
	if c.FormValue("action") == "draft" {
		if err := entryform.SaveDraft(ctx, s.st, v.Account.ID, f, values, s.clock.Now()); err != nil {
			return err
		}
		q := url.Values{"year": {strconv.Itoa(f.Year)}, "saved": {"1"}}
		if v.Is(auth.RoleCoordinator) {
			q.Set("org", f.Organisation)
		}
		return c.Redirect(http.StatusSeeOther, "/submissions/form?"+q.Encode())
	}
	e := f.Read(values)
	problems := e.Problems
	var outliers map[string]domain.Outlier
	if e.Accepted() {
		name, data := e.File()
		rep, _, err := s.checkUpload(ctx, v, name, data)
		if err != nil {
			return err
		}
		vc, err := s.checkValues(ctx, rep.Observations)
		if err != nil {
			return err
		}
		problems, outliers = e.Locate(rep.Problems), e.Outliers(vc.Outliers)
		if rep.Accepted() && c.FormValue("action") == "preview" {
			id, err := s.keepPreview(c, pending.Upload{AccountID: v.Account.ID, Name: name, Data: data, Kind: domain.KindForm})
			if err != nil {
				return err
			}
			return s.renderPreview(c, rep, name, id, nil, nil)
		}
	}
	p, err := s.entryFormView(c, f, values, problems, outliers)
	if err != nil {
		return err
	}
	status := http.StatusOK
	switch {
	case len(p.Errors) > 0:
		status = http.StatusUnprocessableEntity
	case len(p.Warnings) == 0:
		p.Status = s.locale(c).T("form.ok")
	}
	return s.render(c, status, "entry_form", p)
}

// entryFormView lays the form out in the reader's language with the
// values, last year's approved values, and the problems at their fields.
func (s *Server) entryFormView(c echo.Context, f entryform.Form, values map[string]string, problems []entryform.Located, outliers map[string]domain.Outlier) (entryFormPage, error) {
	l := s.locale(c)
	v := viewerOf(c)
	p := entryFormPage{page: s.base(c, l, "upload", l.T("form.title")), Year: f.Year, Org: f.Organisation,
		OrgField: v.Is(auth.RoleCoordinator), Intro: l.T("form.intro", s.orgName(f.Organisation, l), f.Year)}
	prev, err := s.st.Published(c.Request().Context(), store.Filter{Organisations: []string{f.Organisation}, Years: []int{f.Year - 1}})
	if err != nil {
		return p, fmt.Errorf("web: form %s/%d: %w", f.Organisation, f.Year, err)
	}
	last := map[string]float64{}
	for _, o := range prev {
		last[entryform.FieldName(o.Indicator, o.Breakdown)] = o.Value
	}
	errs, warns := map[string][]string{}, map[string][]string{}
	var wholeErrs, wholeWarns []formMessage
	for _, lp := range problems {
		text := lp.Problem.Text(l.p)
		if lp.Field == "" {
			m := formMessage{Label: l.T("form.whole_form"), Text: text}
			if lp.Problem.Severity == domain.SeverityError {
				wholeErrs = append(wholeErrs, m)
			} else {
				wholeWarns = append(wholeWarns, m)
			}
			continue
		}
		if lp.Problem.Severity == domain.SeverityError {
			errs[lp.Field] = append(errs[lp.Field], text)
		} else {
			warns[lp.Field] = append(warns[lp.Field], text)
		}
	}
	for name, o := range outliers {
		in, _ := s.ref().Indicator(o.Indicator)
		reasons, history := flagText(l, o, in.Unit)
		if history == "" {
			history = "–"
		}
		warns[name] = append(warns[name], l.T("form.outlier", strings.Join(reasons, "; "), history))
	}
	p.Errors, p.Warnings = wholeErrs, wholeWarns
	for _, g := range f.Groups {
		gv := formGroupView{ID: g.ID, Legend: l.T("form.group." + g.ID)}
		for _, it := range g.Items {
			iv := formItemView{Code: it.Indicator.Code, Label: it.Indicator.Label.In(l.Lang),
				Definition: it.Indicator.DefinitionIn(l.Lang, f.Year), Parts: it.Indicator.Breakdown != ""}
			for _, fd := range it.Fields {
				fv := formFieldView{Name: fd.Name, Def: "def-" + iv.Code, Label: iv.Label, Value: values[fd.Name], Errors: errs[fd.Name], Warnings: warns[fd.Name],
					Unit: l.T("form.unit." + fd.Unit), InputMode: "numeric", Previous: l.T("form.no_previous", f.Year-1)}
				if fd.Unit != "count" {
					fv.InputMode = "decimal"
				}
				if fd.Breakdown != "" {
					fv.Label = s.ref().BreakdownLabel(it.Indicator.Breakdown, fd.Breakdown, l.Lang)
				}
				if pv, ok := last[fd.Name]; ok {
					fv.Previous = l.T("form.previous", f.Year-1, l.Value(pv, fd.Unit))
				}
				summary := iv.Label
				if fd.Breakdown != "" {
					summary += " – " + fv.Label
				}
				if len(fv.Errors) > 0 && !p.FocusField {
					fv.First, p.FocusField = true, true
				}
				for _, t := range fv.Errors {
					p.Errors = append(p.Errors, formMessage{Field: fd.Name, Label: summary, Text: t})
				}
				for _, t := range fv.Warnings {
					p.Warnings = append(p.Warnings, formMessage{Field: fd.Name, Label: summary, Text: t})
				}
				iv.Fields = append(iv.Fields, fv)
			}
			gv.Items = append(gv.Items, iv)
		}
		p.Groups = append(p.Groups, gv)
	}
	return p, nil
}

package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// The coordinator's pages for the reference data: /admin/organisations,
// /admin/groups and /admin/indicators. Every change goes through the store,
// which checks it against the whole reference, audits it and makes it live
// (matching, pages) at once.

// referencePage is the data of the three admin templates.
type referencePage struct {
	page
	Organisations []orgView
	Org           *orgView // the administration being edited
	Groups        []reference.Group
	GroupOpts     []option
	OrgOpts       []option
	Indicators    []reference.Indicator
	Languages     []string
	Message       string // why the form was refused
	Done          string // what the last change did
}

// orgView is one administration as the admin pages show it.
type orgView struct {
	reference.Organisation
	Name          string
	Years         string
	Memberships   string
	SuccessorList string
	AbbrevList    string
}

func (s *Server) orgViews(l Locale) []orgView {
	ref := s.ref()
	out := make([]orgView, 0, len(ref.Organisations))
	for _, o := range ref.Organisations {
		out = append(out, newOrgView(ref, o, l))
	}
	return out
}

func newOrgView(ref *reference.Catalogue, o reference.Organisation, l Locale) orgView {
	v := orgView{Organisation: o, Name: o.Name.In(l.Lang), Years: fmt.Sprintf("%d–", o.FirstYear), AbbrevList: strings.Join(o.Abbreviations, ", ")}
	if o.LastYear != 0 {
		v.Years += strconv.Itoa(o.LastYear)
	}
	var parts []string
	for _, m := range o.Groups {
		parts = append(parts, fmt.Sprintf("%d: %s", m.FromYear, groupName(ref, m.Group, l.Lang)))
	}
	v.Memberships = strings.Join(parts, "; ")
	parts = nil
	for _, next := range o.Successors {
		parts = append(parts, fmt.Sprintf("%s (%d)", next.Code, next.Year))
	}
	v.SuccessorList = strings.Join(parts, ", ")
	return v
}

// renderReference fills what every admin reference page shows and renders it.
func (s *Server) renderReference(c echo.Context, status int, name, title string, p referencePage) error {
	l := s.locale(c)
	ref := s.ref()
	p.page = s.base(c, l, name, l.T(title))
	p.Organisations = s.orgViews(l)
	p.Groups = ref.Groups
	for _, g := range ref.Groups {
		p.GroupOpts = append(p.GroupOpts, option{Value: g.Code, Label: g.Name.In(l.Lang)})
	}
	for _, o := range sortedOrganisations(ref, l) {
		p.OrgOpts = append(p.OrgOpts, option{Value: o.Code, Label: o.Name.In(l.Lang) + " (" + o.Code + ")"})
	}
	p.Indicators = ref.Indicators
	p.Languages = reference.Languages
	return s.render(c, status, name, p)
}

// refused turns a refused change into the page again with its reason
// (422); other errors go to the error handler.
func (s *Server) refused(c echo.Context, err error, name, title string, p referencePage) error {
	var de *domain.Error
	if !errors.As(err, &de) {
		return err
	}
	p.Message = s.locale(c).Err(de)
	return s.renderReference(c, http.StatusUnprocessableEntity, name, title, p)
}

// changedBy is who makes a change through the web, for the audit log.
func changedBy(c echo.Context) domain.AuditEntry {
	return domain.AuditEntry{Actor: viewerOf(c).Account.Email, Address: c.RealIP()}
}

// formYear reads a year field; empty gives def.
func (s *Server) formYear(c echo.Context, field string, def int) (int, error) {
	return s.params().YearOr(field, c.FormValue(field), def)
}

// splitList reads a comma-separated field.
func splitList(raw string) []string {
	var out []string
	for _, part := range strings.Split(raw, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// organisationsPage is GET /admin/organisations.
func (s *Server) organisationsPage(c echo.Context) error {
	p := referencePage{Done: c.QueryParam("done")}
	return s.renderReference(c, http.StatusOK, "admin_organisations", "admin.org.title", p)
}

// organisationAdd is POST /admin/organisations.
func (s *Server) organisationAdd(c echo.Context) error {
	o := organisationFromForm(c, reference.Organisation{Code: strings.ToUpper(strings.TrimSpace(c.FormValue("code")))})
	from, err := s.formYear(c, "from", reference.FirstNetworkYear)
	if err == nil {
		o.FirstYear = from
		o.Groups = []reference.Membership{{FromYear: from, Group: c.FormValue("group")}}
		err = s.st.AddOrganisation(c.Request().Context(), changedBy(c), o)
	}
	if err != nil {
		return s.refused(c, err, "admin_organisations", "admin.org.title", referencePage{})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/organisations?done="+o.Code)
}

// organisationFromForm reads the fields the add and edit forms share into o.
func organisationFromForm(c echo.Context, o reference.Organisation) reference.Organisation {
	o.Name = reference.Labels{NL: strings.TrimSpace(c.FormValue("name_nl")), FR: strings.TrimSpace(c.FormValue("name_fr")), EN: strings.TrimSpace(c.FormValue("name_en"))}
	o.Abbreviations = splitList(c.FormValue("abbreviations"))
	o.Kind = strings.TrimSpace(c.FormValue("kind"))
	o.SecondLine = strings.TrimSpace(c.FormValue("second_line"))
	o.ArticleFR = c.FormValue("article_fr")
	return o
}

// organisationPage is GET /admin/organisations/:code: edit or end one.
func (s *Server) organisationPage(c echo.Context) error {
	o, ok := s.ref().Organisation(c.Param("code"))
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.administration_not_found", c.Param("code"))
	}
	v := newOrgView(s.ref(), o, s.locale(c))
	return s.renderReference(c, http.StatusOK, "admin_organisation", "admin.org.edit_title", referencePage{Org: &v, Done: c.QueryParam("done")})
}

// organisationUpdate is POST /admin/organisations/:code.
func (s *Server) organisationUpdate(c echo.Context) error {
	cur, ok := s.ref().Organisation(c.Param("code"))
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.administration_not_found", c.Param("code"))
	}
	v := newOrgView(s.ref(), cur, s.locale(c))
	o := organisationFromForm(c, cur)
	var err error
	o.FirstYear, err = s.formYear(c, "from", cur.FirstYear)
	if g := c.FormValue("group"); err == nil && g != "" && g != cur.Group {
		var since int
		if since, err = s.formYear(c, "group_from", 0); err == nil {
			if since == 0 {
				err = domain.Errorf(domain.EINVALID, "error.new_group_year")
			} else {
				o.MoveTo(g, since)
			}
		}
	}
	if err == nil {
		err = s.st.UpdateOrganisation(c.Request().Context(), changedBy(c), o)
	}
	if err != nil {
		return s.refused(c, err, "admin_organisation", "admin.org.edit_title", referencePage{Org: &v})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/organisations/"+cur.Code+"?done=updated")
}

// organisationEnd is POST /admin/organisations/:code/end.
func (s *Server) organisationEnd(c echo.Context) error {
	cur, ok := s.ref().Organisation(c.Param("code"))
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.administration_not_found", c.Param("code"))
	}
	v := newOrgView(s.ref(), cur, s.locale(c))
	last, err := s.formYear(c, "last_year", 0)
	if err == nil && last == 0 {
		err = domain.Errorf(domain.EINVALID, "error.last_year_required")
	}
	if err == nil {
		form, _ := c.FormParams()
		var next []string
		for _, code := range form["successor"] {
			if code != "" {
				next = append(next, code)
			}
		}
		err = s.st.EndOrganisation(c.Request().Context(), changedBy(c), cur.Code, last, next)
	}
	if err != nil {
		return s.refused(c, err, "admin_organisation", "admin.org.edit_title", referencePage{Org: &v})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/organisations/"+cur.Code+"?done=ended")
}

// groupsPage is GET /admin/groups.
func (s *Server) groupsPage(c echo.Context) error {
	return s.renderReference(c, http.StatusOK, "admin_groups", "admin.group.title", referencePage{Done: c.QueryParam("done")})
}

// groupSave is POST /admin/groups (create) and POST /admin/groups/:code (rename).
func (s *Server) groupSave(c echo.Context) error {
	code, create := c.Param("code"), c.Param("code") == ""
	if create {
		code = strings.TrimSpace(c.FormValue("code"))
	}
	g := reference.Group{Code: code, Name: reference.Labels{NL: strings.TrimSpace(c.FormValue("name_nl")),
		FR: strings.TrimSpace(c.FormValue("name_fr")), EN: strings.TrimSpace(c.FormValue("name_en"))}}
	if err := s.st.SaveGroup(c.Request().Context(), changedBy(c), g, create); err != nil {
		return s.refused(c, err, "admin_groups", "admin.group.title", referencePage{})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/groups?done="+code)
}

// indicatorsPage is GET /admin/indicators.
func (s *Server) indicatorsPage(c echo.Context) error {
	return s.renderReference(c, http.StatusOK, "admin_indicators", "admin.indicator.title", referencePage{Done: c.QueryParam("done")})
}

// indicatorUpdate is POST /admin/indicators/:code: labels, unit, first year.
func (s *Server) indicatorUpdate(c echo.Context) error {
	in, ok := s.ref().Indicator(c.Param("code"))
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.indicator_not_found", c.Param("code"))
	}
	in.Label = reference.Labels{NL: strings.TrimSpace(c.FormValue("label_nl")), FR: strings.TrimSpace(c.FormValue("label_fr")), EN: strings.TrimSpace(c.FormValue("label_en"))}
	if u := strings.TrimSpace(c.FormValue("unit")); u != "" {
		in.Unit = u
	}
	first, err := s.formYear(c, "first_year", in.FirstYear)
	if err == nil {
		in.FirstYear = first
		err = s.st.UpdateIndicator(c.Request().Context(), changedBy(c), in)
	}
	if err != nil {
		return s.refused(c, err, "admin_indicators", "admin.indicator.title", referencePage{})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/indicators?done="+in.Code+"#"+in.Code)
}

// indicatorDefinition is POST /admin/indicators/:code/definition.
func (s *Server) indicatorDefinition(c echo.Context) error {
	code := c.Param("code")
	from, err := s.formYear(c, "from", 0)
	if err == nil && from == 0 {
		err = domain.Errorf(domain.EINVALID, "error.definition_year_required")
	}
	if err == nil {
		err = s.st.SetDefinition(c.Request().Context(), changedBy(c), code, c.FormValue("lang"), from, c.FormValue("text"))
	}
	if err != nil {
		return s.refused(c, err, "admin_indicators", "admin.indicator.title", referencePage{})
	}
	s.version.Forget()
	return c.Redirect(http.StatusSeeOther, "/admin/indicators?done="+code+"#"+code)
}

package web

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// The coordinator's API for the reference data. Each answer is the item as
// it is after the change; a refused change answers 400, 404 or 409 with its
// reason and changes nothing.

// decodeJSON reads the request body into v. A body said to be something
// else than JSON is refused as such (415) rather than read as JSON.
func decodeJSON(c echo.Context, v any) error {
	if ct := c.Request().Header.Get(echo.HeaderContentType); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
			return echo.NewHTTPError(http.StatusUnsupportedMediaType)
		}
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return domain.Errorf(domain.EINVALID, "error.body_json", err)
	}
	return nil
}

// apiOrganisationAdd is POST /api/v1/organisations with an administration
// as GET /api/v1/organisations lists it (code, name, abbreviations, kind,
// second_line, groups or group, first_year).
func (s *Server) apiOrganisationAdd(c echo.Context) error {
	var o reference.Organisation
	if err := decodeJSON(c, &o); err != nil {
		return err
	}
	o.Code = strings.ToUpper(o.Code)
	if o.FirstYear == 0 {
		o.FirstYear = reference.FirstNetworkYear
	}
	if len(o.Groups) == 0 && o.Group != "" {
		o.Groups = []reference.Membership{{FromYear: o.FirstYear, Group: o.Group}}
	}
	if err := s.st.AddOrganisation(c.Request().Context(), changedBy(c), o); err != nil {
		return err
	}
	s.version.Forget()
	return s.answerOrganisation(c, http.StatusCreated, o.Code)
}

// apiOrganisationUpdate is PUT /api/v1/organisations/:code: the fields sent
// replace those stored; last_year and successors change only by /end.
func (s *Server) apiOrganisationUpdate(c echo.Context) error {
	cur, ok := s.ref().Organisation(c.Param("code"))
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.administration_not_found", c.Param("code"))
	}
	next := cur
	if err := decodeJSON(c, &next); err != nil {
		return err
	}
	if next.Code != cur.Code {
		return domain.Errorf(domain.EINVALID, "error.code_never_changes")
	}
	if err := s.st.UpdateOrganisation(c.Request().Context(), changedBy(c), next); err != nil {
		return err
	}
	s.version.Forget()
	return s.answerOrganisation(c, http.StatusOK, cur.Code)
}

// apiOrganisationEnd is POST /api/v1/organisations/:code/end with
// {"last_year": 2024, "successors": ["CODE"]}.
func (s *Server) apiOrganisationEnd(c echo.Context) error {
	var body struct {
		LastYear   int      `json:"last_year"`
		Successors []string `json:"successors"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	code := c.Param("code")
	if err := s.st.EndOrganisation(c.Request().Context(), changedBy(c), code, body.LastYear, body.Successors); err != nil {
		return err
	}
	s.version.Forget()
	return s.answerOrganisation(c, http.StatusOK, code)
}

func (s *Server) answerOrganisation(c echo.Context, status int, code string) error {
	o, _ := s.ref().Organisation(code)
	return c.JSON(status, organisationJSON(o))
}

// apiGroupSave is POST /api/v1/groups (create) and PUT /api/v1/groups/:code
// (rename), with {"code": …, "name": {"nl": …, "fr": …, "en": …}}.
func (s *Server) apiGroupSave(c echo.Context) error {
	var g reference.Group
	if err := decodeJSON(c, &g); err != nil {
		return err
	}
	create := c.Param("code") == ""
	status := http.StatusCreated
	if !create {
		g.Code, status = c.Param("code"), http.StatusOK
	}
	if err := s.st.SaveGroup(c.Request().Context(), changedBy(c), g, create); err != nil {
		return err
	}
	s.version.Forget()
	return c.JSON(status, g)
}

// apiIndicatorDefinition is POST /api/v1/indicators/:code/definitions with
// {"lang": "nl", "from_year": 2025, "text": …}.
func (s *Server) apiIndicatorDefinition(c echo.Context) error {
	var d reference.Definition
	if err := decodeJSON(c, &d); err != nil {
		return err
	}
	code := c.Param("code")
	if err := s.st.SetDefinition(c.Request().Context(), changedBy(c), code, d.Lang, d.FromYear, d.Text); err != nil {
		return err
	}
	s.version.Forget()
	in, _ := s.ref().Indicator(code)
	return c.JSON(http.StatusOK, in)
}

// organisationJSON keeps the lists of an administration as [] rather than
// null in the API.
func organisationJSON(o reference.Organisation) reference.Organisation {
	if o.Abbreviations == nil {
		o.Abbreviations = []string{}
	}
	if o.Successors == nil {
		o.Successors = []reference.Successor{}
	}
	if o.Groups == nil {
		o.Groups = []reference.Membership{}
	}
	return o
}

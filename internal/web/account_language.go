package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// accountPageData is the data of templates/account.html.
type accountPageData struct {
	page
	MailLanguage string
	Saved        bool
}

// accountPage is GET /account: the signed-in account and the language of
// its e-mail.
func (s *Server) accountPage(c echo.Context) error {
	v := viewerOf(c)
	lang, err := s.st.AccountLanguage(c.Request().Context(), v.Account.ID)
	if err != nil {
		return err
	}
	l := s.locale(c)
	return s.render(c, http.StatusOK, "account", accountPageData{page: s.base(c, l, "account", l.T("account.title")),
		MailLanguage: lang, Saved: c.QueryParam("saved") != ""})
}

// accountLanguage is POST /account/language: nl, fr or en.
func (s *Server) accountLanguage(c echo.Context) error {
	v := viewerOf(c)
	lang := c.FormValue("language")
	if err := s.st.SetAccountLanguage(c.Request().Context(), s.actor(c).Entry(), v.Account.ID, lang); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/account?saved=1")
}

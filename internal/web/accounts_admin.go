package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/accounts"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// accountsPage is the data of templates/accounts.html.
type accountsPage struct {
	page
	Accounts []accountRow
	OrgOpts  []option
	Roles    []string
	Created  string // email of the account just created
	Password string // its generated password, shown once
	Message  string // why the form was refused
	// Passwords is false when passwords are switched off: accounts are
	// created without one, and people sign in with FAS.
	Passwords bool
}

type accountRow struct {
	domain.Account
	OrgName string
	Self    bool
	Federal bool // bound to a federal identity
}

// accountsPage is GET /admin/accounts: every account, a form to create one.
func (s *Server) accountsPage(c echo.Context) error {
	return s.renderAccounts(c, http.StatusOK, accountsPage{})
}

func (s *Server) renderAccounts(c echo.Context, status int, p accountsPage) error {
	accts, err := s.st.Accounts(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: accounts: %w", err)
	}
	bound, err := s.st.FederallyBound(c.Request().Context())
	if err != nil {
		return fmt.Errorf("web: accounts: %w", err)
	}
	l := s.locale(c)
	me := viewerOf(c).Account.ID
	p.page = s.base(c, l, "accounts", l.T("accounts.title"))
	p.Roles = []string{auth.RoleAgency, auth.RoleCoordinator, auth.RoleAnalyst}
	p.Passwords = !s.cfg.PasswordLoginOff
	for _, a := range accts {
		row := accountRow{Account: a, Self: a.ID == me, Federal: bound[a.ID]}
		if a.Organisation != "" {
			row.OrgName = s.orgName(a.Organisation, l)
		}
		p.Accounts = append(p.Accounts, row)
	}
	for _, o := range s.ref().Organisations {
		p.OrgOpts = append(p.OrgOpts, option{Value: o.Code, Label: o.Name.In(l.Lang) + " (" + o.Code + ")"})
	}
	return s.render(c, status, "accounts", p)
}

// accountCreate is POST /admin/accounts: email, role, organisation (agencies
// only) and an optional password; without one, a random password is
// generated and shown once.
func (s *Server) accountCreate(c echo.Context) error {
	l := s.locale(c)
	req := accounts.Request{Email: c.FormValue("email"), Role: c.FormValue("role"), Organisation: c.FormValue("organisation"), Password: c.FormValue("password")}
	if s.cfg.PasswordLoginOff && req.Password != "" {
		return s.renderAccounts(c, http.StatusBadRequest, accountsPage{Message: l.T("login.password_off")})
	}
	// With passwords off, the account still gets a random one nobody sees:
	// the column is required, and nothing accepts it.
	a, err := accounts.Create(c.Request().Context(), s.st, s.ref(), s.hashPassword, s.actor(c).Entry(), req)
	if de, ok := errors.AsType[*domain.Error](err); ok && de.Code == domain.EINVALID {
		return s.renderAccounts(c, http.StatusBadRequest, accountsPage{Message: l.Err(de)})
	}
	if err != nil {
		return err
	}
	p := accountsPage{Created: a.Email}
	if a.Generated && !s.cfg.PasswordLoginOff {
		p.Password = a.Password
	}
	return s.renderAccounts(c, http.StatusCreated, p)
}

// hashPassword is auth.HashPassword in the bounded pool of password hashes.
func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	var hash string
	var herr error
	if err := s.hashes.Run(ctx, func() { hash, herr = auth.HashPassword(password) }); err != nil {
		return "", err
	}
	return hash, herr
}

// accountDisable is POST /admin/accounts/:id/disable: its sessions and
// tokens stop working at once. A coordinator cannot lock themself out.
func (s *Server) accountDisable(c echo.Context) error { return s.setDisabled(c, true) }

// accountEnable is POST /admin/accounts/:id/enable.
func (s *Server) accountEnable(c echo.Context) error { return s.setDisabled(c, false) }

func (s *Server) setDisabled(c echo.Context, disabled bool) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if id == viewerOf(c).Account.ID && disabled {
		return domain.Errorf(domain.ECONFLICT, "error.disable_own_account")
	}
	if err := s.st.SetAccountDisabled(c.Request().Context(), s.actor(c).Entry(), id, disabled); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/accounts")
}

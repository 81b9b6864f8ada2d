package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/textrules"
)

// minPasswordLength applies to passwords given on standard input.
const minPasswordLength = 12

// runUser manages accounts: `user add`.
func runUser(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("user", e, "cli.usage.user")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	email := fs.String("email", "", "cli.flag.user.email")
	role := fs.String("role", "", "cli.flag.user.role")
	org := fs.String("org", "", "cli.flag.user.org")
	if _, err := parseAction(fs, e, args, "add"); err != nil {
		return err
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	*org = strings.ToUpper(*org)
	if err := textrules.EmailAddress(*email); err != nil {
		return err
	}
	switch {
	case !auth.ValidRole(*role):
		return domain.Errorf(domain.EINVALID, "error.cli.role", *role)
	case *role == auth.RoleAgency && *org == "":
		return domain.Errorf(domain.EINVALID, "error.cli.agency_org")
	case *role != auth.RoleAgency && *org != "":
		return domain.Errorf(domain.EINVALID, "error.cli.org_agency_only")
	}
	password, generated, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	if cl != nil {
		var acc domain.Account
		if err := cl.JSON(ctx, http.MethodPost, "/api/v1/accounts", nil, map[string]string{"email": *email, "role": *role, "organisation": *org, "password": password}, &acc); err != nil {
			return err
		}
		printUserAdded(e, acc, password, generated)
		return nil
	}
	st, err := openStore(ctx, *db)
	if dbInUse(err) {
		// DuckDB refuses a second process: while `infocentre serve` holds
		// the database, accounts are managed through the running server.
		return domain.Errorf(domain.ECONFLICT, "error.cli.accounts_while_serving")
	}
	if err != nil {
		return err
	}
	defer st.Close()
	if *org != "" {
		if _, ok := st.Reference().Organisation(*org); !ok {
			return domain.Errorf(domain.EINVALID, "error.cli.user_org_unknown", *org)
		}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	acc, err := st.CreateAccount(ctx, cliActor(), store.NewAccount{Email: *email, Role: *role, Organisation: *org, PasswordHash: hash})
	if err != nil {
		return err
	}
	printUserAdded(e, acc, password, generated)
	return nil
}

func printUserAdded(e env, acc domain.Account, password string, generated bool) {
	fmt.Fprintln(e.stdout, e.p.T("cli.user.created", acc.ID, acc.Email, roleOf(acc)))
	if generated {
		fmt.Fprintln(e.stdout, e.p.T("cli.user.password", password))
	}
}

// readPassword takes the first line of standard input, or generates a
// password when standard input is a terminal or empty.
func readPassword(stdin io.Reader) (password string, generated bool, err error) {
	if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			stdin = strings.NewReader("")
		}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, fmt.Errorf("read password: %w", err)
	}
	password = strings.TrimRight(line, "\r\n")
	if password == "" {
		password, err = auth.NewSecret()
		return password, true, err
	}
	if len(password) < minPasswordLength {
		return "", false, domain.Errorf(domain.EINVALID, "error.cli.password_short", minPasswordLength)
	}
	return password, false, nil
}

// runToken manages API tokens: `token create`, `token revoke`.
func runToken(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("token", e, "cli.usage.token")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	email := fs.String("email", "", "cli.flag.token.email")
	prefix := fs.String("prefix", "", "cli.flag.token.prefix")
	action, err := parseAction(fs, e, args, "create", "revoke")
	if err != nil {
		return err
	}
	if *email == "" {
		fs.Usage()
		return errUsage
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil {
		return remoteToken(ctx, e, cl, action, *email, *prefix)
	}
	st, err := openStore(ctx, *db)
	if dbInUse(err) {
		return domain.Errorf(domain.ECONFLICT, "error.cli.tokens_while_serving")
	}
	if err != nil {
		return err
	}
	defer st.Close()
	acc, _, err := st.AccountByEmail(ctx, *email)
	if err != nil {
		return err
	}
	if action == "revoke" {
		n, err := st.RevokeTokens(ctx, cliActor(), acc, *prefix)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, e.p.N("cli.token.revoked", int(n), n, acc.Email))
		return nil
	}
	secret, err := auth.NewSecret()
	if err != nil {
		return err
	}
	token := auth.TokenPrefix + secret
	shown := token[:len(auth.TokenPrefix)+8]
	id, err := st.CreateToken(ctx, cliActor(), acc, auth.HashSecret(token), shown)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.token.created", id, acc.Email, roleOf(acc), shown))
	fmt.Fprintln(e.stdout, token)
	return nil
}

// remoteToken is `token create|revoke --server`.
func remoteToken(ctx context.Context, e env, cl *apiclient.Client, action, email, prefix string) error {
	if action == "revoke" {
		var ans struct {
			Email   string `json:"email"`
			Revoked int    `json:"revoked"`
		}
		q := url.Values{}
		if prefix != "" {
			q.Set("prefix", prefix)
		}
		if err := cl.JSON(ctx, http.MethodDelete, "/api/v1/accounts/"+pathEscape(email)+"/tokens", q, nil, &ans); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, e.p.N("cli.token.revoked", ans.Revoked, ans.Revoked, ans.Email))
		return nil
	}
	var ans struct {
		ID     int64  `json:"id"`
		Token  string `json:"token"`
		Prefix string `json:"prefix"`
		domain.Account
	}
	if err := cl.JSON(ctx, http.MethodPost, "/api/v1/tokens", nil, map[string]string{"email": email}, &ans); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.token.created", ans.ID, ans.Email, roleOf(ans.Account), ans.Prefix))
	fmt.Fprintln(e.stdout, ans.Token)
	return nil
}

// roleOf is an account's role, with its administration when it has one:
// "agency FIN", "coordinator".
func roleOf(acc domain.Account) string {
	return strings.TrimSpace(acc.Role + " " + acc.Organisation)
}

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

	"github.com/fcmn/infocentre/internal/accounts"
	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

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
	password, err := readPassword(e.stdin)
	if err != nil {
		return err
	}
	req := accounts.Request{Email: *email, Role: *role, Organisation: *org, Password: password}
	if cl != nil {
		var ans struct {
			domain.Account
			Password string `json:"password"`
		}
		body := map[string]string{"email": req.Email, "role": req.Role, "organisation": req.Organisation, "password": req.Password}
		if err := cl.JSON(ctx, http.MethodPost, "/api/v1/accounts", nil, body, &ans); err != nil {
			return err
		}
		printUserAdded(e, accounts.Created{Account: ans.Account, Password: ans.Password, Generated: ans.Password != ""})
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
	hash := func(_ context.Context, password string) (string, error) { return auth.HashPassword(password) }
	created, err := accounts.Create(ctx, st, st.Reference(), hash, cliActor(), req)
	if err != nil {
		return err
	}
	printUserAdded(e, created)
	return nil
}

func printUserAdded(e env, c accounts.Created) {
	fmt.Fprintln(e.stdout, e.p.T("cli.user.created", c.ID, c.Email, roleOf(c.Account)))
	if c.Generated {
		fmt.Fprintln(e.stdout, e.p.T("cli.user.password", c.Password))
	}
}

// readPassword takes the first line of standard input: empty when standard
// input is a terminal or empty, and then a password is generated.
func readPassword(stdin io.Reader) (string, error) {
	if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return "", nil
		}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
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
	token, err := accounts.MintToken(ctx, st, cliActor(), acc)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.token.created", token.ID, acc.Email, roleOf(acc), token.Prefix))
	fmt.Fprintln(e.stdout, token.Secret)
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

package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
)

// TestAccountPasswordInCharacters: the account form and the API count a
// password in characters, as `infocentre user add` does
// (TestUserPasswordInCharacters in cmd/infocentre), and refuse an
// administration for an account that is not an agency's.
func TestAccountPasswordInCharacters(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	for i, c := range []struct {
		name, password, role, org string
		want                      int
	}{
		{"12 characters, 24 bytes", strings.Repeat("é", 12), auth.RoleAnalyst, "", http.StatusCreated},
		{"11 characters, 22 bytes", strings.Repeat("é", 11), auth.RoleAnalyst, "", http.StatusBadRequest},
		{"coordinator of an administration", "", auth.RoleCoordinator, "FIN", http.StatusBadRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			form := url.Values{"email": {fmt.Sprintf("form%d@example.be", i)}, "role": {c.role}, "organisation": {c.org}, "password": {c.password}}
			if rec := coord.do(t, h, request{method: http.MethodPost, target: "/admin/accounts", form: form}); rec.Code != c.want {
				t.Errorf("form: status %d, want %d", rec.Code, c.want)
			}
			body := fmt.Sprintf(`{"email":"api%d@example.be","role":%q,"organisation":%q,"password":%q}`, i, c.role, c.org, c.password)
			if rec := coord.do(t, h, request{method: http.MethodPost, target: "/api/v1/accounts", json: body}); rec.Code != c.want {
				t.Errorf("API: status %d, want %d: %s", rec.Code, c.want, rec.Body)
			}
		})
	}
}

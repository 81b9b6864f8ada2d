package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// formPost is a POST of the online form of year with its action and values.
func formPost(year int, action string, values map[string]string) request {
	form := url.Values{"year": {fmt.Sprint(year)}, "action": {action}}
	for k, v := range values {
		form.Set(k, v)
	}
	return request{method: http.MethodPost, target: "/submissions/form?lang=en", form: form}
}

// inputOf returns the <input> tag of a field of a page.
func inputOf(t *testing.T, body, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<input id="` + regexp.QuoteMeta(name) + `"[^>]*>`).FindString(body)
	if m == "" {
		t.Fatalf("no input %s on the page", name)
	}
	return m
}

// messageOf returns the text of the messages tied to a field, "" if none.
func messageOf(body, name string) string {
	return between(body, `<div class="field-messages" id="msg-`+name+`">`, `</div>`)
}

// TestEntryFormProblemsAtTheirFields: invalid numbers, a consistency rule
// and an outlier are each shown at the field they concern (aria-invalid
// for errors, the message first in aria-describedby), listed in the
// summary with a link to the field; nothing is stored.
func TestEntryFormProblemsAtTheirFields(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))

	rec := agency.do(t, h, request{method: http.MethodGet, target: "/submissions/form?year=2025&lang=en"})
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("form: %d\n%s", rec.Code, body)
	}
	for _, want := range []string{
		`<legend>Complaints received</legend>`, `<label for="v-received">Complaints received</label>`,
		`<legend>Complaints by channel</legend>`, `<label for="v-by_channel-email">E-mail</label>`,
		`<span class="previous" id="prev-v-received">Last year (2024): 1,200</span>`,
		`<p class="definition" id="def-received">Complaints registered in the year, each with a unique number.</p>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if in := inputOf(t, body, "v-received"); !strings.Contains(in, `aria-describedby="def-received unit-v-received prev-v-received"`) || strings.Contains(in, "aria-invalid") {
		t.Errorf("an untouched field: %s", in)
	}
	if strings.Contains(body, "autofocus") {
		t.Error("a form without problems takes the focus")
	}

	for _, tc := range []struct {
		name     string
		values   map[string]string
		status   int
		field    string // where the message is
		message  string
		invalid  bool
		focusing string // the element that takes the focus
	}{
		{"letters", map[string]string{"v-received": "twelve"}, 422, "v-received", "This is not a number", true, `<input id="v-received"`},
		{"negative", map[string]string{"v-received": "10", "v-admissible": "-3"}, 422, "v-admissible", "cannot be negative", true, `<input id="v-admissible"`},
		{"decimals in a count", map[string]string{"v-closed": "2.5"}, 422, "v-closed", "type a whole number", true, `<input id="v-closed"`},
		{"breakdown not adding up", map[string]string{"v-received": "10", "v-by_channel-email": "4", "v-by_channel-letter": "5"}, 422,
			"v-by_channel-email", "the parts of by_channel add up to received", true, `<input id="v-by_channel-email"`},
		{"outlier", map[string]string{"v-received": "5000"}, 200, "v-received", "large change on the previous year (earlier years: 2022: 1,000 · 2023: 1,100 · 2024: 1,200)", false, `<h2 id="form-warnings-title" tabindex="-1" autofocus>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := agency.do(t, h, formPost(2025, "check", tc.values))
			body := rec.Body.String()
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, tc.status, body)
			}
			if msg := messageOf(body, tc.field); !strings.Contains(msg, tc.message) {
				t.Errorf("message at %s: %q, want %q", tc.field, msg, tc.message)
			}
			in := inputOf(t, body, tc.field)
			if !strings.Contains(in, `aria-describedby="msg-`+tc.field+` `) || strings.Contains(in, `aria-invalid="true"`) != tc.invalid {
				t.Errorf("the field is not tied to its message: %s", in)
			}
			if !strings.Contains(body, `<a href="#`+tc.field+`">`) {
				t.Errorf("the summary does not link to %s", tc.field)
			}
			if focus := regexp.MustCompile(`<[^>]*autofocus[^>]*>`).FindAllString(body, -1); len(focus) != 1 || !strings.HasPrefix(focus[0], tc.focusing) {
				t.Errorf("focused: %v, want %s", focus, tc.focusing)
			}
			for name, v := range tc.values {
				if !strings.Contains(inputOf(t, body, name), `value="`+v+`"`) {
					t.Errorf("the value typed in %s is lost", name)
				}
			}
		})
	}
	if rec := agency.do(t, h, formPost(2025, "preview", map[string]string{"v-received": "-1"})); rec.Code != 422 || strings.Contains(rec.Body.String(), `id="confirm"`) {
		t.Errorf("a form with errors was previewed: %d", rec.Code)
	}
	if rec := agency.do(t, h, formPost(2025, "check", nil)); rec.Code != 422 || !strings.Contains(rec.Body.String(), "The form: No value was filled in") {
		t.Errorf("an empty form: %d\n%s", rec.Code, rec.Body.String())
	}
	if subs := submittedOf(t, st, "FIN"); len(subs) != 0 {
		t.Errorf("checking stored %+v", subs)
	}
}

// TestEntryFormDraftsAndOrigin: a draft is kept per account and resumed;
// another account, and a post without the CSRF token, neither see nor
// change it; the form ends in the upload's preview and confirmation, the
// submission is of kind form on its page and in the review, and the draft
// is gone.
func TestEntryFormDraftsAndOrigin(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	colleague := signIn(t, st, newAccount(t, st, "colleague@fin.example", auth.RoleAgency, "FIN", false))
	coord := signIn(t, st, newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false))
	form := "/submissions/form?year=2025&lang=en"

	rec := agency.do(t, h, formPost(2025, "draft", map[string]string{"v-received": "1150", "v-admissible": "lots"}))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/submissions/form?saved=1&year=2025" {
		t.Fatalf("draft: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	body := agency.do(t, h, request{method: http.MethodGet, target: form}).Body.String()
	if !strings.Contains(inputOf(t, body, "v-received"), `value="1150"`) || !strings.Contains(inputOf(t, body, "v-admissible"), `value="lots"`) ||
		!strings.Contains(body, `id="form-status">These are the values of your draft`) {
		t.Errorf("the draft is not resumed:\n%s", body)
	}
	if body := colleague.do(t, h, request{method: http.MethodGet, target: form}).Body.String(); strings.Contains(body, "1150") {
		t.Error("another account of the same administration sees the draft")
	}
	if body := coord.do(t, h, request{method: http.MethodGet, target: form + "&org=FIN"}).Body.String(); strings.Contains(body, "1150") {
		t.Error("the coordinator sees an agency's draft")
	}
	if rec := coord.do(t, h, request{method: http.MethodGet, target: form}); rec.Code != http.StatusBadRequest {
		t.Errorf("a coordinator's form without an administration: %d", rec.Code)
	}
	forged := formPost(2025, "draft", map[string]string{"v-received": "9"})
	forged.noCSRF = true
	if rec := agency.do(t, h, forged); rec.Code != http.StatusForbidden {
		t.Errorf("a draft without the CSRF token: %d", rec.Code)
	}
	if body := agency.do(t, h, request{method: http.MethodGet, target: form}).Body.String(); !strings.Contains(inputOf(t, body, "v-received"), `value="1150"`) {
		t.Error("a post without the CSRF token changed the draft")
	}

	values := map[string]string{"v-received": "1150", "v-admissible": "1000", "v-inadmissible": "150",
		"v-by_channel-email": "600", "v-by_channel-letter": "550"}
	rec = agency.do(t, h, formPost(2025, "preview", values))
	body = rec.Body.String()
	id := between(body, `name="id" value="`, `"`)
	if rec.Code != http.StatusOK || id == "" || !strings.Contains(body, `<dd id="preview-file">form-FIN-2025.csv</dd>`) {
		t.Fatalf("preview: %d\n%s", rec.Code, body)
	}
	if rec := agency.do(t, h, request{method: http.MethodPost, target: "/submissions/confirm", form: url.Values{"id": {id}}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", rec.Code)
	}
	subs := submittedOf(t, st, "FIN")
	if len(subs) != 1 || subs[0].Kind != domain.KindForm || subs[0].Year != 2025 {
		t.Fatalf("submitted: %+v, want one of kind form", subs)
	}
	_, obs, err := st.Submission(context.Background(), subs[0].ID)
	if err != nil || len(obs) != len(values) {
		t.Errorf("the submission holds %v (%v), want the %d values typed", obs, err, len(values))
	}
	page := coord.do(t, h, request{method: http.MethodGet, target: fmt.Sprintf("/submissions/%d?lang=en", subs[0].ID)}).Body.String()
	if !strings.Contains(page, `<dd id="submission-kind" data-kind="form">Online form</dd>`) {
		t.Error("the submission's page does not say it came from the form")
	}
	review := coord.do(t, h, request{method: http.MethodGet, target: "/review?lang=en"}).Body.String()
	if !strings.Contains(review, `<td class="kind">Online form</td><td>form-FIN-2025.csv</td>`) {
		t.Error("the review does not say the submission came from the form")
	}
	if _, ok, err := st.FormDraft(context.Background(), agency.acct.ID, "FIN", 2025); ok || err != nil {
		t.Errorf("the draft outlived the submission (%v)", err)
	}
}

// TestUploadPageOffersThreeWays: the upload page explains the file, the
// year's template and the online form, with their links, in every language.
func TestUploadPageOffersThreeWays(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	agency := signIn(t, st, newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false))
	year := srv.clock.Now().Year() - 1
	for lang, want := range map[string][]string{
		"nl": {"Een bestand uit uw eigen toepassing", "Het sjabloon van het jaar", "Het onlineformulier"},
		"fr": {"Un fichier de votre propre outil", "Le modèle de l&#39;année", "Le formulaire en ligne"},
		"en": {"A file from your own tool", "The year&#39;s template", "The online form"},
	} {
		body := agency.do(t, h, request{method: http.MethodGet, target: "/submissions/new?lang=" + lang}).Body.String()
		want = append(want, fmt.Sprintf(`href="/submissions/template.xlsx?year=%d&amp;lang=%s"`, year, lang),
			fmt.Sprintf(`href="/submissions/form?year=%d"`, year), `action="/submissions/preview"`)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the upload page lacks %s", lang, w)
			}
		}
	}
}

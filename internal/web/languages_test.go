package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// pageEnglish are words of English sentences that must not appear in a page
// or workbook rendered in Dutch or French (codes such as "received" may);
// "download" is Dutch too, so only French pages are checked for it.
var pageEnglish = map[string][]string{"nl": sentenceEnglish, "fr": append([]string{"download"}, sentenceEnglish...)}

var sentenceEnglish = append([]string{" the ", " and ", " with ", " of the ", " your ", "sign out", "submitted", "approved",
	"previous year", "network median", "administrations reported", "no data"}, englishWords...)

var (
	scriptOrStyle = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
	// English on purpose: a text marked as such (the English version of a
	// definition beside the Dutch and French ones).
	markedEnglish = regexp.MustCompile(`(?s)<td[^>]*\blang="en"[^>]*>.*?</td>`)
	tag           = regexp.MustCompile(`(?s)<[^>]*>`)
)

// visibleText is what a reader sees of a page: no markup, scripts or styles,
// entities decoded, lowercase, spaces collapsed.
func visibleText(page string) string {
	s := tag.ReplaceAllString(markedEnglish.ReplaceAllString(scriptOrStyle.ReplaceAllString(page, " "), " "), " ")
	return " " + strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(s)), " ")) + " "
}

// TestEveryPageInDutchAndFrench renders every page and workbook a person
// reads, as the visitor, the agency and the coordinator each see them, in
// Dutch and in French, and the e-mails of a round to accounts that read
// Dutch or French, and fails on English left in them.
func TestEveryPageInDutchAndFrench(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	coordAcct := newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false)
	agencyAcct := newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", false)
	deadline := time.Now().AddDate(0, 0, 30)
	if err := st.OpenRound(ctx, fixture, domain.Round{Year: 2025, Deadline: deadline, MessageNL: "Graag tijdig.", MessageFR: "Merci d'avance.",
		OpenedBy: coordAcct.Email, OpenedAt: time.Now(), Organisations: []string{"FIN", "JUST"}}); err != nil {
		t.Fatal(err)
	}
	rec := withToken(t, st, agencyAcct).do(t, h, request{method: "POST", target: "/api/v1/submissions", file: longCSV(consistentObservations("FIN", 2025, 1250))})
	if rec.Code != 201 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	var sub struct {
		ID int64 `json:"id"`
	}
	decode(t, rec.Body.String(), &sub)
	coord, agency, visitor := signIn(t, st, coordAcct), signIn(t, st, agencyAcct), anonymous()
	checkMails(t, srv, st, h, sub.ID, coord, agency)
	pages := []struct {
		who    *user
		target string
	}{
		{visitor, "/?year=2024"}, {visitor, "/compare?indicator=received&year=2024"}, {visitor, "/trends?indicator=received"},
		{visitor, "/organisations/FIN"}, {visitor, "/extract"}, {visitor, "/reports/network?year=2024"},
		{visitor, "/reports/organisations/FIN?year=2024"}, {visitor, "/criteria?year=2024"}, {visitor, "/login"}, {visitor, "/accessibility"},
		{visitor, "/scorecard?year=2024"},
		{agency, "/submissions"}, {agency, "/submissions/new"}, {agency, "/submissions/" + itoa(sub.ID)}, {agency, "/registers/new"},
		{agency, "/account"}, {agency, "/account/tokens"}, {agency, "/criteria/assessment?year=2024"},
		{coord, "/review"}, {coord, "/review/completeness?from=2022&to=2025"}, {coord, "/admin/accounts"}, {coord, "/admin/audit"},
		{coord, "/admin/organisations"}, {coord, "/admin/organisations/FIN"}, {coord, "/admin/groups"}, {coord, "/admin/indicators"},
		{coord, "/rounds"}, {coord, "/rounds/2025"}, {coord, "/admin/outbox"}, {coord, "/criteria/review"}, {coord, "/criteria/mystery"},
		{coord, "/admin/fair"}, {visitor, "/compare?indicator=closed_on_time_share&year=2024"}, {visitor, "/compare?indicator=complaints_per_1000&year=2024"},
	}
	workbooks := []struct {
		who    *user
		target string
	}{
		{visitor, "/extract.xlsx?years=2024"}, {visitor, "/reports/network.xlsx?year=2024"}, {visitor, "/criteria.xlsx?year=2024"},
		{coord, "/review/completeness.xlsx?from=2022&to=2025"},
	}
	for _, lang := range []string{"nl", "fr"} {
		for _, p := range pages {
			rec := p.who.do(t, h, request{method: "GET", target: p.target + sep(p.target) + "lang=" + lang})
			if rec.Code != 200 {
				t.Errorf("%s %s: status %d", lang, p.target, rec.Code)
				continue
			}
			checkNoEnglish(t, lang, p.target, visibleText(rec.Body.String()))
		}
		for _, w := range workbooks {
			rec := w.who.do(t, h, request{method: "GET", target: w.target + sep(w.target) + "lang=" + lang})
			if rec.Code != 200 {
				t.Errorf("%s %s: status %d", lang, w.target, rec.Code)
				continue
			}
			checkNoEnglish(t, lang, w.target, workbookText(t, rec.Body.Bytes()))
		}
	}
}

func sep(target string) string {
	if strings.Contains(target, "?") {
		return "&"
	}
	return "?"
}

// workbookText is every sheet name and cell of a workbook, lowercase.
func workbookText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		b.WriteString(" " + sheet + " ")
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				b.WriteString(" " + cell + " ")
			}
		}
	}
	return " " + strings.ToLower(strings.Join(strings.Fields(b.String()), " ")) + " "
}

func checkNoEnglish(t *testing.T, lang, what, text string) {
	t.Helper()
	for _, w := range pageEnglish[lang] {
		if i := strings.Index(text, w); i >= 0 {
			t.Errorf("%s %s holds English %q: …%s…", lang, what, w, text[max(0, i-80):min(len(text), i+80)])
		}
	}
}

// checkMails has the round's opening mail planned, a question asked and
// answered on a value of submission id and the submission returned, for
// accounts reading Dutch and French, then checks every message.
func checkMails(t *testing.T, srv *Server, st *store.Store, h http.Handler, id int64, coord, agency *user) {
	t.Helper()
	ctx := context.Background()
	second := newAccount(t, st, "agency-fr@fin.example", auth.RoleAgency, "FIN", false)
	for acct, lang := range map[int64]string{agency.acct.ID: "nl", second.ID: "fr", coord.acct.ID: "fr"} {
		if err := st.SetAccountLanguage(ctx, fixture, acct, lang); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.mailer.Tick(ctx); err != nil {
		t.Fatal(err)
	}
	postNotes(t, h, id, noteStep{coord, "Pourquoi ?"}, noteStep{agency, "Een nieuw loket."})
	if rec := coord.do(t, h, request{method: "POST", target: "/submissions/" + itoa(id) + "/return", form: url.Values{"comment": {"Zie de vraag."}}}); rec.Code != 303 {
		t.Fatalf("return: %d %s", rec.Code, rec.Body)
	}
	msgs, err := st.Outbox(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, m := range msgs {
		kinds[m.Kind+" "+m.Language] = true
		what := "mail " + m.Kind + " to " + m.Recipient
		checkNoEnglish(t, m.Language, what, visibleText(m.Subject+"\n"+m.Text))
		checkNoEnglish(t, m.Language, what+" (HTML)", visibleText(m.HTML))
	}
	for _, want := range []string{"round_open nl", "round_open fr", "question nl", "question fr", "answer fr", "returned nl"} {
		if !kinds[want] {
			t.Errorf("no %s message among %v", want, kinds)
		}
	}
}

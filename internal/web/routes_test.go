package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	accountrules "github.com/fcmn/infocentre/internal/accounts"
	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// roles of the route table, in the order requests are made.
var tableRoles = []string{"anonymous", auth.RoleAgency, auth.RoleAnalyst, auth.RoleCoordinator}

// TestRouteRoles walks every route of the server × every role and checks
// the status. A route missing from the table fails the test, so a new route
// must say who may use it. Requests carry a valid CSRF token, so that what
// is tested is the role check (TestCSRF tests the token).
func TestRouteRoles(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	accounts := map[string]domain.Account{
		auth.RoleAgency:      newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", false),
		auth.RoleAnalyst:     newAccount(t, st, "analyst@example.be", auth.RoleAnalyst, "", false),
		auth.RoleCoordinator: newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", false),
	}
	// Submissions waiting for review (to approve and return from the pages
	// and from the API) and one account to disable and enable.
	waiting := make([]int64, 4)
	for i := range waiting {
		res, err := st.Import(ctx, store.ImportRequest{FileName: fmt.Sprintf("w%d.csv", i), SHA256: fmt.Sprintf("w%d", i),
			Source: "agency@just.example", Kind: domain.KindFile, Status: domain.StatusSubmitted,
			Observations: consistentObservations("JUST", 2024-i, 400)})
		if err != nil {
			t.Fatal(err)
		}
		waiting[i] = res.Created[0].ID
	}
	target := newAccount(t, st, "target@example.be", auth.RoleAnalyst, "", false)
	// Bound to a federal identity: only the coordinator may unbind it.
	if _, err := st.FederalSignIn(ctx, fixture, store.FederalIdentity{Subject: "fas-target", Email: target.Email, EmailVerified: true}); err != nil {
		t.Fatal(err)
	}
	// Two tokens of another account: only the coordinator may revoke them.
	pageToken, apiToken := withToken(t, st, target).token[:accountrules.ShownLength], withToken(t, st, target).token[:accountrules.ShownLength]
	// An account whose tokens the coordinator revokes by its email.
	revokee := withToken(t, st, newAccount(t, st, "revokee@example.be", auth.RoleAnalyst, "", false)).acct.Email
	file := longCSV(consistentObservations("JUST", 2021, 250))
	// The agency submits it, the coordinator's identical upload is unchanged.
	register := registerCSV("JUST", 2014, 20)
	approveID, returnID, apiApproveID, apiReturnID := waiting[0], waiting[1], waiting[2], waiting[3]
	assessments := submittedAssessments(t, st, accounts[auth.RoleAgency], 2019, 2018)
	validateAssessment, returnAssessment := assessments[0], assessments[1]
	id := func(n int64) string { return fmt.Sprint(n) }
	if err := st.OpenRound(ctx, fixture, domain.Round{Year: 2031, Deadline: time.Date(2032, 3, 31, 0, 0, 0, 0, time.UTC), ReminderDays: []int{14},
		ChangeThreshold: 0.5, ZThreshold: 3.5, OpenedBy: "coord@example.be", OpenedAt: time.Now(), Organisations: []string{"JUST"}}); err != nil {
		t.Fatal(err)
	}

	// A message the mail server refused for good: only the coordinator may
	// send it again.
	failed := failedMessage(t, st, "agency@just.example")

	type entry struct {
		target string
		req    request
		want   [4]int // anonymous, agency, analyst, coordinator
	}
	public := [4]int{200, 200, 200, 200}
	page := func(agency, analyst, coordinator int) [4]int { return [4]int{303, agency, analyst, coordinator} }
	post := func(agency, analyst, coordinator int) [4]int { return [4]int{401, agency, analyst, coordinator} }
	table := map[string]entry{
		"GET /":                                     {"/", request{}, public},
		"GET /compare":                              {"/compare", request{}, public},
		"GET /trends":                               {"/trends", request{}, public},
		"GET /organisations/:code":                  {"/organisations/FIN", request{}, public},
		"GET /extract":                              {"/extract", request{}, public},
		"GET /accessibility":                        {"/accessibility", request{}, public},
		"GET /extract.csv":                          {"/extract.csv", request{}, public},
		"GET /extract.xlsx":                         {"/extract.xlsx", request{}, public},
		"GET /reports/network":                      {"/reports/network", request{}, public},
		"GET /reports/network.pdf":                  {"/reports/network.pdf", request{}, [4]int{503, 503, 503, 503}}, // no browser in this test
		"GET /reports/network.xlsx":                 {"/reports/network.xlsx", request{}, public},
		"GET /reports/organisations/:code":          {"/reports/organisations/FIN", request{}, public},
		"GET /open-data/catalog.jsonld":             {"/open-data/catalog.jsonld", request{}, public},
		"GET /open-data/observations.csv":           {"/open-data/observations.csv", request{}, public},
		"GET /open-data/observations.parquet":       {"/open-data/observations.parquet", request{}, public},
		"GET /api/v1/observations":                  {"/api/v1/observations", request{}, public},
		"GET /api/v1/indicators":                    {"/api/v1/indicators", request{}, public},
		"GET /api/v1/organisations":                 {"/api/v1/organisations", request{}, public},
		"GET /api/v1/rates":                         {"/api/v1/rates?rate=founded_share", request{}, public},
		"GET /scorecard":                            {"/scorecard", request{}, public},
		"GET /scorecard.xlsx":                       {"/scorecard.xlsx", request{}, public},
		"GET /api/v1/fair":                          {"/api/v1/fair", request{}, public},
		"GET /api/v1/openapi.json":                  {"/api/v1/openapi.json", request{}, public},
		"GET /api":                                  {"/api", request{}, public},
		"GET /admin/fair":                           {"/admin/fair", request{}, page(403, 403, 200)},
		"POST /admin/fair/thresholds":               {"/admin/fair/thresholds", request{form: url.Values{"small_n": {"10"}, "volume_medium": {"10000"}, "volume_large": {"100000"}, "received_medium": {"50"}, "received_large": {"500"}}}, post(403, 403, 303)},
		"POST /admin/fair/targets":                  {"/admin/fair/targets", request{form: url.Values{"rate": {"founded_share"}, "direction": {"at_most"}, "value": {"30"}, "margin": {"5"}}}, post(403, 403, 303)},
		"POST /admin/fair/targets/delete":           {"/admin/fair/targets/delete", request{form: url.Values{"rate": {"ack_on_time_share"}, "year": {"0"}}}, post(403, 403, 303)},
		"POST /admin/fair/organisations/:code":      {"/admin/fair/organisations/FIN", request{form: url.Values{"unit": {"files"}, "ack_days": {"5"}, "answer_days": {"15"}, "working_days": {"1"}}}, post(403, 403, 303)},
		"PUT /api/v1/fair/thresholds":               {"/api/v1/fair/thresholds", request{json: `{"small_n":10,"band_activity_volume":{"medium":10000,"large":100000},"band_received":{"medium":50,"large":500}}`}, post(403, 403, 200)},
		"PUT /api/v1/fair/targets/:rate":            {"/api/v1/fair/targets/admissible_share", request{json: `{"year":0,"direction":"at_least","value":60,"margin":5}`}, post(403, 403, 200)},
		"DELETE /api/v1/fair/targets/:rate/:year":   {"/api/v1/fair/targets/closed_on_time_share/0", request{}, post(403, 403, 200)},
		"PUT /api/v1/fair/organisations/:code/unit": {"/api/v1/fair/organisations/JUST/unit", request{json: `{"activity_unit":"decisions"}`}, post(403, 403, 200)},
		"PUT /api/v1/fair/organisations/:code":      {"/api/v1/fair/organisations/JUST", request{json: `{"activity_unit":"decisions","ack_days":10,"answer_days":40}`}, post(403, 403, 200)},
		"GET /healthz":                              {"/healthz", request{}, public},
		"GET /assets/*":                             {"/assets/style.css", request{}, public},
		"GET /login":                                {"/login", request{}, [4]int{200, 303, 303, 303}},
		"POST /login":                               {"/login", request{form: url.Values{"email": {"x@example.be"}, "password": {"wrong"}}}, [4]int{401, 403, 403, 403}}, // signed in: the session's token is not the login form's
		"POST /logout":                              {"/logout", request{}, post(303, 303, 303)},
		"GET /submissions":                          {"/submissions", request{}, page(200, 403, 200)},
		"GET /submissions/new":                      {"/submissions/new", request{}, page(200, 403, 200)},
		"GET /submissions/template.xlsx":            {"/submissions/template.xlsx?year=2024&org=JUST", request{}, page(200, 403, 200)},
		"POST /submissions/preview":                 {"/submissions/preview", request{file: file}, post(200, 403, 200)},
		"POST /submissions/confirm":                 {"/submissions/confirm", request{form: url.Values{"id": {"unknown"}}}, post(404, 403, 404)},
		"POST /submissions/cancel":                  {"/submissions/cancel", request{form: url.Values{"id": {"unknown"}}}, post(303, 403, 303)},
		"GET /submissions/form":                     {"/submissions/form?year=2025&org=JUST", request{}, page(200, 403, 200)},
		"POST /submissions/form":                    {"/submissions/form", request{form: url.Values{"year": {"2025"}, "org": {"JUST"}, "action": {"check"}, "v-received": {"10"}}}, post(200, 403, 200)},
		"GET /submissions/:id":                      {"/submissions/" + id(approveID), request{}, page(200, 403, 200)},
		"POST /submissions/:id/approve":             {"/submissions/" + id(approveID) + "/approve", request{}, post(403, 403, 303)},
		"POST /submissions/:id/return":              {"/submissions/" + id(returnID) + "/return", request{form: url.Values{"comment": {"Totals do not add up."}}}, post(403, 403, 303)},
		"GET /registers/new":                        {"/registers/new", request{}, page(200, 403, 200)},
		"POST /registers":                           {"/registers", request{file: register}, post(200, 403, 200)},
		"POST /api/v1/registers":                    {"/api/v1/registers", request{file: register, form: url.Values{"dry_run": {"true"}}}, post(200, 403, 200)},
		"GET /review":                               {"/review", request{}, page(403, 403, 200)},
		"GET /review/completeness":                  {"/review/completeness", request{}, page(403, 403, 200)},
		"GET /review/completeness.csv":              {"/review/completeness.csv", request{}, page(403, 403, 200)},
		"GET /review/completeness.xlsx":             {"/review/completeness.xlsx", request{}, page(403, 403, 200)},
		"GET /admin/accounts":                       {"/admin/accounts", request{}, page(403, 403, 200)},
		"POST /admin/accounts":                      {"/admin/accounts", request{form: url.Values{"email": {"new@example.be"}, "role": {"analyst"}}}, post(403, 403, 201)},
		"POST /admin/accounts/:id/disable":          {"/admin/accounts/" + id(target.ID) + "/disable", request{}, post(403, 403, 303)},
		"POST /admin/accounts/:id/enable":           {"/admin/accounts/" + id(target.ID) + "/enable", request{}, post(403, 403, 303)},
		"POST /admin/accounts/:id/unbind":           {"/admin/accounts/" + id(target.ID) + "/unbind", request{}, post(403, 403, 303)},
		"POST /api/v1/accounts":                     {"/api/v1/accounts", request{json: `{"email":"api-new@example.be","role":"analyst"}`}, post(403, 403, 201)},
		"DELETE /api/v1/accounts/:email/tokens":     {"/api/v1/accounts/" + revokee + "/tokens", request{}, post(403, 403, 200)},
		"GET /admin/audit":                          {"/admin/audit", request{}, page(403, 403, 200)},
		"GET /api/v1/audit":                         {"/api/v1/audit", request{}, post(403, 403, 200)},
		"GET /api/v1/outbox":                        {"/api/v1/outbox", request{}, post(403, 403, 200)},
		"GET /api/v1/submissions/:id/notes":         {"/api/v1/submissions/" + id(approveID) + "/notes", request{}, post(200, 403, 200)},
		"GET /api/v1/submissions":                   {"/api/v1/submissions", request{}, [4]int{401, 200, 403, 200}},
		"GET /api/v1/template.xlsx":                 {"/api/v1/template.xlsx?year=2024&org=JUST", request{}, [4]int{401, 200, 403, 200}},
		"POST /api/v1/submissions":                  {"/api/v1/submissions", request{file: file, form: url.Values{"dry_run": {"true"}}}, post(200, 403, 200)},
		"POST /api/v1/submissions/:id/approve":      {"/api/v1/submissions/" + id(apiApproveID) + "/approve", request{}, post(403, 403, 200)},
		"POST /api/v1/submissions/:id/return":       {"/api/v1/submissions/" + id(apiReturnID) + "/return", request{json: `{"comment":"again"}`}, post(403, 403, 200)},
		"GET /account/tokens":                       {"/account/tokens", request{}, page(200, 200, 200)},
		"POST /account/tokens":                      {"/account/tokens", request{}, post(201, 201, 201)},
		"POST /account/tokens/:prefix/revoke":       {"/account/tokens/" + pageToken + "/revoke", request{}, post(404, 404, 303)},
		"GET /api/v1/tokens":                        {"/api/v1/tokens", request{}, [4]int{401, 200, 200, 200}},
		"POST /api/v1/tokens":                       {"/api/v1/tokens", request{json: `{}`}, post(201, 201, 201)},
		"DELETE /api/v1/tokens/:prefix":             {"/api/v1/tokens/" + apiToken, request{}, post(404, 404, 200)},
		"GET /criteria":                             {"/criteria", request{}, public},
		"GET /criteria.xlsx":                        {"/criteria.xlsx", request{}, public},
		"GET /criteria/assessment":                  {"/criteria/assessment?year=2024", request{}, page(200, 403, 403)},
		"POST /criteria/assessment":                 {"/criteria/assessment", request{form: url.Values{"year": {"2024"}, "action": {"save"}, "state-1": {"met"}}}, post(303, 403, 403)},
		"GET /criteria/review":                      {"/criteria/review", request{}, page(403, 403, 200)},
		"GET /criteria/review/:id":                  {"/criteria/review/" + id(validateAssessment), request{}, page(403, 403, 200)},
		"POST /criteria/review/:id/validate":        {"/criteria/review/" + id(validateAssessment) + "/validate", request{}, post(403, 403, 303)},
		"POST /criteria/review/:id/return":          {"/criteria/review/" + id(returnAssessment) + "/return", request{form: url.Values{"comment": {"Evidence for 13?"}}}, post(403, 403, 303)},
		"GET /criteria/mystery":                     {"/criteria/mystery", request{}, page(403, 403, 200)},
		"POST /criteria/mystery":                    {"/criteria/mystery", request{form: url.Values{"organisation": {"JUST"}, "sent_on": {"2025-03-02"}, "channel": {"email"}}}, post(403, 403, 303)},
		"GET /rounds":                               {"/rounds", request{}, page(403, 403, 200)},
		"POST /rounds":                              {"/rounds", request{form: url.Values{"year": {"2030"}, "deadline": {"2031-03-31"}}}, post(403, 403, 303)},
		"GET /rounds/:year":                         {"/rounds/2031", request{}, page(403, 403, 200)},
		"POST /api/v1/rounds":                       {"/api/v1/rounds", request{json: `{"year":2032,"deadline":"2033-03-31"}`}, post(403, 403, 201)},
		"GET /api/v1/rounds/:year":                  {"/api/v1/rounds/2031", request{}, [4]int{401, 200, 403, 200}},
		"GET /admin/outbox":                         {"/admin/outbox", request{}, page(403, 403, 200)},
		"POST /admin/outbox/:id/send-again":         {"/admin/outbox/" + id(failed) + "/send-again", request{}, post(403, 403, 303)},
		"GET /account":                              {"/account", request{}, page(200, 200, 200)},
		"POST /account/language":                    {"/account/language", request{form: url.Values{"language": {"fr"}}}, post(303, 303, 303)},
		"POST /submissions/:id/notes":               {"/submissions/" + id(approveID) + "/notes", request{form: url.Values{"indicator": {"received"}, "body": {"Why?"}}}, post(303, 403, 303)},
		"POST /submissions/:id/notes/accept":        {"/submissions/" + id(approveID) + "/notes/accept", request{}, post(403, 403, 303)},
		"GET /admin/organisations":                  {"/admin/organisations", request{}, page(403, 403, 200)},
		"POST /admin/organisations":                 {"/admin/organisations", request{form: url.Values{"code": {"ROUTEA"}, "name_nl": {"Route A NL"}, "name_fr": {"Route A FR"}, "name_en": {"Route A EN"}, "group": {"other"}, "kind": {"public_institution"}, "second_line": {"federal_ombudsman"}}}, post(403, 403, 303)},
		"GET /admin/organisations/:code":            {"/admin/organisations/FIN", request{}, page(403, 403, 200)},
		"POST /admin/organisations/:code":           {"/admin/organisations/FIN", request{form: url.Values{"name_nl": {"FOD Financiën"}, "name_fr": {"SPF Finances"}, "name_en": {"FPS Finance"}, "kind": {"FPS"}, "second_line": {"federal_ombudsman"}}}, post(403, 403, 303)},
		"POST /admin/organisations/:code/end":       {"/admin/organisations/HVW/end", request{form: url.Values{"last_year": {"2030"}}}, post(403, 403, 303)},
		"GET /admin/groups":                         {"/admin/groups", request{}, page(403, 403, 200)},
		"POST /admin/groups":                        {"/admin/groups", request{form: url.Values{"code": {"route_a"}, "name_nl": {"Groep A"}, "name_fr": {"Groupe A"}, "name_en": {"Group A"}}}, post(403, 403, 303)},
		"POST /admin/groups/:code":                  {"/admin/groups/other", request{form: url.Values{"name_nl": {"Andere openbare instellingen"}, "name_fr": {"Autres institutions publiques"}, "name_en": {"Other public institutions"}}}, post(403, 403, 303)},
		"GET /admin/indicators":                     {"/admin/indicators", request{}, page(403, 403, 200)},
		"POST /admin/indicators/:code":              {"/admin/indicators/received", request{form: url.Values{"label_nl": {"Ontvangen klachten"}, "label_fr": {"Plaintes reçues"}, "label_en": {"Complaints received"}, "unit": {"count"}}}, post(403, 403, 303)},
		"POST /admin/indicators/:code/definition":   {"/admin/indicators/received/definition", request{form: url.Values{"lang": {"nl"}, "from": {"2030"}, "text": {"Een latere definitie."}}}, post(403, 403, 303)},
		"POST /api/v1/organisations":                {"/api/v1/organisations", request{json: `{"code":"ROUTEB","name":{"nl":"Route B NL","fr":"Route B FR","en":"Route B EN"},"kind":"public_institution","second_line":"federal_ombudsman","group":"other"}`}, post(403, 403, 201)},
		"PUT /api/v1/organisations/:code":           {"/api/v1/organisations/FIN", request{json: `{"abbreviations":["fin","fisc"]}`}, post(403, 403, 200)},
		"POST /api/v1/organisations/:code/end":      {"/api/v1/organisations/HZIV/end", request{json: `{"last_year":2030}`}, post(403, 403, 200)},
		"POST /api/v1/groups":                       {"/api/v1/groups", request{json: `{"code":"route_b","name":{"nl":"Groep B","fr":"Groupe B","en":"Group B"}}`}, post(403, 403, 201)},
		"PUT /api/v1/groups/:code":                  {"/api/v1/groups/other", request{json: `{"name":{"nl":"Andere openbare instellingen","fr":"Autres institutions publiques","en":"Other public institutions"}}`}, post(403, 403, 200)},
		"GET /api/v1/backups":                       {"/api/v1/backups", request{}, post(403, 403, 200)},
		"POST /api/v1/backups":                      {"/api/v1/backups", request{}, post(403, 403, 201)},
		"POST /api/v1/indicators/:code/definitions": {"/api/v1/indicators/received/definitions", request{json: `{"lang":"fr","from_year":2030,"text":"Une définition ultérieure."}`}, post(403, 403, 200)},
	}
	var routes []string
	for _, r := range srv.echo.Routes() {
		routes = append(routes, r.Method+" "+r.Path)
	}
	sort.Strings(routes)
	for _, route := range routes {
		tt, ok := table[route]
		if !ok {
			t.Errorf("route %s is missing from the route × role table: say who may use it", route)
			continue
		}
		delete(table, route)
		method, _, _ := strings.Cut(route, " ")
		for i, role := range tableRoles {
			t.Run(route+"/"+role, func(t *testing.T) {
				u := anonymous()
				if role != "anonymous" {
					u = signIn(t, st, accounts[role]) // fresh: POST /logout ends it
				}
				r := tt.req
				r.method, r.target = method, tt.target
				rec := u.do(t, h, r)
				if rec.Code != tt.want[i] {
					t.Errorf("%s as %s: status %d, want %d\n%.300s", tt.target, role, rec.Code, tt.want[i], rec.Body)
				}
				if tt.want[i] == 303 && role == "anonymous" && method == http.MethodGet {
					if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/login?next=") {
						t.Errorf("redirected to %q, want the login page", loc)
					}
				}
			})
		}
	}
	for route := range table {
		t.Errorf("the table names %s, which the server does not have", route)
	}
}

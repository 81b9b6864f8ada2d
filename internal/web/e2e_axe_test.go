package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

// axeScript is axe-core as npm installs it (package.json pins the version;
// `make assets` runs npm ci). It is read from the repository's root.
const axeScript = "../../node_modules/axe-core/axe.min.js"

// axeRun runs axe-core on the page with the rules of WCAG 2.0, 2.1 and 2.2
// A and AA, the level the law asks of a federal site (2.2's target size
// included), and returns "rule<TAB>target" for each node that fails.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]})
  .then(r => JSON.stringify(r.violations.flatMap(v => v.nodes.map(n => v.id + "\t" + n.target.join(" ")))))`

// axeSkipped are the GET routes that answer no HTML page: files, the API,
// health, assets and the federal sign-in's redirects.
func axeSkipped(path string) bool {
	for _, suffix := range []string{".csv", ".xlsx", ".pdf", ".jsonld", ".parquet"} {
		if strings.HasSuffix(path, suffix) {
			return true
		}
	}
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/assets/") ||
		strings.HasPrefix(path, "/login/oidc") || path == "/healthz"
}

// TestAccessibility runs axe-core on every HTML page of Echo's route table,
// with its parameters taken from the fixture, and on the error pages, as
// visitor, agency and coordinator, in Dutch and in French. Any violation
// fails the test, with its rule, page and node. A page that redirects (a
// visitor sent to the sign-in) is checked once per role where it lands.
func TestAccessibility(t *testing.T) {
	src, err := os.ReadFile(axeScript)
	if err != nil {
		t.Fatalf("axe-core is missing: run make assets (npm ci): %v", err)
	}
	srv, st := newTestServer(t)
	ctx := context.Background()
	agency := newAccount(t, st, "agency@just.example", auth.RoleAgency, "JUST", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	res, err := st.Import(ctx, store.ImportRequest{FileName: "w.csv", SHA256: "w", Source: agency.Email, Kind: domain.KindFile,
		Status: domain.StatusSubmitted, Observations: consistentObservations("JUST", 2024, 400)})
	if err != nil {
		t.Fatal(err)
	}
	assessment := submittedAssessments(t, st, agency, 2019)[0]
	if err := st.OpenRound(ctx, fixture, domain.Round{Year: 2031, Deadline: time.Date(2032, 3, 31, 0, 0, 0, 0, time.UTC), ReminderDays: []int{14},
		ChangeThreshold: 0.5, ZThreshold: 3.5, OpenedBy: "coord@example.be", OpenedAt: time.Now(), Organisations: []string{"JUST"}}); err != nil {
		t.Fatal(err)
	}
	// The agency's draft of the online form for 2023, a value not yet a number
	// among them; the form with problems is checked below, once per language.
	if err := st.SaveFormDraft(ctx, store.FormDraft{AccountID: agency.ID, Organisation: "JUST", Year: 2023,
		Fields: map[string]string{"v-received": "360", "v-admissible": "two hundred"}, SavedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// The address each route is checked at; a new HTML route must be added
	// here, or the test fails.
	targets := map[string]string{
		"/":                             "/",
		"/accessibility":                "/accessibility",
		"/api":                          "/api",
		"/compare":                      "/compare?indicator=by_channel&year=2024",
		"/trends":                       "/trends?indicator=admissible_share",
		"/organisations/:code":          "/organisations/FIN",
		"/scorecard":                    "/scorecard",
		"/extract":                      "/extract",
		"/reports/network":              "/reports/network",
		"/reports/organisations/:code":  "/reports/organisations/FIN",
		"/login":                        "/login",
		"/submissions":                  "/submissions",
		"/submissions/new":              "/submissions/new",
		"/submissions/form":             "/submissions/form?year=2025&org=JUST",
		"/submissions/form (draft)":     "/submissions/form?year=2023&org=JUST",
		"/submissions/:id":              fmt.Sprintf("/submissions/%d", res.Created[0].ID),
		"/registers/new":                "/registers/new",
		"/review":                       "/review",
		"/review/completeness":          "/review/completeness?from=2022&to=2024",
		"/admin/accounts":               "/admin/accounts",
		"/admin/audit":                  "/admin/audit",
		"/admin/organisations":          "/admin/organisations",
		"/admin/organisations/:code":    "/admin/organisations/FIN",
		"/admin/groups":                 "/admin/groups",
		"/admin/indicators":             "/admin/indicators",
		"/admin/fair":                   "/admin/fair",
		"/admin/outbox":                 "/admin/outbox",
		"/account/tokens":               "/account/tokens",
		"/account":                      "/account",
		"/criteria":                     "/criteria",
		"/criteria/assessment":          "/criteria/assessment?year=2024",
		"/criteria/review":              "/criteria/review",
		"/criteria/review/:id":          fmt.Sprintf("/criteria/review/%d", assessment),
		"/criteria/mystery":             "/criteria/mystery",
		"/rounds":                       "/rounds",
		"/rounds/:year":                 "/rounds/2031",
		"/no-such-page (404)":           "/no-such-page",
		"/organisations/:code (404)":    "/organisations/NOPE",
		"/compare (400, bad indicator)": "/compare?indicator=nope",
	}
	var pages []string
	for _, r := range srv.echo.Routes() {
		if r.Method != http.MethodGet || axeSkipped(r.Path) {
			continue
		}
		if _, ok := targets[r.Path]; !ok {
			t.Errorf("GET %s: no address in TestAccessibility's targets; add one", r.Path)
		}
		pages = append(pages, r.Path)
	}
	for name := range targets {
		if strings.Contains(name, " ") {
			pages = append(pages, name)
		}
	}
	sort.Strings(pages)
	pages = slices.Compact(pages) // Echo lists a route once per method

	bctx, base, _ := browserOn(t, srv)
	b := browserSteps{t: t, ctx: bctx, base: base}
	checked := 0
	axeCheck := func(landed, name, role string) {
		t.Helper()
		for _, v := range axeViolations(t, bctx, src) {
			rule, node, _ := strings.Cut(v, "\t")
			t.Errorf("%s on %s (route %s) as %s: %s", rule, landed, name, role, node)
		}
		checked++
	}
	for _, role := range []string{"visitor", agency.Email, "coord@example.be"} {
		if role != "visitor" {
			b.login(role)
		}
		seen := map[string]bool{}
		for _, lang := range []string{"nl", "fr"} {
			for _, name := range pages {
				target := base + targets[name]
				if strings.Contains(target, "?") {
					target += "&lang=" + lang
				} else {
					target += "?lang=" + lang
				}
				if err := chromedp.Do(bctx, chromedp.Navigate(target)); err != nil {
					t.Fatalf("%s as %s: %v", target, role, err)
				}
				landed, err := chromedp.Run(bctx, chromedp.Evaluate[string](`location.pathname + location.search`))
				if err != nil {
					t.Fatal(err)
				}
				if seen[landed] {
					continue // a redirect to a page already checked
				}
				seen[landed] = true
				if ready, ok := drawn[name]; ok {
					if err := waitTrue(bctx, ready); err != nil {
						t.Fatalf("%s as %s: %v", landed, role, err)
					}
				}
				axeCheck(landed, name, role)
			}
			if role != "visitor" {
				// The online form with problems at its fields: letters in a
				// count and channels that do not add up to the total.
				b.step("the form with problems as "+role, chromedp.Navigate(base+"/submissions/form?year=2025&org=JUST&lang="+lang),
					chromedp.SendKeys(chromedp.CSS("#v-received"), "10"), chromedp.SendKeys(chromedp.CSS("#v-admissible"), "ten"),
					chromedp.SendKeys(chromedp.CSS("#v-by_channel-email"), "4"), chromedp.Click(chromedp.CSS("#form-check")),
					chromedp.WaitVisible(chromedp.CSS("#form-errors")))
				axeCheck("/submissions/form (POST, with problems) lang="+lang, "/submissions/form (problems)", role)
			}
		}
		if role != "visitor" {
			b.step("sign out "+role, chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))
		}
	}
	t.Logf("axe-core checked %d pages", checked)
}

// drawn says, for a page that draws itself in the browser, when it has:
// axe-core must see the page as drawn, not its empty frame.
var drawn = map[string]string{"/api": redocDrawn}

// axeViolations runs axe-core (its source src) on the page open in ctx and
// returns "rule<TAB>target" for each node that fails.
func axeViolations(t *testing.T, ctx context.Context, src []byte) []string {
	t.Helper()
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+"\n;typeof axe.run === \"function\"")); err != nil || !ok {
		t.Fatalf("inject axe-core: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var violations []string
	if err := json.Unmarshal([]byte(out), &violations); err != nil {
		t.Fatalf("axe result %q: %v", out, err)
	}
	return violations
}

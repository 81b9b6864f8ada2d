package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// reportSectionIDs are the chapters of the network report, in order.
var reportSectionIDs = []string{"facts", "totals", "groups", "rankings", "channels", "languages", "types", "ontime",
	"targets", "processing", "secondline", "improvement", "criteria", "reporting", "annex", "sources"}

// reportCell is one figure of a report table as the page shows it.
type testCell struct {
	Raw  string // data-value; empty for a dash or text
	Text string
}

var (
	tableRE = regexp.MustCompile(`(?s)<table id="table-([a-z0-9_-]+)".*?</table>`)
	rowRE   = regexp.MustCompile(`(?s)<tr data-key="([^"]*)"[^>]*><th scope="row">(.*?)</th>(.*?)</tr>`)
	cellRE  = regexp.MustCompile(`(?s)<td(?: class="[^"]*")?(?: data-value="([^"]*)")?>(.*?)</td>`)
)

// reportTables reads every table of a report: table id -> row key -> cells.
func reportTables(t *testing.T, body string) map[string]map[string][]testCell {
	t.Helper()
	out := map[string]map[string][]testCell{}
	for _, tm := range tableRE.FindAllStringSubmatch(body, -1) {
		rows := map[string][]testCell{}
		for _, rm := range rowRE.FindAllStringSubmatch(tm[0], -1) {
			var cells []testCell
			for _, cm := range cellRE.FindAllStringSubmatch(rm[3], -1) {
				cells = append(cells, testCell{Raw: cm[1], Text: html.UnescapeString(cm[2])})
			}
			rows[rm[1]] = cells
		}
		out[tm[1]] = rows
	}
	return out
}

// apiValues reads /api/v1/observations for a year: org -> indicator[:breakdown] -> value.
func apiValues(t *testing.T, srv *Server, year int) map[string]map[string]float64 {
	t.Helper()
	rec := get(t, srv.Handler(), fmt.Sprintf("/api/v1/observations?year=%d", year))
	if rec.Code != 200 {
		t.Fatalf("API: %d", rec.Code)
	}
	var obs []domain.Observation
	if err := json.Unmarshal(rec.Body.Bytes(), &obs); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]float64{}
	for _, o := range obs {
		if out[o.Organisation] == nil {
			out[o.Organisation] = map[string]float64{}
		}
		k := o.Indicator
		if o.Breakdown != "" {
			k += ":" + o.Breakdown
		}
		out[o.Organisation][k] = o.Value
	}
	return out
}

func apiSum(values map[string]map[string]float64, keys ...string) float64 {
	total := 0.0
	for _, v := range values {
		for _, k := range keys {
			total += v[k]
		}
	}
	return total
}

func raw(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// The network report shows every section, and its figures are the API's,
// formatted in the page's language.
func TestNetworkReportMatchesAPI(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	now, before := apiValues(t, srv, 2024), apiValues(t, srv, 2023)
	if len(now) != 4 || len(before) != 5 {
		t.Fatalf("fixture: %d and %d administrations", len(now), len(before))
	}
	for _, lang := range []string{"nl", "fr"} {
		t.Run(lang, func(t *testing.T) {
			l := newLocale(lang)
			rec := get(t, h, "/reports/network?year=2024&lang="+lang)
			if rec.Code != 200 {
				t.Fatalf("status %d: %.300s", rec.Code, rec.Body)
			}
			body := rec.Body.String()
			var ids []string
			for _, m := range regexp.MustCompile(`<section class="chapter" id="([a-z]+)"`).FindAllStringSubmatch(body, -1) {
				ids = append(ids, m[1])
			}
			if strings.Join(ids, " ") != strings.Join(reportSectionIDs, " ") {
				t.Errorf("sections %v, want %v", ids, reportSectionIDs)
			}
			// Every chart is followed, in its figure, by its table.
			figures := regexp.MustCompile(`(?s)<figure class="figure">(.*?)</figure>`).FindAllStringSubmatch(body, -1)
			if len(figures) < 14 {
				t.Errorf("%d charts, want one or more per section", len(figures))
			}
			for _, f := range figures {
				f[1] = html.UnescapeString(f[1])
				if !strings.Contains(f[1], `class="chart"`) || !strings.Contains(f[1], "<table") || !strings.Contains(f[1], `"animation":false`) {
					t.Errorf("a figure lacks its chart, its table or animation off: %.200s", f[1])
				}
			}
			tables := reportTables(t, body)
			check := func(table, key string, col int, want float64, unit string) {
				t.Helper()
				cells := tables[table][key]
				if col >= len(cells) {
					t.Errorf("%s/%s: no column %d in %+v", table, key, col, cells)
					return
				}
				c := cells[col]
				if math.IsNaN(want) {
					if c.Raw != "" || c.Text != "–" {
						t.Errorf("%s/%s[%d] = %+v, want a dash", table, key, col, c)
					}
					return
				}
				got, err := strconv.ParseFloat(c.Raw, 64)
				if err != nil || math.Abs(got-want) > 1e-9 {
					t.Errorf("%s/%s[%d] = %q, want %v (API)", table, key, col, c.Raw, want)
				}
				if c.Text != l.Value(want, unit) {
					t.Errorf("%s/%s[%d] shows %q, want %q in %s", table, key, col, c.Text, l.Value(want, unit), lang)
				}
			}
			// Fast facts beside the previous year.
			check("facts", "received", 0, apiSum(now, "received"), "count")
			check("facts", "received", 1, apiSum(before, "received"), "count")
			check("facts", "reporters", 0, 4, "count")
			check("facts-rates", "founded_share", 0, 100*apiSum(now, "founded", "partly_founded")/apiSum(now, "closed"), "percent")
			check("facts-rates", "closed_on_time_share", 1, 100*apiSum(before, "closed_on_time")/apiSum(before, "closed"), "percent")
			// Network totals since the first year.
			for _, y := range []int{2022, 2023, 2024} {
				v := apiValues(t, srv, y)
				check("totals", strconv.Itoa(y), 1, apiSum(v, "received"), "count")
				check("totals", strconv.Itoa(y), 3, apiSum(v, "closed"), "count")
			}
			// Rankings: highest first, with the median.
			var received []float64
			var order []string
			for org, v := range now {
				received = append(received, v["received"])
				order = append(order, org)
			}
			sort.Slice(order, func(i, j int) bool { return now[order[i]]["received"] > now[order[j]]["received"] })
			rankRows := regexp.MustCompile(`(?s)<table id="table-ranking-received".*?</table>`).FindString(body)
			var keys []string
			for _, m := range rowRE.FindAllStringSubmatch(rankRows, -1) {
				keys = append(keys, m[1])
			}
			if want := append(order, "median", "total"); strings.Join(keys, " ") != strings.Join(want, " ") {
				t.Errorf("ranking order %v, want %v", keys, want)
			}
			sort.Float64s(received)
			check("ranking-received", "median", 0, (received[1]+received[2])/2, "count")
			for org, v := range now {
				check("ranking-avg_days", org, 0, v["avg_days"], "days")
				check("ranking-closed_on_time_share", org, 0, 100*v["closed_on_time"]/v["closed"], "percent")
			}
			// Channels: the network's split.
			check("channels", "email", 0, apiSum(now, "by_channel:email"), "count")
			check("channels", "email", 1, 100*apiSum(now, "by_channel:email")/apiSum(now, "by_channel:email", "by_channel:letter", "by_channel:phone"), "percent")
			check("channels", "total", 2, apiSum(before, "by_channel:email", "by_channel:letter", "by_channel:phone"), "count")
			// Annex: every administration; JUST did not report 2024.
			for org, v := range now {
				check("annex", org, 0, v["received"], "count")
				check("annex", org, 3, 100*v["admissible"]/v["received"], "percent")
			}
			check("annex", "JUST", 0, math.NaN(), "count")
			check("annex", "network", 0, apiSum(now, "received"), "count")
			// Who did not report.
			just, _ := srv.ref().Organisation("JUST")
			reporting := body[strings.Index(body, `id="reporting"`):]
			missing := reporting[strings.Index(reporting, l.T("overview.missing")):strings.Index(reporting, "</section>")]
			if !strings.Contains(missing, html.EscapeString(just.Name.In(lang))) {
				t.Errorf("JUST is not among those who did not report")
			}
			check("reporting", "2024", 0, 4, "count")
			// The sources: which submissions, when extracted.
			if n := len(tables["sources"]); n != 4 {
				t.Errorf("sources list %d submissions, want the 4 of 2024", n)
			}
			if !strings.Contains(body, "fixture.csv") || !regexp.MustCompile(`id="extracted">[^<]*\d{4}-\d\d-\d\d \d\d:\d\d`).MatchString(body) {
				t.Error("the report does not say which file its figures come from and when they were extracted")
			}
			if !strings.Contains(body, fmt.Sprintf(l.T("report.network.title"), 2024)) {
				t.Errorf("title is not in %s", lang)
			}
		})
	}
}

func TestNetworkReportGroupAndErrors(t *testing.T) {
	srv, _ := newTestServer(t)
	h := srv.Handler()
	rec := get(t, h, "/reports/network?year=2024&group=social_security&lang=en")
	if rec.Code != 200 {
		t.Fatalf("group report: %d", rec.Code)
	}
	tables := reportTables(t, rec.Body.String())
	if _, ok := tables["annex"]["FIN"]; ok {
		t.Error("a group's annex lists an administration of another group")
	}
	if got := tables["annex"]["RSZ"]; len(got) == 0 || got[0].Raw != "100" {
		t.Errorf("RSZ in the social security annex = %+v, want 100", got)
	}
	for target, want := range map[string]int{
		"/reports/network?year=2001":               404,
		"/reports/network?year=1999":               400,
		"/reports/network?year=abc":                400,
		"/reports/network?group=nope":              404,
		"/reports/network.pdf?year=2024":           503,
		"/reports/organisations/NOPE?year=2024":    404,
		"/reports/organisations/FIN.pdf?year=2024": 503,
	} {
		if rec := get(t, h, target); rec.Code != want {
			t.Errorf("%s: %d, want %d", target, rec.Code, want)
		}
	}
	rec = get(t, h, "/reports/network.pdf?year=2024&lang=fr")
	if !strings.Contains(rec.Body.String(), html.EscapeString(newLocale("fr").T("report.pdf_unavailable"))) {
		t.Errorf("503 without a clear message: %.300s", rec.Body)
	}
}

// The letter compares the administration with the medians of the network
// and its group, beside the previous year.
func TestLetterMatchesAPI(t *testing.T) {
	srv, _ := newTestServer(t)
	now, before := apiValues(t, srv, 2024), apiValues(t, srv, 2023)
	for _, lang := range []string{"nl", "fr"} {
		t.Run(lang, func(t *testing.T) {
			l := newLocale(lang)
			rec := get(t, srv.Handler(), "/reports/organisations/FIN?year=2024&lang="+lang)
			if rec.Code != 200 {
				t.Fatalf("status %d: %.300s", rec.Code, rec.Body)
			}
			body := rec.Body.String()
			for _, id := range []string{"letter", "figures", "rates", "targets", "breakdowns", "criteria", "flagged", "sources"} {
				if !strings.Contains(body, `data-section="`+id+`"`) {
					t.Errorf("letter lacks section %s", id)
				}
			}
			rows := reportTables(t, body)["figures"]
			fin, prev := now["FIN"], before["FIN"]
			var all, group []float64
			for org, v := range now {
				all = append(all, v["received"])
				if o, _ := srv.ref().Organisation(org); o.Group == "fps_defence" {
					group = append(group, v["received"])
				}
			}
			wants := []float64{fin["received"], prev["received"], math.NaN(), rates.Median(group), rates.Median(all)}
			for i, want := range wants {
				if math.IsNaN(want) {
					if rows["received"][i].Text != l.Change(fin["received"]-prev["received"], "count") {
						t.Errorf("change shows %q", rows["received"][i].Text)
					}
					continue
				}
				if rows["received"][i].Raw != raw(want) {
					t.Errorf("received[%d] = %q, want %v", i, rows["received"][i].Raw, want)
				}
			}
			if got, want := rows["closed_on_time_share"][0].Raw, raw(100*fin["closed_on_time"]/fin["closed"]); got != want {
				t.Errorf("closed on time = %s, want %s", got, want)
			}
			if !strings.Contains(body, l.T("report.flagged.none")) {
				t.Error("the letter does not say how flagged values stand")
			}
		})
	}
}

// When the year has a reporting round, the report says who reported on
// time; the letter lists the values that were explained.
func TestReportRoundAndNotes(t *testing.T) {
	srv, st := newTestServer(t)
	ctx := context.Background()
	if err := st.OpenRound(ctx, fixture, domain.Round{Year: 2024, Deadline: time.Date(2099, 3, 31, 0, 0, 0, 0, time.UTC),
		OpenedBy: "coord@example.be", OpenedAt: time.Now(), Organisations: []string{"FIN", "JUST"}}); err != nil {
		t.Fatal(err)
	}
	var finSubmission int64
	if err := st.EachPublished(ctx, store.Filter{Years: []int{2024}, Organisations: []string{"FIN"}}, func(r store.PublishedRow) error {
		finSubmission = r.SubmissionID
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddValueNote(ctx, domain.AuditEntry{Actor: "agency@fin.example"}, domain.ValueNote{SubmissionID: finSubmission, Indicator: "received", Kind: domain.NoteExplanation,
		Author: "agency@fin.example", Body: "Nieuwe webformulier sinds maart."}, time.Now()); err != nil {
		t.Fatal(err)
	}
	l := newLocale("nl")
	tables := reportTables(t, get(t, srv.Handler(), "/reports/network?year=2024&lang=nl").Body.String())
	round := tables["round"]
	if len(round) != 2 || round["FIN"][2].Text != l.T("report.round.in_time") || round["JUST"][0].Text != l.T("report.round.status.missing") {
		t.Errorf("round table %+v", round)
	}
	letter := get(t, srv.Handler(), "/reports/organisations/FIN?year=2024&lang=nl").Body.String()
	notes := reportTables(t, letter)["notes"]
	if got := notes["received"]; len(got) != 3 || got[1].Text != "Nieuwe webformulier sinds maart." || got[0].Text != l.T("report.flagged.kind.explanation") {
		t.Errorf("letter notes %+v", notes)
	}
	if other := get(t, srv.Handler(), "/reports/organisations/POL?year=2024&lang=nl").Body.String(); !strings.Contains(other, l.T("report.flagged.none")) {
		t.Error("another administration's letter shows FIN's note")
	}
}

// TestReportUsesTheYearsMembership: an administration that ended before the
// report's year is neither expected nor listed; one that changed group
// counts in its group of the report's year.
func TestReportUsesTheYearsMembership(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	by := domain.AuditEntry{Actor: "coord@example.be"}
	if err := st.EndOrganisation(ctx, by, "JUST", 2023, nil); err != nil {
		t.Fatal(err)
	}
	rsz, _ := st.Reference().Organisation("RSZ")
	before := rsz.GroupIn(2023)
	rsz.Groups = append(rsz.Groups, reference.Membership{FromYear: 2024, Group: "other"})
	if before == "other" {
		t.Fatalf("RSZ is already in other")
	}
	if err := st.UpdateOrganisation(ctx, by, rsz); err != nil {
		t.Fatal(err)
	}
	body := wantStatus(t, get(t, h, "/reports/network?year=2024&lang=en"), 200, "report 2024")
	if !strings.Contains(body, "4 of 25 administrations reported for 2024") {
		t.Errorf("the 2024 report does not count the 25 administrations of 2024:\n%.3000s", body)
	}
	if _, ok := reportTables(t, body)["annex"]["JUST"]; ok {
		t.Error("the 2024 annex lists JUST, which ended in 2023")
	}
	if !strings.Contains(wantStatus(t, get(t, h, "/reports/network?year=2023&lang=en"), 200, "report 2023"), "of 26 administrations reported for 2023") {
		t.Error("the 2023 report does not expect the 26 administrations of 2023")
	}
	for year, group := range map[string]string{"2024": "other", "2023": before} {
		tables := reportTables(t, wantStatus(t, get(t, h, "/reports/network?year="+year+"&group="+group+"&lang=en"), 200, group))
		if _, ok := tables["annex"]["RSZ"]; !ok {
			t.Errorf("the %s report of group %s does not list RSZ", year, group)
		}
	}
	if _, ok := reportTables(t, wantStatus(t, get(t, h, "/reports/network?year=2024&group="+before+"&lang=en"), 200, before))["annex"]["RSZ"]; ok {
		t.Errorf("the 2024 report of %s still lists RSZ", before)
	}
}

// TestLetterNamesWithArticle: the French letter said "les chiffres … de
// SPF Finances" (issue 23); each administration's French article is in the
// reference data, so it says "du SPF Finances", "de la Police fédérale",
// "de l’Office national de sécurité sociale", and the percentage points
// take the plural from 2.
func TestLetterNamesWithArticle(t *testing.T) {
	srv, _ := newTestServer(t)
	for _, tt := range []struct{ target, want, not string }{
		{"/reports/organisations/FIN?year=2024&lang=fr", "chiffres de gestion des plaintes du SPF Finances pour 2024", "de SPF Finances"},
		{"/reports/organisations/RSZ?year=2024&lang=fr", "chiffres de gestion des plaintes de l’Office national de sécurité sociale pour 2024", "de Office"},
		{"/reports/organisations/FIN?year=2024&lang=nl", "cijfers over klachtenmanagement van FOD Financiën voor 2024", "van van"},
		{"/reports/organisations/FIN?year=2024&lang=en", "complaint-management figures of FPS Finance for 2024", "of of"},
	} {
		body := get(t, srv.Handler(), tt.target).Body.String()
		if !strings.Contains(body, tt.want) || strings.Contains(body, tt.not) {
			t.Errorf("%s: want %q and no %q:\n%.3000s", tt.target, tt.want, tt.not, body)
		}
		if strings.Contains(tt.target, "lang=fr") && regexp.MustCompile(`[2-9],\d\x{a0}point de pourcentage`).MatchString(body) {
			t.Errorf("%s: a singular point after a number from 2", tt.target)
		}
	}
}

package web

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/htmltest"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestMergerOfTwoAdministrations merges JUST and RSZ into a new
// administration from 2025: completeness for 2025 no longer expects the two
// and expects the successor; the overview counts 25 administrations that
// must report; the successor's profile shows its predecessors' years as a
// marked line of their own (JUST + RSZ added up); the network totals of
// every year are the same as before the merger.
func TestMergerOfTwoAdministrations(t *testing.T) {
	srv, st := newTestServer(t)
	h := srv.Handler()
	ctx := context.Background()
	by := domain.AuditEntry{Actor: "coord@example.be"}
	get := func(target string) string {
		return wantStatus(t, anonymous().do(t, h, request{method: "GET", target: target}), 200, target)
	}
	tiles := regexp.MustCompile(`(?s)<ul class="tiles".*?</ul>`)
	totalsBefore := map[string]string{}
	for _, y := range []string{"2022", "2023", "2024"} {
		totalsBefore[y] = tiles.FindString(get("/?lang=en&year=" + y))
	}
	trendBefore := get("/?lang=en&year=2024")

	merged := reference.Organisation{Code: "JUSTSOC", Name: reference.Labels{NL: "Dienst Justitie en Sociale Zekerheid", FR: "Service Justice et Sécurité sociale", EN: "Justice and Social Security Service"},
		Kind: "public_institution", SecondLine: "federal_ombudsman", FirstYear: 2025, Groups: []reference.Membership{{FromYear: 2025, Group: "social_security"}}}
	if err := st.AddOrganisation(ctx, by, merged); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"JUST", "RSZ"} {
		if err := st.EndOrganisation(ctx, by, code, 2024, []string{"JUSTSOC"}); err != nil {
			t.Fatal(err)
		}
	}

	cells, err := st.Completeness(ctx, 2024, 2025)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, c := range cells {
		status[fmt.Sprint(c.Organisation, " ", c.Year)] = c.Status
	}
	for key, want := range map[string]string{
		"JUST 2024": store.StatusMissing, "JUST 2025": store.StatusNotExpected, "RSZ 2024": domain.StatusApproved,
		"RSZ 2025": store.StatusNotExpected, "JUSTSOC 2024": store.StatusNotExpected, "JUSTSOC 2025": store.StatusMissing, "FIN 2025": store.StatusMissing,
	} {
		if status[key] != want {
			t.Errorf("completeness %s = %q, want %q", key, status[key], want)
		}
	}
	due, err := st.ExpectedOrganisations(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 25 || strings.Contains(strings.Join(due, " "), "JUST ") || !strings.Contains(strings.Join(due, " "), "JUSTSOC") {
		t.Errorf("who must report in 2025: %v", due)
	}

	for y, before := range totalsBefore {
		if after := tiles.FindString(get("/?lang=en&year=" + y)); after != before {
			t.Errorf("network totals of %s changed with the merger:\n%s\nwas:\n%s", y, after, before)
		}
	}
	if after := get("/?lang=en&year=2024"); !strings.Contains(after, "4 of 26 administrations reported for 2024") || !strings.Contains(trendBefore, "4 of 26") {
		t.Errorf("2024 is still counted over the 26 of that year")
	}

	profile := get("/organisations/JUSTSOC?lang=en")
	page := htmltest.Parse(t, profile)
	if !page.Has("#predecessors") || !strings.Contains(page.Find("#predecessors").Text(), "succeeds JUST + RSZ") {
		t.Error("the successor's profile does not name its predecessors")
	}
	// Received: 2022 300 + 80, 2023 350 + 90, 2024 100 (JUST did not report).
	var marked []htmltest.Element
	for _, th := range page.All("tr th") {
		if th.Text() == "Predecessors (JUST + RSZ)" {
			marked = append(marked, th.Closest("tr"))
		}
	}
	if len(marked) == 0 {
		t.Fatalf("no marked predecessors row in the successor's profile:\n%s", profile)
	}
	if cells := marked[0].Texts("td"); len(cells) < 3 || !slices.Equal(cells[:3], []string{"380", "440", "100"}) {
		t.Errorf("predecessors' received over 2022–2024 = %v, want 380 440 100", cells)
	}
	if nr := page.All("dd#not-reported"); len(nr) != 1 || strings.Contains(nr[0].Text(), "2022") {
		t.Errorf("years before the successor started are listed as not reported: %v", nr)
	}
}

package register

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// workdayRegister is five complaints of 2025 around the long weekends,
// counted by hand (terms 5 and 15 days):
//
//	W1 received Thu 17/4 (before Easter Monday 21/4), acknowledged Fri 25/4:
//	   8 calendar days, 5 working days (18, 22, 23, 24, 25); closed Fri 9/5:
//	   22 calendar days, 14 working days (1 May is a holiday).
//	W2 received Wed 28/5 (before Ascension 29/5), acknowledged Tue 3/6:
//	   6 calendar, 3 working (30/5, 2/6, 3/6); closed Fri 20/6: 23 calendar,
//	   15 working (Whit Monday 9/6 does not count).
//	W3 received Mon 2/6, acknowledged Tue 10/6: 8 calendar, 5 working;
//	   closed Wed 25/6: 23 calendar, 16 working: late either way.
//	W4 received Fri 7/11, acknowledged Mon 17/11: 10 calendar, 5 working
//	   (11 November does not count); still open.
//	W5 received, acknowledged and closed on Mon 6/1: 0 days.
//
// Processing times of the four closed: 0, 22, 23, 23: one in 0-20, three in
// 21-45, median (22 + 23) / 2 = 22.5.
const workdayRegister = `Organisation : FOD Financiën
Complaint number,Date received,Channel,Language,Admissible,Outcome,Type,Date acknowledged,Date closed,Second line
W1,2025-04-17,E-mail,Dutch,yes,Unfounded,,2025-04-25,2025-05-09,no
W2,2025-05-28,Letter,French,yes,Unfounded,,2025-06-03,2025-06-20,no
W3,2025-06-02,E-mail,Dutch,yes,Unfounded,,2025-06-10,2025-06-25,no
W4,2025-11-07,Phone,French,yes,,,2025-11-17,,no
W5,2025-01-06,E-mail,Dutch,yes,Unfounded,,2025-01-06,2025-01-06,no
`

func TestTermsInWorkingDays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register FIN 2025.csv")
	if err := os.WriteFile(path, []byte(workdayRegister), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name                    string
		working                 bool
		ackOnTime, closedOnTime float64
	}{
		{"calendar days", false, 1, 1},
		{"working days", true, 5, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := storetest.Open(t)
			ctx := context.Background()
			if err := st.SetTerms(ctx, "FIN", store.Terms{AckDays: 5, AnswerDays: 15, WorkingDays: c.working}); err != nil {
				t.Fatal(err)
			}
			if got, err := st.TermsOf(ctx, "FIN"); err != nil || got.WorkingDays != c.working {
				t.Fatalf("terms %+v, %v", got, err)
			}
			res, err := NewImporter(st).Import(ctx, Request{Path: path, Source: "test", Status: domain.StatusApproved})
			if err != nil || !res.Accepted() {
				t.Fatalf("%v %+v", err, res.Problems)
			}
			got := byKey(t, "FIN", res.Stored.Observations)[2025]
			want := map[string]float64{
				"received": 5, "closed": 4, "open_end_of_year": 1,
				"ack_on_time": c.ackOnTime, "closed_on_time": c.closedOnTime,
				"median_days": 22.5, "avg_days": 68.0 / 4,
				"by_processing_time:d0_20": 1, "by_processing_time:d21_45": 3,
				"by_processing_time:d46_90": 0, "by_processing_time:d91_plus": 0,
			}
			for k, w := range want {
				if g, ok := got[k]; !ok || g != w {
					t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
				}
			}
		})
	}
}

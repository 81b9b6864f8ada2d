package mail

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/clocktest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// TestRoundMailsLinkTheWaysIn: the round's opening message and its
// reminders, in Dutch and in French, link to the online form and to the
// year's template in the reader's language, in the text and the HTML part.
func TestRoundMailsLinkTheWaysIn(t *testing.T) {
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ways.duckdb"), ref)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m := New(st, nil, clocktest.New(time.Now()), "https://infocentre.example.be", quietLogger())
	r := domain.Round{Year: 2025, Deadline: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), MessageNL: "Graag", MessageFR: "Merci"}
	for _, tc := range []struct {
		lang, form, template string
	}{
		{"nl", "Vul het onlineformulier in", "Download het sjabloon"},
		{"fr", "Remplissez le formulaire en ligne", "Téléchargez le modèle"},
	} {
		rc := store.Recipient{Email: "a@fin.example", Role: "agency", Organisation: "FIN", Language: tc.lang}
		for name, msg := range map[string]composed{
			"opening":  m.roundOpen(r, rc),
			"reminder": m.reminder(r, rc, KindReminder),
			"overdue":  m.reminder(r, rc, KindOverdue),
		} {
			form := "https://infocentre.example.be/submissions/form?year=2025"
			template := "https://infocentre.example.be/submissions/template.xlsx?year=2025&lang=" + tc.lang
			for _, want := range []string{tc.form + ": " + form, tc.template} {
				if !strings.Contains(msg.text, want) {
					t.Errorf("%s %s: the text lacks %q:\n%s", tc.lang, name, want, msg.text)
				}
			}
			if !strings.Contains(msg.text, template) {
				t.Errorf("%s %s: the text lacks the template's address %s", tc.lang, name, template)
			}
			for _, want := range []string{`<a href="` + form + `">` + tc.form + `</a>`,
				`<a href="` + strings.ReplaceAll(template, "&", "&amp;") + `">` + tc.template} {
				if !strings.Contains(msg.html, want) {
					t.Errorf("%s %s: the HTML lacks %q:\n%s", tc.lang, name, want, msg.html)
				}
			}
		}
	}
}

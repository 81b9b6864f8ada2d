package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/fcmn/infocentre/internal/auth"
	"github.com/fcmn/infocentre/internal/domain"
)

// TestBrowserFlaggedValueExplainedAndQuestioned is the check on values in a
// real browser: FIN, whose published received complaints were 1,000, 1,100
// and 1,200, uploads 3,000 for 2025; the preview flags the jump with its
// history; the agency explains it and submits; the coordinator sees the
// explanation in the inbox and on the submission and asks a question; the
// agency answers; the thread shows all three.
func TestBrowserFlaggedValueExplainedAndQuestioned(t *testing.T) {
	srv, st := newTestServer(t)
	newAccount(t, st, "agency@fin.example", auth.RoleAgency, "FIN", true)
	newAccount(t, st, "coord@example.be", auth.RoleCoordinator, "", true)
	if err := st.OpenRound(context.Background(), fixture, domain.Round{Year: 2025, Deadline: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC),
		ReminderDays: []int{14, 3}, ChangeThreshold: 0.5, ZThreshold: 3.5, OpenedBy: "coord@example.be", OpenedAt: time.Now(),
		Organisations: []string{"FIN", "JUST"}}); err != nil {
		t.Fatal(err)
	}
	ctx, base, _ := browserOn(t, srv)
	file := filepath.Join(t.TempDir(), "fin_2025.csv")
	if err := os.WriteFile(file, longCSV(consistentObservations("FIN", 2025, 3000)), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browserSteps{t: t, ctx: ctx, base: base}
	step, text, login := b.step, b.text, b.login
	const row = `#preview-values tr[data-note="note:FIN:2025:received:"]`
	const value = `#submission-values tr[id="value-received-"]`
	explanation := "A new contact centre opened in March 2025."
	question := "How many of these came through the new contact centre?"
	answer := "About 1,700, by telephone."

	login("agency@fin.example")
	if got := text(`#due li[data-year="2025"]`); !strings.Contains(got, "2025") || !strings.Contains(got, "2026-03-31") || !strings.Contains(got, "Missing") {
		t.Errorf("what is due: %q", got)
	}
	step("preview", chromedp.Navigate(base+"/submissions/new"), chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{file}),
		chromedp.Submit(chromedp.CSS("#file")), chromedp.WaitVisible(chromedp.CSS("#preview-flagged")))
	flag := text(row + " .flag")
	for _, want := range []string{"large change on the previous year", "2022: 1,000", "2023: 1,100", "2024: 1,200"} {
		if !strings.Contains(flag, want) {
			t.Errorf("flag of received %q lacks %q", flag, want)
		}
	}
	screenshot(t, ctx, "preview_flagged")
	step("explain", chromedp.SendKeys(chromedp.CSS(row+" input"), explanation))
	step("confirm", confirmUpload(base)...)
	id := text("#submissions tbody tr:first-child td:first-child")
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("coord@example.be")
	if got := text(fmt.Sprintf(`#inbox tr[data-id="%s"] .note-counts`, id)); !strings.Contains(got, "1 explanation") {
		t.Errorf("inbox notes %q", got)
	}
	step("open the submission", chromedp.Navigate(base+"/submissions/"+id), chromedp.WaitVisible(chromedp.CSS(value)))
	if got := text(value + " .note-explanation"); !strings.Contains(got, explanation) {
		t.Errorf("coordinator sees %q, want the explanation", got)
	}
	step("ask", chromedp.Click(chromedp.CSS(value+" summary")), chromedp.SendKeys(chromedp.CSS(value+" textarea"), question),
		chromedp.Click(chromedp.CSS(value+" form.note-form button")), chromedp.WaitVisible(chromedp.CSS(value+" .note-question")))
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("agency@fin.example")
	step("open the question", chromedp.Navigate(base+"/submissions/"+id), chromedp.WaitVisible(chromedp.CSS(value+" textarea")))
	if got := text(value + " .note-question"); !strings.Contains(got, question) {
		t.Errorf("agency sees %q, want the question", got)
	}
	step("answer", chromedp.SendKeys(chromedp.CSS(value+" textarea"), answer),
		chromedp.Click(chromedp.CSS(value+" form.note-form button")), chromedp.WaitVisible(chromedp.CSS(value+" .note-answer")))
	thread := text(value + " td.notes")
	if !(strings.Index(thread, explanation) < strings.Index(thread, question) && strings.Index(thread, question) < strings.Index(thread, answer)) {
		t.Errorf("thread out of order or incomplete: %q", thread)
	}
	screenshot(t, ctx, "submission_thread")
	step("sign out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)))

	login("coord@example.be")
	step("the coordinator reads the answer", chromedp.Navigate(base+"/submissions/"+id), chromedp.WaitVisible(chromedp.CSS(value+" .note-answer")))
	if got := text(value + " .note-answer"); !strings.Contains(got, answer) {
		t.Errorf("coordinator sees %q, want the answer", got)
	}
}

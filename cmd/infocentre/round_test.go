package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/storetest"
)

func TestRoundOpen(t *testing.T) {
	t.Setenv("LANG", "fr_BE.UTF-8")
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	// A deadline already passed needs a confirmation (issue 23).
	out, code := runCLI(t, "round", "open", "--db", db, "--year", "2025", "--deadline", "2026-03-31")
	if code != 1 || !strings.Contains(out, "la date limite 2026-03-31 est déjà passée ; pour ouvrir la collecte malgré tout, ajoutez --allow-past-deadline") {
		t.Fatalf("a past deadline: exit %d:\n%s", code, out)
	}
	out, code = runCLI(t, "round", "open", "--db", db, "--year", "2025", "--deadline", "2026-03-31", "--allow-past-deadline",
		"--message-nl", "Graag tijdig.", "--message-fr", "Merci d'avance.", "--org", "FIN,JUST")
	if code != 0 || !strings.Contains(out, "Collecte 2025 ouverte : date limite le 2026-03-31, 2 administrations attendues.") || !strings.Contains(out, "FIN JUST") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, tt := range []struct {
		args []string
		want int
		text string
	}{
		{[]string{"round", "open", "--db", db, "--year", "2025", "--deadline", "2026-03-31", "--allow-past-deadline"}, 1, "déjà ouverte"},
		{[]string{"round", "open", "--db", db, "--year", "2024", "--deadline", "31/03/2025"}, 1, "AAAA-MM-JJ"},
		{[]string{"round", "open", "--db", db, "--year", "2024", "--deadline", "2025-03-31", "--allow-past-deadline", "--org", "NOPE"}, 1, "organisation inconnue"},
		{[]string{"round", "close", "--db", db}, 2, "Utilisation\u00a0:\n  infocentre round open"},
	} {
		out, code := runCLI(t, tt.args...)
		if code != tt.want || !strings.Contains(out, tt.text) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s", tt.args, code, tt.want, tt.text, out)
		}
	}
	out, code = runCLI(t, "round", "open", "--db", db, "--year", "2024", "--deadline", "2025-03-31", "--allow-past-deadline")
	if code != 0 {
		t.Fatalf("default administrations: exit %d:\n%s", code, out)
	}
	st := storetest.OpenFile(t, db)
	ref := st.Reference()
	r, err := st.Round(context.Background(), 2025)
	if err != nil || r.MessageFR != "Merci d'avance." || strings.Join(r.Organisations, ",") != "FIN,JUST" || r.OpenedBy != "cli" {
		t.Errorf("round 2025 stored as %+v (%v)", r, err)
	}
	all, err := st.Round(context.Background(), 2024)
	if err != nil || len(all.Organisations) != len(ref.Organisations) {
		t.Errorf("round 2024 expects %d administrations, want every one (%d): %v", len(all.Organisations), len(ref.Organisations), err)
	}
}

// TestRoundOpenAsTheSite: `round open` opens a round as the site does
// (rounds.Open): a code given twice or in lower case counts once, an
// unknown one is refused and opens nothing, and the opening e-mails are in
// the outbox at once, with links to --base-url, for the server to send.
func TestRoundOpenAsTheSite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	if out, code := runCLI(t, "user", "add", "--db", db, "--email", "agent@fin.be", "--role", "agency", "--org", "FIN"); code != 0 {
		t.Fatalf("user add: %s", out)
	}
	for _, c := range []struct {
		orgs string
		code int
		want string
	}{
		{"FIN,NOPE", 1, "unknown organisation “NOPE”"},
		{"FIN,fin,JUST,FIN", 0, "2 administrations expected.\nFIN JUST\n"},
	} {
		out, code := runCLI(t, "round", "open", "--db", db, "--lang", "en", "--year", "2026", "--deadline", "2099-03-31", "--base-url", "https://infocentre.example.be", "--org", c.orgs)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("--org %s: exit %d, want %d with %q:\n%s", c.orgs, code, c.code, c.want, out)
		}
	}
	st := storetest.OpenFile(t, db)
	r, err := st.Round(context.Background(), 2026)
	if err != nil || strings.Join(r.Organisations, ",") != "FIN,JUST" {
		t.Errorf("round stored as %+v (%v)", r, err)
	}
	msgs, err := st.Outbox(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].Recipient != "agent@fin.be" || !strings.Contains(msgs[0].Text, "https://infocentre.example.be/") {
		t.Errorf("outbox after round open: %+v", msgs)
	}
}

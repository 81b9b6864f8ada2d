package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFairCommands sets the fair comparison settings from the command
// line; a bad value exits non-zero and changes nothing.
func TestFairCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"fair", "thresholds", "--db", db, "--small-n", "12", "--received-medium", "40"}, `"small_n": 12`},
		{[]string{"fair", "target", "--db", db, "--rate", "founded_share", "--direction", "at_most", "--value", "30", "--margin", "3"}, `"rate": "founded_share"`},
		{[]string{"fair", "target", "--db", db, "--rate", "ack_on_time_share", "--delete"}, `"small_n": 12`},
		{[]string{"fair", "unit", "--db", db, "--org", "fin", "--unit", "contacts"}, `"FIN": "contacts"`},
		{[]string{"terms", "set", "--db", db, "--org", "FIN", "--ack-days", "5", "--answer-days", "15", "--working-days"}, "5 working days, answer within 15"},
	}
	for _, s := range steps {
		out, code := runCLI(t, s.args...)
		if code != 0 || !strings.Contains(out, s.want) {
			t.Fatalf("%v: exit %d, want %q:\n%s", s.args, code, s.want, out)
		}
	}
	out, _ := runCLI(t, "fair", "show", "--db", db)
	if strings.Contains(out, `"ack_on_time_share"`) || !strings.Contains(out, `"medium": 40`) {
		t.Errorf("settings:\n%s", out)
	}
	for _, bad := range [][]string{
		{"fair", "unit", "--db", db, "--org", "FIN", "--unit", "kilos"},
		{"fair", "target", "--db", db, "--rate", "nope", "--value", "3"},
		{"fair", "thresholds", "--db", db, "--volume-medium", "10", "--volume-large", "5"},
		{"fair", "thresholds", "--db", db, "--small-n", "NaN"},
		{"fair", "thresholds", "--db", db, "--small-n", "0x1p10"},
		{"fair", "thresholds", "--db", db, "--small-n", "10.5"},
		{"fair", "target", "--db", db, "--rate", "founded_share", "--direction", "at_most", "--value", "150"},
	} {
		if _, code := runCLI(t, bad...); code == 0 {
			t.Errorf("%v was accepted", bad)
		}
	}
	if after, _ := runCLI(t, "fair", "show", "--db", db); after != out {
		t.Errorf("a refused command changed the settings:\n%s", after)
	}
}

// TestFairThresholdsChangeOnlyWhatIsGiven: `fair thresholds --small-n 5`
// changes the small n alone; the four size bands the coordinator set stay
// (issue 24: they came back as the migration's defaults).
func TestFairThresholdsChangeOnlyWhatIsGiven(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.duckdb")
	bands := []string{"--volume-medium", "7000", "--volume-large", "90000", "--received-medium", "60", "--received-large", "700"}
	if out, code := runCLI(t, append([]string{"fair", "thresholds", "--db", db}, bands...)...); code != 0 {
		t.Fatalf("set the bands: exit %d\n%s", code, out)
	}
	before, _ := runCLI(t, "fair", "show", "--db", db)
	out, code := runCLI(t, "fair", "thresholds", "--db", db, "--small-n", "5")
	if code != 0 {
		t.Fatalf("--small-n 5: exit %d\n%s", code, out)
	}
	want := strings.Replace(before, `"small_n": 10,`, `"small_n": 5,`, 1)
	if want == before || out != want {
		t.Errorf("after --small-n 5:\n%s\nwant:\n%s", out, want)
	}
}

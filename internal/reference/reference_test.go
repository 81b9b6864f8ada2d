package reference

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Plaintes REÇUES ", "plaintes recues"},
		{"plaintes_recues", "plaintes recues"},
		{"Kanaal - E-mail", "kanaal e mail"},
		{"FOD Financiën", "fod financien"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMatchers(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Organisations) != 26 || len(c.Indicators) != 20 || len(c.Criteria) != 14 {
		t.Fatalf("loaded %d organisations, %d indicators, %d criteria", len(c.Organisations), len(c.Indicators), len(c.Criteria))
	}
	tests := []struct {
		name    string
		matcher *Matcher
		in      string
		want    string
	}{
		{"indicator by NL label", c.IndicatorMatcher(), "ontvangen KLACHTEN", "received"},
		{"indicator by FR label", c.IndicatorMatcher(), "Plaintes reçues", "received"},
		{"indicator by code", c.IndicatorMatcher(), "ack_on_time", "ack_on_time"},
		{"organisation by FR name", c.OrganisationMatcher(), "spf finances", "FIN"},
		{"organisation by code", c.OrganisationMatcher(), "rsz", "RSZ"},
		{"channel by FR label", c.ValueMatcher("channel"), "Lettre", "letter"},
		{"type by FR label", c.ValueMatcher("type"), "Gestion des plaintes", "complaint_handling"},
		{"breakdown word", c.BreakdownMatcher(), "Kanaal", "channel"},
		{"column role", c.ColumnMatcher(), "Année", "year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.matcher.Lookup(tt.in)
			if !ok || got != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestFindIn(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"Klachtenrapport FOD Financiën 2023", "FIN"},
		{"Office national de sécurité sociale — plaintes 2022", "RSZ"},
		{"rapport_SPF_Securite_sociale_2021.xlsx", "SOCSEC"},
		{"RIZIV_indicatoren.csv", "RIZIV"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got, _ := c.OrganisationMatcher().FindIn(tt.text); got != tt.want {
				t.Errorf("FindIn(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	label, code := c.IndicatorMatcher().Nearest("Ontvange klachten")
	if code != "received" {
		t.Errorf("Nearest = %q (%s), want received", label, code)
	}
}

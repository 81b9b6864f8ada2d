package reference

import (
	"strings"
	"testing"
)

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
	if len(c.Organisations) != 26 || len(c.Indicators) != 23 || len(c.Criteria) != 14 {
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

// TestIndicatorTexts fails when an indicator of the catalogue lacks its
// label or its definition in one of the three languages, or carries the
// English text as its Dutch or French definition.
func TestIndicatorTexts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range c.Indicators {
		for _, lang := range Languages {
			if in.Label.In(lang) == "" {
				t.Errorf("indicator %s has no label in %s", in.Code, lang)
			}
			if in.Definition.In(lang) == "" || in.DefinitionIn(lang, in.FirstYear) == "" {
				t.Errorf("indicator %s has no definition in %s", in.Code, lang)
			}
			if lang != "en" && in.Definition.In(lang) == in.Definition.EN {
				t.Errorf("indicator %s: the %s definition is the English one", in.Code, lang)
			}
		}
	}
}

func TestDefinitionIn(t *testing.T) {
	in := Indicator{Code: "received"}
	in.SetDefinition("nl", 2011, "eerste")
	in.SetDefinition("nl", 2020, "tweede")
	in.SetDefinition("fr", 2011, "première")
	in.SetDefinition("nl", 2020, "tweede, verbeterd")
	tests := []struct {
		lang string
		year int
		want string
	}{
		{"nl", 2005, "eerste"},
		{"nl", 2019, "eerste"},
		{"nl", 2020, "tweede, verbeterd"},
		{"nl", 2030, "tweede, verbeterd"},
		{"fr", 2030, "première"},
		{"en", 2030, ""},
	}
	for _, tt := range tests {
		if got := in.DefinitionIn(tt.lang, tt.year); got != tt.want {
			t.Errorf("DefinitionIn(%s, %d) = %q, want %q", tt.lang, tt.year, got, tt.want)
		}
	}
	if in.Definition.NL != "tweede, verbeterd" || len(in.History) != 3 {
		t.Errorf("current = %+v, history %+v", in.Definition, in.History)
	}
}

func TestMembershipAndActivity(t *testing.T) {
	o := Organisation{Code: "X", FirstYear: 2015, LastYear: 2020, Groups: []Membership{{2015, "a"}}}
	o.MoveTo("b", 2018)
	o.MoveTo("b", 2019) // already in b: nothing new
	for _, tt := range []struct {
		year   int
		group  string
		active bool
	}{{2014, "", false}, {2015, "a", true}, {2017, "a", true}, {2018, "b", true}, {2020, "b", true}, {2021, "b", false}} {
		if g, a := o.GroupIn(tt.year), o.ActiveIn(tt.year); g != tt.group || a != tt.active {
			t.Errorf("%d: group %q active %v, want %q %v", tt.year, g, a, tt.group, tt.active)
		}
	}
	if len(o.Groups) != 2 {
		t.Errorf("memberships %+v", o.Groups)
	}
}

func TestOfName(t *testing.T) {
	name := Labels{NL: "Naam", FR: "Nom", EN: "Name"}
	tests := []struct {
		article, lang, frName, want string
	}{
		{"le", "fr", "SPF Finances", "du SPF Finances"},
		{"la", "fr", "Police fédérale", "de la Police fédérale"},
		{"l’", "fr", "Office national de l'Emploi", "de l’Office national de l'Emploi"},
		{"les", "fr", "Services réunis", "des Services réunis"},
		{"", "fr", "Défense", "de Défense"},
		{"", "fr", "Europe", "d’Europe"},
		{"le", "nl", "SPF Finances", "van Naam"},
		{"le", "en", "SPF Finances", "of Name"},
	}
	for _, tt := range tests {
		o := Organisation{Name: name, ArticleFR: tt.article}
		o.Name.FR = tt.frName
		if got := o.OfName(tt.lang); got != tt.want {
			t.Errorf("%q %s %q: %q, want %q", tt.article, tt.lang, tt.frName, got, tt.want)
		}
	}
}

// TestIndicatorsIn: an indicator is collected from its first year on, in
// catalogue order.
func TestIndicatorsIn(t *testing.T) {
	c, err := New(Seed{Indicators: []Indicator{
		{Code: "a", Unit: "count", FirstYear: 2011}, {Code: "b", Unit: "count", FirstYear: 2020}, {Code: "c", Unit: "days", FirstYear: 2015}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		year int
		want string
	}{{2010, ""}, {2011, "a"}, {2019, "a c"}, {2020, "a b c"}} {
		var got []string
		for _, in := range c.IndicatorsIn(tt.year) {
			got = append(got, in.Code)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%d: %v, want %q", tt.year, got, tt.want)
		}
	}
}

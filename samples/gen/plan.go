package main

import (
	"fmt"
	"math"
	"strings"
)

// Channel and language mixes the organisations draw from. An organisation
// lists only the channels and languages its tool records.
var (
	allChannels = []share{{"email", .28}, {"webform", .38}, {"letter", .14}, {"phone", .12}, {"counter", .05}, {"fax", .01}, {"other", .02}}
	noCounter   = []share{{"email", .35}, {"webform", .40}, {"letter", .15}, {"phone", .10}}
	fewChannels = []share{{"email", .60}, {"webform", .25}, {"letter", .10}, {"phone", .05}}
	police      = []share{{"email", .30}, {"webform", .25}, {"letter", .15}, {"phone", .10}, {"counter", .18}, {"other", .02}}
	pensions    = []share{{"email", .25}, {"webform", .30}, {"letter", .25}, {"phone", .12}, {"counter", .08}}

	national      = []share{{"nl", .56}, {"fr", .40}, {"de", .01}, {"en", .02}, {"other", .01}}
	mostlyDutch   = []share{{"nl", .70}, {"fr", .27}, {"en", .03}}
	mostlyFrench  = []share{{"nl", .33}, {"fr", .63}, {"de", .02}, {"en", .02}}
	nationalThree = []share{{"nl", .57}, {"fr", .41}, {"de", .02}}
	international = []share{{"nl", .45}, {"fr", .35}, {"en", .18}, {"other", .02}}
)

// profiles are the organisations of the samples: FPSs, social security
// institutions, the police, defence and other public institutions, from a
// few dozen complaints a year to several thousand.
var profiles = []profile{
	{org: "BOSA", years: yearsFrom(2019), from: 120, to: 260, inadmissible: .30, open: .06, founded: .30, partly: .12, ackOnTime: .95, closedOnTime: .88, avgDays: 21, avgDecimals: 2, infoRequests: .40, criteria: 11, channels: fewChannels, languages: national, activity: 60},
	{org: "FIN", years: yearsFrom(2019), from: 1100, to: 2500, inadmissible: .22, open: .09, founded: .33, partly: .14, ackOnTime: .91, closedOnTime: .78, avgDays: 34, avgDecimals: 1, infoRequests: .60, criteria: 10, channels: allChannels, languages: national, activity: 900},
	{org: "JUST", years: yearsFrom(2019), from: 650, to: 1500, inadmissible: .35, open: .12, founded: .28, partly: .10, ackOnTime: .85, closedOnTime: .70, avgDays: 41, avgDecimals: 1, infoRequests: .30, criteria: 9, channels: noCounter, languages: national},
	{org: "MOB", years: yearsFrom(2019, 2020), from: 350, to: 800, inadmissible: .20, open: .07, founded: .36, partly: .12, ackOnTime: .93, closedOnTime: .83, avgDays: 27, avgDecimals: 1, infoRequests: .50, criteria: 10, channels: allChannels, languages: national},
	{org: "IBZ", years: yearsFrom(2019), from: 450, to: 1000, inadmissible: .28, open: .08, founded: .25, partly: .11, ackOnTime: .90, closedOnTime: .80, avgDays: 30, avgDecimals: 1, infoRequests: .35, criteria: 10, channels: noCounter, languages: national},
	{org: "DEF", years: yearsFrom(2019), from: 300, to: 650, inadmissible: .25, open: .05, founded: .22, partly: .09, ackOnTime: .96, closedOnTime: .90, avgDays: 18, avgDecimals: 1, infoRequests: .15, criteria: 12, channels: fewChannels, languages: national},
	{org: "POL", years: yearsFrom(2019), from: 1800, to: 4000, inadmissible: .40, open: .10, founded: .20, partly: .08, ackOnTime: .88, closedOnTime: .72, avgDays: 38, avgDecimals: 1, infoRequests: .05, criteria: 9, channels: police, languages: national},
	{org: "SFP", years: yearsFrom(2019), from: 2200, to: 5200, inadmissible: .15, open: .08, founded: .34, partly: .15, ackOnTime: .97, closedOnTime: .86, avgDays: 26, avgDecimals: 2, infoRequests: .90, criteria: 12, channels: pensions, languages: mostlyFrench, activity: 350},
	{org: "RSZ", years: yearsFrom(2019), from: 500, to: 1100, inadmissible: .18, open: .06, founded: .31, partly: .13, ackOnTime: .94, closedOnTime: .88, avgDays: 19, avgDecimals: 1, infoRequests: .70, criteria: 13, channels: noCounter, languages: mostlyDutch, activity: 2500},
	{org: "RIZIV", years: yearsFrom(2019), from: 700, to: 1600, inadmissible: .26, open: .07, founded: .27, partly: .13, ackOnTime: .92, closedOnTime: .81, avgDays: 28, avgDecimals: 1, infoRequests: .55, criteria: 11, channels: noCounter, languages: national, activity: 400},
	{org: "RVA", years: yearsFrom(2019), from: 900, to: 2100, inadmissible: .24, open: .10, founded: .29, partly: .12, ackOnTime: .90, closedOnTime: .75, avgDays: 33, avgDecimals: 1, infoRequests: .80, criteria: 9, channels: allChannels, languages: mostlyFrench},
	{org: "RJV", years: yearsFrom(2019), from: 90, to: 150, inadmissible: .12, open: .04, founded: .35, partly: .10, ackOnTime: .98, closedOnTime: .95, avgDays: 12, avgDecimals: 1, infoRequests: .60, criteria: 12, channels: fewChannels, languages: nationalThree, activity: 700},
	{org: "FAGG", years: yearsFrom(2019, 2023), from: 60, to: 140, inadmissible: .45, open: .08, founded: .20, partly: .10, ackOnTime: .90, closedOnTime: .85, avgDays: 24, avgDecimals: 1, infoRequests: .90, criteria: 8, channels: fewChannels, languages: international},
	{org: "HZIV", years: yearsFrom(2021), from: 65, to: 140, inadmissible: .20, open: .05, founded: .30, partly: .12, ackOnTime: .93, closedOnTime: .90, avgDays: 16, avgDecimals: 1, infoRequests: .30, criteria: 7, channels: fewChannels, languages: nationalThree},
	{org: "KBO", years: yearsFrom(2019), from: 25, to: 45, inadmissible: .30, open: .05, founded: .25, partly: .10, ackOnTime: 1, closedOnTime: .92, avgDays: 14, avgDecimals: 1, infoRequests: .20, criteria: 13, channels: fewChannels, languages: national, activity: 8000},
}

// core is what the smallest administrations count: no splits, no
// suggestions or compliments.
var core = []string{"received", "admissible", "inadmissible", "closed", "founded", "partly_founded", "unfounded", "open_end_of_year", "avg_days", "criteria_met"}

// export is one sample file: its name, what it states, and how it is
// written.
type export struct {
	name  string
	recs  []record
	write func(*book, []record) ([]byte, error)
}

// org gathers an organisation's profile and generated figures per year.
type org struct {
	profile
	figs map[int]figures
}

func orgs() map[string]org {
	out := map[string]org{}
	for _, p := range profiles {
		o := org{profile: p, figs: map[int]figures{}}
		for _, y := range p.years {
			o.figs[y] = generate(p, y)
		}
		out[p.org] = o
	}
	return out
}

// all returns a record per reported year, each trimmed by trim.
func (o org) all(trim func(year int, f figures) figures) []record {
	var out []record
	for _, y := range o.years {
		f := o.figs[y]
		if trim != nil {
			f = trim(y, f)
		}
		out = append(out, record{org: o.org, year: y, figs: f})
	}
	return out
}

// perYear makes one file per reported year, named by name(year).
func (o org) perYear(name func(year int) string, write func(*book, []record) ([]byte, error), trim func(year int, f figures) figures) []export {
	var out []export
	for _, r := range o.all(trim) {
		out = append(out, export{name: name(r.year), recs: []record{r}, write: write})
	}
	return out
}

func withNote(note string) func(*book, []record) ([]byte, error) {
	return func(b *book, recs []record) ([]byte, error) { return longCodes(b, recs, note) }
}

// plan lists every sample file. Each organisation keeps one style over the
// years, as administrations do.
func plan() []export {
	o := orgs()
	var out []export
	add := func(e ...export) { out = append(out, e...) }

	// 1. The network template: long layout, codes, comma separated, UTF-8.
	add(o["BOSA"].perYear(func(y int) string { return fmt.Sprintf("BOSA_complaints_%d.csv", y) }, withNote(""), nil)...)
	add(o["FAGG"].perYear(func(y int) string { return fmt.Sprintf("fagg_indicators_%d.csv", y) }, withNote(""), nil)...)
	add(o["HZIV"].perYear(func(y int) string { return fmt.Sprintf("HZIV_%d.csv", y) }, withNote(""), func(y int, f figures) figures {
		if y == 2021 {
			return f.only(core...) // its first year: only what it already counted
		}
		return f
	})...)
	add(o["KBO"].perYear(func(y int) string { return fmt.Sprintf("KSZ-BCSS klachten-plaintes %d.csv", y) },
		withNote("Counted by hand from the complaints mailbox; no split by channel, language or type."),
		func(_ int, f figures) figures { return f.only(core...) })...)
	add(export{name: "RIZIV_complaints_2019-2025.csv", recs: o["RIZIV"].all(nil), write: withNote("")})

	// 2. Dutch long layout from Excel on Windows: ';', Windows-1252, CRLF.
	fin := o["FIN"]
	finLabels := dutchLong{relabel: map[string]string{
		"received":         "ontvangen klachten",
		"founded":          "Gegronde  klachten",
		"open_end_of_year": "Nog in behandeling op 31 December",
		"avg_days":         "Gemiddelde behandelingsduur (kalenderdagen) ",
		"criteria_met":     "VERVULDE CRITERIA (OP 14)",
	}}
	add(fin.perYear(func(y int) string { return fmt.Sprintf("FIN_klachten_%d.csv", y) }, finLabels.write, nil)...)
	// The correction of 2023 sorts after the original and supersedes the
	// indicators it restates.
	// They found 41 late-registered inadmissible complaints, which also
	// lengthened the average processing time by 2.3 days.
	avgDays := math.Round((fin.figs[2023][key{"avg_days", ""}]+2.3)*10) / 10
	corrected := correction(fin.profile, fin.figs[2023], 41, avgDays)
	add(export{name: "FIN_klachten_2023_correctie.csv", recs: []record{{org: "FIN", year: 2023, figs: corrected}}, write: finLabels.write})
	rjv := dutchLong{remarks: map[key]string{
		{"received", ""}:            "incl. klachten via het contactcenter",
		{"inadmissible", ""}:        "meestal vragen over het vakantiegeld van een ander jaar",
		{"avg_days", ""}:            "kalenderdagen, mediaan ligt lager",
		{"criteria_met", ""}:        "zelfevaluatie — gevalideerd door de coördinator",
		{"improvement_actions", ""}: "zie actieplan",
	}}
	add(o["RJV"].perYear(func(y int) string { return fmt.Sprintf("RJV - klachtenindicatoren %d.csv", y) }, rjv.write, nil)...)

	// 3. French wide layout kept by hand, several years in one file.
	add(export{name: "SFP_indicateurs_plaintes_2019-2025.csv", recs: o["SFP"].all(nil), write: frenchWide{
		title: "Service fédéral des Pensions — indicateurs de gestion des plaintes",
	}.write})

	// 4. A ticketing tool's wide export with code headers, tab separated.
	add(export{name: "POL_export_klachten-plaintes_2019-2025.csv", recs: o["POL"].all(func(_ int, f figures) figures {
		return f.without("founded_by_type") // Comité P classifies these, not the police
	}), write: codesWide})

	// 5. Hand-made yearly reports: indicators as rows, years as columns,
	// the organisation in a merged title, notes on the first sheet.
	add(export{name: "jaarverslag_klachten_FOD_Justitie.xlsx", recs: o["JUST"].all(func(y int, f figures) figures {
		if y == 2019 {
			return f.without("ack_on_time", "closed_on_time") // terms were not yet tracked
		}
		return f
	}), write: report{
		creator:   "Dienst Klachtenmanagement",
		notesName: "Toelichting",
		notes: []string{
			"Jaarverslag klachtenmanagement — FOD Justitie",
			"De cijfers staan op het tabblad Indicatoren.",
			"2019 en 2020 werden overgenomen uit het vorige verslag; de termijnen werden in 2019 nog niet opgevolgd.",
			"Vanaf 2023 wordt het aantal ontvangen klachten berekend als ontvankelijk + onontvankelijk.",
		},
		sheet:    "Indicatoren",
		title:    "FOD Justitie — Klachtenmanagement",
		lang:     "nl",
		heading:  "Indicator",
		style:    byWord,
		years:    yearsFrom(2019),
		asText:   func(_ key, y int) bool { return y <= 2020 },
		sums:     map[string][]string{"received": {"admissible", "inadmissible"}},
		sumsFrom: 2023,
	}.write})
	add(export{name: "ONEM_rapport_annuel_plaintes.xlsx", recs: o["RVA"].all(nil), write: report{
		creator:   "Service de gestion des plaintes",
		notesName: "Notes",
		notes: []string{
			"Rapport annuel — gestion des plaintes de première ligne",
			"Les chiffres se trouvent dans l'onglet Indicateurs.",
			"Les plaintes clôturées sont la somme des plaintes fondées, partiellement fondées et non fondées.",
		},
		sheet:     "Indicateurs",
		title:     "Office national de l'Emploi — Gestion des plaintes",
		lang:      "fr",
		heading:   "Indicateur",
		style:     byIndicator,
		years:     yearsFrom(2019),
		textYears: true,
		asText: func(k key, y int) bool {
			// Typed over from the yearly letters in odd years; never the
			// terms of a formula.
			return y%2 == 1 && (k.indicator == "information_requests" || k.indicator == "suggestions" || k.indicator == "compliments")
		},
		sums:     map[string][]string{"closed": {"founded", "partly_founded", "unfounded"}},
		sumsFrom: firstYear,
	}.write})

	// 6. A French report named only by its file: no title, years as columns,
	// the year it did not report left as an empty column.
	add(export{name: "SPF Mobilité et Transports - indicateurs plaintes.xlsx", recs: o["MOB"].all(nil), write: report{
		creator: "SPF Mobilité",
		sheet:   "Feuil1",
		lang:    "fr",
		heading: "",
		style:   byWord,
		years:   yearsFrom(2019),
		relabel: map[string]string{
			"received":       "Plaintes recues",
			"closed":         "plaintes clôturées",
			"closed_on_time": "Cloturees dans le delai",
			"compliments":    "  Félicitations",
		},
	}.write})

	// 7. Wide workbooks, one row per year under a title block: with a
	// two-level merged header, and with flat "Kanaal - E-mail" columns.
	add(export{name: "RSZ_indicatoren_2019-2025.xlsx", recs: o["RSZ"].all(func(y int, f figures) figures {
		if y <= 2020 {
			return f.without("founded_by_type") // classified by type since 2021
		}
		return f
	}), write: mergedWide{
		creator: "RSZ Klachtendienst",
		sheet:   "Indicatoren",
		titles:  []string{"Rijksdienst voor Sociale Zekerheid", "Klachtenmanagement — indicatoren 2019-2025"},
		lang:    "nl",
		year:    "Jaar",
		groups:  map[string]string{"by_channel": "Kanaal", "by_language": "Taal", "founded_by_type": "Gegronde klachten per type"},
	}.write})
	add(export{name: "Defensie_klachten_2019-2025.xlsx", recs: o["DEF"].all(nil), write: flatWide{
		creator: "Defensie",
		sheet:   "Klachten",
		title:   "Defensie — klachtenbehandeling 2019-2025",
		lang:    "nl",
		heads:   [2]string{"Organisatie", "Jaar"},
		styles:  map[string]labelStyle{"by_channel": byIndicator},
	}.write})

	// 8. French long layout on the second sheet of a workbook.
	add(export{name: "SPF Intérieur - plaintes 2019-2025.xlsx", recs: o["IBZ"].all(nil), write: frenchLong{
		creator:   "SPF Intérieur",
		notesName: "Lisez-moi",
		notes: []string{
			"Indicateurs de gestion des plaintes du SPF Intérieur, 2019-2025.",
			"Une ligne par valeur; la colonne Ventilation précise le canal, la langue ou le type.",
		},
		sheet: "Données",
	}.write})
	return out
}

// checkNames refuses file names that go:embed or the module zip would not
// accept, so a bad name fails here rather than in the build.
func checkNames(exports []export) error {
	seen := map[string]bool{}
	for _, e := range exports {
		if strings.ContainsAny(e.name, "\"*<>?`'|/\\:") || strings.HasPrefix(e.name, ".") || strings.HasPrefix(e.name, "_") {
			return fmt.Errorf("file name %q cannot be embedded", e.name)
		}
		if seen[e.name] {
			return fmt.Errorf("file name %q used twice", e.name)
		}
		seen[e.name] = true
	}
	return nil
}

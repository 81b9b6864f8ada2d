package extract

import "github.com/fcmn/infocentre/internal/reference"

// longHeaders are the column titles of the long layout, per language. The
// importer recognises the code columns (organisation, year, indicator,
// breakdown, value) by these names and ignores the label columns, which is
// what makes an extract re-import exactly.
var longHeaders = map[string][]string{
	"en": {"Organisation", "Organisation name", "Year", "Indicator", "Indicator label", "Breakdown", "Breakdown label", "Value", "Unit"},
	"nl": {"Organisatie", "Naam organisatie", "Jaar", "Indicator", "Label", "Uitsplitsing", "Label uitsplitsing", "Waarde", "Eenheid"},
	"fr": {"Organisation", "Nom organisation", "Année", "Indicateur", "Libellé", "Ventilation", "Libellé ventilation", "Valeur", "Unité"},
}

// Positions in longHeaders reused by the wide layout and the About sheet.
const (
	colOrganisation = 0
	colName         = 1
	colYear         = 2
	colIndicator    = 3
	colBreakdown    = 5
	colUnit         = 8
)

// unitLabels names the units of the catalogue for the Unit column.
var unitLabels = map[string]reference.Labels{
	"count": {NL: "aantal", FR: "nombre", EN: "count"},
	"days":  {NL: "dagen", FR: "jours", EN: "days"},
	"rate":  {NL: "percentage", FR: "pourcentage", EN: "percentage"},
}

// text holds the fixed wording of the Definitions and About sheets.
var text = map[string]reference.Labels{
	"definition":     {NL: "Label en definitie (definities in het Engels)", FR: "Libellé et définition (définitions en anglais)", EN: "Label and definition"},
	"rules":          {NL: "Consistentieregels (nagekeken bij het opladen)", FR: "Règles de cohérence (vérifiées au chargement)", EN: "Consistency rules (checked at upload)"},
	"title":          {NL: "Infocentre – gepubliceerde cijfers over klachtenmanagement", FR: "Infocentre – chiffres publiés sur la gestion des plaintes", EN: "Infocentre – published complaint-management figures"},
	"filters":        {NL: "Filters", FR: "Filtres", EN: "Filters"},
	"years":          {NL: "Jaren", FR: "Années", EN: "Years"},
	"organisations":  {NL: "Organisaties", FR: "Organisations", EN: "Organisations"},
	"indicators":     {NL: "Indicatoren", FR: "Indicateurs", EN: "Indicators"},
	"layout":         {NL: "Opmaak", FR: "Disposition", EN: "Layout"},
	"language":       {NL: "Taal", FR: "Langue", EN: "Language"},
	"all":            {NL: "alle", FR: "tous", EN: "all"},
	"extracted":      {NL: "Geëxtraheerd op", FR: "Extrait le", EN: "Extracted at"},
	"data_version":   {NL: "Versie van de gegevens", FR: "Version des données", EN: "Data version"},
	"platform":       {NL: "Versie van het platform", FR: "Version de la plateforme", EN: "Platform version"},
	"figures":        {NL: "Aantal cijfers", FR: "Nombre de chiffres", EN: "Figures"},
	"published_only": {NL: "Enkel goedgekeurde, geldende cijfers: per organisatie, jaar en indicator de waarden van de laatste goedgekeurde indiening die de indicator bevat.", FR: "Uniquement les chiffres approuvés et en vigueur : par organisation, année et indicateur, les valeurs de la dernière soumission approuvée qui contient l'indicateur.", EN: "Published figures only: for each organisation, year and indicator, the values of the latest approved submission that carries the indicator."},
	"sources":        {NL: "Bronnen: de indieningen waar de cijfers uit komen", FR: "Sources : les soumissions dont proviennent les chiffres", EN: "Sources: the submissions the figures come from"},
	"version":        {NL: "Versie", FR: "Version", EN: "Version"},
	"file_name":      {NL: "Bestandsnaam", FR: "Nom du fichier", EN: "File name"},
	"received_on":    {NL: "Ontvangen op", FR: "Reçu le", EN: "Received on"},
	"kind":           {NL: "Soort", FR: "Type", EN: "Kind"},
	"source_figures": {NL: "Cijfers in dit bestand", FR: "Chiffres dans ce fichier", EN: "Figures in this extract"},
	"layout_long":    {NL: "lang (één rij per waarde)", FR: "longue (une ligne par valeur)", EN: "long (one row per value)"},
	"layout_wide":    {NL: "breed (één rij per organisatie en jaar)", FR: "large (une ligne par organisation et année)", EN: "wide (one row per organisation and year)"},
	"kind_file":      {NL: "bestand", FR: "fichier", EN: "file"},
	"kind_register":  {NL: "register", FR: "registre", EN: "register"},
}

// consistencyRules are the checks made at import (shared/README.md), so that
// an analyst knows which identities the figures satisfy.
var consistencyRules = []reference.Labels{
	{
		NL: "Aantallen zijn gehele getallen ≥ 0; avg_days ≥ 0; criteria_met ligt tussen 0 en 14.",
		FR: "Les nombres sont des entiers ≥ 0 ; avg_days ≥ 0 ; criteria_met est compris entre 0 et 14.",
		EN: "Counts are whole numbers ≥ 0; avg_days ≥ 0; criteria_met is between 0 and 14.",
	},
	{
		NL: "admissible + inadmissible = received",
		FR: "admissible + inadmissible = received",
		EN: "admissible + inadmissible = received",
	},
	{
		NL: "founded + partly_founded + unfounded = closed, en closed ≤ admissible",
		FR: "founded + partly_founded + unfounded = closed, et closed ≤ admissible",
		EN: "founded + partly_founded + unfounded = closed, and closed ≤ admissible",
	},
	{
		NL: "closed + open_end_of_year = admissible (waarschuwing: besturen die stromen tellen in plaats van het cohort van het jaar wijken hier af)",
		FR: "closed + open_end_of_year = admissible (avertissement : les administrations qui comptent des flux plutôt que la cohorte de l'année s'en écartent)",
		EN: "closed + open_end_of_year = admissible (warning: administrations that count flows rather than the year's cohort differ here)",
	},
	{
		NL: "ack_on_time ≤ admissible; closed_on_time ≤ closed",
		FR: "ack_on_time ≤ admissible ; closed_on_time ≤ closed",
		EN: "ack_on_time ≤ admissible; closed_on_time ≤ closed",
	},
	{
		NL: "De delen van by_channel en by_language tellen op tot received; de delen van founded_by_type tellen op tot founded + partly_founded.",
		FR: "Les parties de by_channel et by_language totalisent received ; les parties de founded_by_type totalisent founded + partly_founded.",
		EN: "The parts of by_channel and by_language add up to received; the parts of founded_by_type add up to founded + partly_founded.",
	},
	{
		NL: "Een regel wordt nagekeken wanneer al zijn termen aanwezig zijn. Afgeleide percentages (zoals ontvankelijk / ontvangen) worden nooit opgeladen, enkel berekend.",
		FR: "Une règle est vérifiée lorsque tous ses termes sont présents. Les taux dérivés (comme recevables / reçues) ne sont jamais chargés, seulement calculés.",
		EN: "A rule is checked when all its terms are present. Derived rates (such as admissible / received) are never uploaded, only computed.",
	},
}

// say returns the fixed text key in lang; a missing key is a bug.
func say(key, lang string) string {
	l, ok := text[key]
	if !ok {
		panic("extract: no text " + key)
	}
	return l.In(lang)
}

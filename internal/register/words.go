package register

import (
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Header texts per role; matched once normalised (reference.Normalize).
var headerTexts = map[string][]string{
	store.RegisterOrganisation: {"organisation", "organization", "organisatie", "administration", "administratie", "bestuur", "instelling", "org", "organisation code"},
	store.RegisterComplaint: {"complaint number", "complaint", "complaint id", "number", "nr", "no", "id", "reference",
		"klachtnummer", "nummer klacht", "klacht nr", "nummer", "referentie", "dossiernummer",
		"numero", "numero de plainte", "n de plainte", "n plainte", "plainte", "reference de la plainte"},
	store.RegisterReceived: {"date received", "received", "received on", "date of receipt", "receipt date",
		"datum ontvangst", "ontvangstdatum", "ontvangen op", "datum ontvangen", "ontvangen",
		"date de reception", "date reception", "recue le", "date de la plainte", "reception"},
	store.RegisterChannel:    {"channel", "kanaal", "canal"},
	store.RegisterLanguage:   {"language", "taal", "langue"},
	store.RegisterAdmissible: {"admissible", "ontvankelijk", "recevable", "ontvankelijkheid", "recevabilite", "admissibility"},
	store.RegisterOutcome: {"outcome", "result", "decision", "uitkomst", "resultaat", "beoordeling", "gegrondheid", "beslissing",
		"resultat", "fondement", "decision finale", "bien fonde"},
	store.RegisterType: {"type", "type of founded complaint", "complaint type", "type of complaint", "soort", "type klacht", "klachttype",
		"type gegronde klacht", "type de plainte", "type de plainte fondee"},
	store.RegisterAck: {"date acknowledged", "acknowledged", "acknowledgement", "date acknowledgement", "date acknowledgement sent",
		"acknowledgement sent", "ontvangstmelding", "datum ontvangstmelding", "ontvangstbevestiging", "datum ontvangstbevestiging",
		"accuse de reception", "date accuse de reception", "date de l accuse de reception"},
	store.RegisterClosed: {"date closed", "closed", "closed on", "closing date", "date of final answer", "final answer",
		"datum afsluiting", "afgesloten op", "afgesloten", "datum afhandeling", "afgehandeld op", "datum antwoord",
		"date de cloture", "date cloture", "cloture", "cloturee le", "date de reponse", "reponse finale"},
	store.RegisterSecondLine: {"second line", "taken to the second line", "second line body", "tweede lijn", "naar tweede lijn",
		"doorverwezen naar tweede lijn", "deuxieme ligne", "vers la deuxieme ligne", "renvoyee vers la deuxieme ligne"},
}

// yesNo reads admissible and second-line cells.
var yesNo = map[string]string{
	"yes": "yes", "y": "yes", "ja": "yes", "j": "yes", "oui": "yes", "o": "yes", "1": "yes", "true": "yes", "waar": "yes", "vrai": "yes", "x": "yes",
	"no": "no", "n": "no", "nee": "no", "neen": "no", "non": "no", "0": "no", "false": "no", "onwaar": "no", "faux": "no",
}

// outcomeWords reads the outcome of a closed complaint.
var outcomeWords = map[string]string{
	"founded": "founded", "gegrond": "founded", "fonde": "founded", "fondee": "founded", "fondees": "founded", "justified": "founded",
	"partly founded": "partly_founded", "partially founded": "partly_founded", "gedeeltelijk gegrond": "partly_founded",
	"deels gegrond": "partly_founded", "partiellement fonde": "partly_founded", "partiellement fondee": "partly_founded",
	"partiellement fondees": "partly_founded",
	"unfounded":             "unfounded", "not founded": "unfounded", "ongegrond": "unfounded", "niet gegrond": "unfounded",
	"non fonde": "unfounded", "non fondee": "unfounded", "non fondees": "unfounded", "unjustified": "unfounded",
}

// headerRoles maps every normalised header text to its role.
func headerRoles() map[string]string {
	out := map[string]string{}
	for role, texts := range headerTexts {
		for _, t := range texts {
			out[reference.Normalize(t)] = role
		}
	}
	return out
}

// outcomeCodes maps every normalised outcome text, codes included, to the
// outcome code.
func outcomeCodes() map[string]string {
	out := map[string]string{}
	for text, code := range outcomeWords {
		out[reference.Normalize(text)] = code
		out[reference.Normalize(code)] = code
	}
	return out
}

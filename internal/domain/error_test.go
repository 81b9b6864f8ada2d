package domain

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/locale"
)

func TestErrorRendersInEachLanguage(t *testing.T) {
	err := fmt.Errorf("store: open: %w", Errorf(ENOTFOUND, "error.submission_not_found", 12))
	tests := []struct{ lang, want string }{
		{"en", "submission 12 does not exist"},
		{"nl", "inzending 12 bestaat niet"},
		{"fr", "l’envoi 12 n’existe pas"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := ErrorText(err, locale.NewPrinter(tt.lang)); got != tt.want {
				t.Errorf("ErrorText = %q, want %q", got, tt.want)
			}
		})
	}
	if got := err.Error(); got != "store: open: not_found: submission 12 does not exist" {
		t.Errorf("Error() = %q: logs read English", got)
	}
}

// TestPhraseArguments: an argument that is a phrase or an error is rendered
// in the same language before it fills the text.
func TestPhraseArguments(t *testing.T) {
	inner := Errorf(EINVALID, "error.register.utf16")
	err := Errorf(EINVALID, "error.observation_refused", 3, "FIN", 2024, "received", "", Phrasef("error.observation.twice"))
	tests := []struct {
		lang string
		err  *Error
		want string
	}{
		{"en", err, `observation 3 (FIN 2024 received “”): given twice`},
		{"nl", err, `waarneming 3 (FIN 2024 received “”): twee keer opgegeven`},
		{"fr", err, "observation 3 (FIN 2024 received «\u00a0\u00a0»)\u00a0: indiquée deux fois"},
		{"nl", Errorf(EINVALID, "error.file_reason", "r.csv", inner), "r.csv: het bestand is UTF-16-tekst: sla het op als CSV UTF-8"},
		{"fr", Errorf(EINVALID, "error.unknown_organisation_codes", List{Quoted("FINN"), Quoted("XX")}),
			"organisation inconnue «\u00a0FINN\u00a0», «\u00a0XX\u00a0»"},
		{"nl", Errorf(EINVALID, "error.unknown_indicator_codes", List{Quoted("recieved")}), "onbekende indicator “recieved”"},
		{"fr", Errorf(EINVALID, "error.assessment_transition", Phrasef(stateWord[AssessmentValidated]), Phrasef(pastTense[ActionSave])),
			"une autoévaluation au statut «\u00a0validée\u00a0» ne peut pas être modifiée"},
	}
	for _, tt := range tests {
		if got := tt.err.Text(locale.NewPrinter(tt.lang)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := ErrorText(errors.New("disk full"), locale.NewPrinter("fr")); got != "disk full" {
		t.Errorf("a plain error renders as %q, want its own words", got)
	}
}

// errorKey finds the message key of Errorf and Phrasef calls written with a
// literal key (not one completed at run time: "status."+s).
var errorKey = regexp.MustCompile(`(?:Errorf\((?:domain\.)?E[A-Z]+|Phrasef\()\s*,?\s*"([^"]*)"\s*[,)]`)

// TestErrorKeysExist: every domain error built with a literal key names a
// text of the locale files, so that no reader ever sees a key or an English
// format string.
func TestErrorKeysExist(t *testing.T) {
	en := locale.NewPrinter("en")
	found := 0
	err := filepath.WalkDir(filepath.Join("..", ".."), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "data", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range errorKey.FindAllStringSubmatch(string(b), -1) {
			found++
			if !en.Has(m[1]) {
				t.Errorf("%s: %q is not a key of internal/locale: write the message in translations/{en,nl,fr}.json and use its key", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 100 {
		t.Errorf("found %d domain errors; the pattern no longer matches the code", found)
	}
}

// TestProblemQuotesInEachLanguage: the value a problem quotes from the file
// stands between the quotation marks of the reader's language, alone, with
// its place and in a group; straight quotes appear in none.
func TestProblemQuotesInEachLanguage(t *testing.T) {
	place := Place{File: "bad.csv", Row: 14, Column: 3, Header: "Ontvangen klachten"}
	p := Errorp("value_not_number", place, "veel", Args("indicator", "received", "expected", "12"))
	group := p
	group.Count = 4
	bare := Errorp("value_not_number", Place{}, "veel", Args("indicator", "received", "expected", "12"))
	tests := []struct{ lang, want string }{
		{"nl", "“veel”"},
		{"fr", "«\u00a0veel\u00a0»"},
		{"en", "“veel”"},
	}
	for _, tt := range tests {
		pr := locale.NewPrinter(tt.lang)
		for what, got := range map[string]string{"placed": p.Sentence(pr), "grouped": group.Sentence(pr), "bare": bare.Sentence(pr)} {
			if !strings.Contains(got, tt.want) || strings.ContainsAny(got, `"'`) {
				t.Errorf("%s %s problem = %q, want the value as %s and no straight quotes", tt.lang, what, got, tt.want)
			}
		}
	}
}

// Package domain holds the types every other package speaks: observations,
// submissions, the problems found in a file, and the error codes that the web
// layer turns into HTTP statuses.
//
// Its files go by job, so that a change to one rule touches one group:
// domain.go the shared types and errors, problem*.go the problems found in
// a file (their places, texts, grouping and limits), criteria*.go the
// workflow of the 14 criteria (self-assessment, mystery shopping),
// outliers.go the statistics that flag a value that looks wrong, rounds.go
// the collection rounds and notes on values.
package domain

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/locale"
)

// Observation is one reported value: (organisation, year, indicator,
// breakdown value or empty, value).
type Observation struct {
	Organisation string  `json:"organisation"`
	Year         int     `json:"year"`
	Indicator    string  `json:"indicator"`
	Breakdown    string  `json:"breakdown"`
	Value        float64 `json:"value"`
}

// Key identifies an observation regardless of its value.
type Key struct {
	Organisation string
	Year         int
	Indicator    string
	Breakdown    string
}

// Key returns the identity of the observation.
func (o Observation) Key() Key {
	return Key{o.Organisation, o.Year, o.Indicator, o.Breakdown}
}

// Submission statuses.
const (
	StatusSubmitted = "submitted"
	StatusApproved  = "approved"
	StatusReturned  = "returned"
)

// Submission kinds: an aggregate file, indicators computed from a register,
// criteria_met derived from a validated self-assessment, or the figures
// typed in the online form (read as a file is, recorded apart so that the
// coordinator sees where they come from).
const (
	KindFile           = "file"
	KindRegister       = "register"
	KindSelfAssessment = "self_assessment"
	KindForm           = "form"
)

// Submission is one administration's upload for one year.
type Submission struct {
	ID           int64     `json:"id"`
	Organisation string    `json:"organisation"`
	Year         int       `json:"year"`
	Version      int       `json:"version"`
	FileName     string    `json:"file_name"`
	SHA256       string    `json:"sha256"`
	Source       string    `json:"source"`
	Kind         string    `json:"kind"`
	Status       string    `json:"status"`
	Comment      string    `json:"comment,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	Observations int       `json:"observations"`
}

// Error codes, mapped to HTTP statuses in exactly one place (internal/web).
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EUNAUTH    = "unauthorized"
	ETOOLARGE  = "too_large"
	EINTERNAL  = "internal"
)

// Error is an application error as a value: a code that the web layer turns
// into a status, and a message as a locale key with its arguments, rendered
// in the reader's language at the edge (Text). Error() renders English, for
// logs and wrapping.
//
// Args fill the fmt verbs of the key's text (%s, %d, %[2]s to reorder); an
// argument that is a Phrase is rendered in the same language first.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Errorf builds an application error whose message is the text of key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Text renders the message in pr's language.
func (e *Error) Text(pr *locale.Printer) string { return Phrase{e.Key, e.Args}.Text(pr) }

func (e *Error) Error() string { return e.Code + ": " + e.Text(locale.NewPrinter(locale.Default)) }

// Phrase is a text to render later: a locale key and its fmt arguments. It
// stands for a fragment of a message (a field's name, why something was
// refused) that is itself translated.
type Phrase struct {
	Key  string
	Args []any
}

// texter is what renders itself in a language: a Phrase, an *Error, a
// *FileError.
type texter interface{ Text(*locale.Printer) string }

// ByLanguage is a name given in each language (an administration's name):
// it renders as the one of the reader's language, else the English one.
type ByLanguage map[string]string

// Text returns the name in pr's language.
func (b ByLanguage) Text(pr *locale.Printer) string {
	if s := b[pr.Lang()]; s != "" {
		return s
	}
	return b[locale.Default]
}

// List is a list of items rendered each in the reader's language (a Phrase,
// or a value printed as it is), separated by commas.
type List []any

// Text renders the list in pr's language.
func (l List) Text(pr *locale.Printer) string {
	parts := make([]string, len(l))
	for i, a := range l {
		if t, ok := a.(texter); ok {
			parts[i] = t.Text(pr)
		} else {
			parts[i] = fmt.Sprint(a)
		}
	}
	return strings.Join(parts, ", ")
}

// Quoted is a value a message quotes (a code from a request, a name from a
// file): it renders between the quotation marks of the reader's language.
type Quoted string

// Text renders the value between pr's quotation marks.
func (q Quoted) Text(pr *locale.Printer) string { return pr.Quote(string(q)) }

// Phrasef builds a phrase.
func Phrasef(key string, args ...any) Phrase { return Phrase{Key: key, Args: args} }

// Text renders the phrase in pr's language, its phrase arguments first (an
// argument that is an error is rendered as ErrorText does).
func (p Phrase) Text(pr *locale.Printer) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if t, ok := a.(texter); ok {
			a = t.Text(pr)
		} else if err, ok := a.(error); ok {
			a = ErrorText(err, pr)
		}
		args[i] = a
	}
	return pr.T(p.Key, args...)
}

// ErrorText renders err for a person in pr's language: the message of the
// domain error it wraps, a file-system error on a path (missing, not
// permitted, a folder), or else err's own English words.
func ErrorText(err error, pr *locale.Printer) string {
	var de *Error
	if errors.As(err, &de) {
		return de.Text(pr)
	}
	if s, ok := fileErrorText(err, pr); ok {
		return s
	}
	return err.Error()
}

// Account is a person who logs in: an agency bound to one organisation, a
// coordinator or an analyst.
type Account struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Role         string    `json:"role"`
	Organisation string    `json:"organisation,omitempty"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Action  string    `json:"action"`
	Subject string    `json:"subject,omitempty"`
	Detail  string    `json:"detail,omitempty"`
	Address string    `json:"address,omitempty"`
	Count   int       `json:"count"` // the entry and its repeats (blocked attempts collapsed into one entry)
}

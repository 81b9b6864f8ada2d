package domain

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/locale"
)

// Severity of a problem found in a file.
type Severity string

// Severities: an error refuses the file, a warning only informs.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Place locates a cell or line in an uploaded file. Row and Column are
// 1-based; zero means "not applicable".
type Place struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column int    `json:"column,omitempty"`
	Header string `json:"header,omitempty"`
}

// ColumnName turns 1 into A, 27 into AA, as spreadsheets name columns.
func ColumnName(n int) string {
	name := ""
	for n > 0 {
		n--
		name = string(rune('A'+n%26)) + name
		n /= 26
	}
	return name
}

// Problem is something wrong (error) or doubtful (warning) in a file, as a
// value: a stable code, its arguments and the place, all data. The words a
// person reads are rendered at the edge, in the reader's language, with
// Localize (or Text and Sentence); Message and Hint stay empty until then.
//
// The text of a code is the key "problem.<code>" of internal/locale, its
// arguments fill the {name} placeholders. An argument named "<name>_key"
// holds a locale key whose text fills {name}; {other} is the place Other.
type Problem struct {
	Severity Severity          `json:"severity"`
	Code     string            `json:"code"`
	Args     map[string]string `json:"args,omitempty"`
	Place    Place             `json:"place"`
	Other    *Place            `json:"other,omitempty"`
	Value    string            `json:"value,omitempty"`
	HintCode string            `json:"hint_code,omitempty"`
	Count    int               `json:"count,omitempty"` // set by Group: how many problems this one stands for
	Message  string            `json:"message,omitempty"`
	Hint     string            `json:"hint,omitempty"`
}

// Args builds the arguments of a problem from name, value pairs.
func Args(pairs ...string) map[string]string {
	if len(pairs) == 0 {
		return nil
	}
	m := make(map[string]string, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// Errorp builds an error problem; Warnp a warning.
func Errorp(code string, place Place, value string, args map[string]string) Problem {
	return Problem{Severity: SeverityError, Code: code, Place: place, Value: value, Args: args}
}

// Warnp builds a warning problem.
func Warnp(code string, place Place, value string, args map[string]string) Problem {
	return Problem{Severity: SeverityWarning, Code: code, Place: place, Value: value, Args: args}
}

// Text renders the problem's own words in pr's language, without its place.
func (p Problem) Text(pr *locale.Printer) string {
	return named(pr, "problem."+p.Code, p.Args, p.Other)
}

// HintText renders the problem's hint, or "" when it has none.
func (p Problem) HintText(pr *locale.Printer) string {
	if p.HintCode == "" {
		return ""
	}
	return named(pr, "problem."+p.HintCode, p.Args, p.Other)
}

// Sentence is the whole sentence a person reads: place, value, problem and
// hint, in pr's language.
func (p Problem) Sentence(pr *locale.Printer) string {
	args := map[string]string{"place": p.Place.Text(pr), "value": p.Value, "text": p.Text(pr)}
	key := "problem.sentence"
	if p.Count > 1 {
		// A group: the column, the first value and how many more.
		pl := p.Place
		pl.Row = 0
		args["place"], args["more"] = pl.Text(pr), strconv.Itoa(p.Count-1)
		s := pr.NamedN("problem.grouped", p.Count-1, args)
		if h := p.HintText(pr); h != "" {
			s += " (" + h + ")"
		}
		return s
	}
	switch {
	case args["place"] == "" && p.Value == "":
		key = "problem.sentence_bare"
	case args["place"] == "":
		key = "problem.sentence_value_only"
	case p.Value != "":
		key = "problem.sentence_value"
	}
	s := pr.Named(key, args)
	if h := p.HintText(pr); h != "" {
		s += " (" + h + ")"
	}
	return s
}

// String renders the problem in English, for logs and tests.
func (p Problem) String() string { return p.Sentence(locale.NewPrinter("en")) }

// Localize returns the problems with Message (the whole sentence) and Hint
// rendered in pr's language; the codes, arguments and places stay as data.
func Localize(ps []Problem, pr *locale.Printer) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		p.Message, p.Hint = p.Sentence(pr), p.HintText(pr)
		out[i] = p
	}
	return out
}

// named renders key with the problem arguments: "<name>_key" arguments are
// translated first, {other} is the other place.
func named(pr *locale.Printer, key string, args map[string]string, other *Place) string {
	vals := make(map[string]string, len(args)+1)
	for k, v := range args {
		if !strings.HasSuffix(k, "_key") {
			vals[k] = v
		}
	}
	for k, v := range args {
		if name, ok := strings.CutSuffix(k, "_key"); ok {
			vals[name] = pr.Named(v, vals) // a key's text may use the other arguments
		}
	}
	if other != nil {
		vals["other"] = other.Text(pr)
	}
	return pr.Named(key, vals)
}

// Text renders the place in pr's language, as "file, sheet S, row R,
// column C (header)" reads in it, leaving out the parts that are empty.
func (p Place) Text(pr *locale.Printer) string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Sheet != "" {
		parts = append(parts, pr.Named("place.sheet", map[string]string{"sheet": p.Sheet}))
	}
	if p.Row > 0 {
		parts = append(parts, pr.Named("place.row", map[string]string{"row": strconv.Itoa(p.Row)}))
	}
	if p.Column > 0 {
		key := "place.column"
		if p.Header != "" {
			key = "place.column_header"
		}
		parts = append(parts, pr.Named(key, map[string]string{"column": ColumnName(p.Column), "header": p.Header}))
	}
	return strings.Join(parts, ", ")
}

// String renders the place in English.
func (p Place) String() string { return p.Text(locale.NewPrinter("en")) }

// FileError is why a file cannot be read, as a problem code and arguments;
// readers return it so that the reason reaches the reader in their language.
type FileError struct {
	Code string
	Args map[string]string
	Err  error // the underlying cause, for logs; never shown
}

// Error renders the reason in English.
func (e *FileError) Error() string {
	return named(locale.NewPrinter("en"), "problem."+e.Code, e.Args, nil)
}

func (e *FileError) Unwrap() error { return e.Err }

// Text renders the reason in pr's language.
func (e *FileError) Text(pr *locale.Printer) string {
	return named(pr, "problem."+e.Code, e.Args, nil)
}

// FileErrorf builds a FileError from name, value pairs.
func FileErrorf(code string, cause error, pairs ...string) *FileError {
	return &FileError{Code: code, Args: Args(pairs...), Err: cause}
}

// ProblemOf turns an error met while reading a file into a problem at place:
// its code when it is a FileError, else "file_unreadable".
func ProblemOf(err error, place Place) Problem {
	var fe *FileError
	if errors.As(err, &fe) {
		return Errorp(fe.Code, place, "", fe.Args)
	}
	return Errorp("file_unreadable", place, "", nil)
}

// Group folds repeated problems into one: the problems of one code, in one
// column of one sheet, with the same arguments, become the first of them
// with Count set to how many there were. The order of first appearance is
// kept. A refused file then reads "column D: 'veel' and 311 more values …"
// rather than 312 lines of the same problem. Problems already grouped add
// their Count.
func Group(ps []Problem) []Problem {
	index := map[string]int{}
	out := make([]Problem, 0, len(ps))
	for _, p := range ps {
		k, ok := GroupKey(p)
		if !ok {
			out = append(out, p)
			continue
		}
		if i, ok := index[k]; ok {
			out[i].Count = max(out[i].Count, 1) + max(p.Count, 1)
			continue
		}
		index[k] = len(out)
		out = append(out, p)
	}
	return out
}

// GroupKey is what problems that Group folds together share: severity,
// code, hint, file, sheet, column and arguments. A problem with no row or
// with another place (a duplicate) stands alone: ok is false.
func GroupKey(p Problem) (key string, ok bool) {
	if p.Place.Row == 0 || p.Other != nil {
		return "", false
	}
	names := make([]string, 0, len(p.Args))
	for k, v := range p.Args {
		names = append(names, k+"="+v)
	}
	slices.Sort(names)
	return strings.Join(append([]string{string(p.Severity), p.Code, p.HintCode, p.Place.File, p.Place.Sheet,
		strconv.Itoa(p.Place.Column)}, names...), "\x00"), true
}

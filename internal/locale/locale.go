// Package locale holds every text a person reads, in Dutch, French and
// English, and renders it in the reader's language.
//
// The texts live in translations/<lang>.json, one flat object per language:
// a key maps to a string, or to an object of plural forms {"one": …,
// "other": …} chosen by the number given to N. Texts take fmt-style
// arguments (%s, %d, %[2]s to reorder) with T and N, or named ones ({name})
// with Named. A value the text quotes is written %q, or {name:q}: the
// printer puts it between the marks of its language (Quote), so that
// translators never type quotation marks around a value. The files are
// embedded and parsed once; they are read-only.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path"
	"strings"
	"sync"

	"golang.org/x/text/language"
)

//go:embed translations/*.json
var files embed.FS

// Default is the language used when nothing better is known.
const Default = "en"

// languages are the languages of the platform, in the order pages offer them.
var languages = []string{"nl", "fr", "en"}

// Languages returns the platform's languages in the order pages offer them.
func Languages() []string { return append([]string(nil), languages...) }

// Supported reports whether lang is one of the platform's languages.
func Supported(lang string) bool {
	for _, l := range languages {
		if l == lang {
			return true
		}
	}
	return false
}

// text is one entry of a translation file: a plain string or plural forms.
type text struct {
	plain  string
	plural map[string]string
}

func (t *text) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		return json.Unmarshal(b, &t.plural)
	}
	return json.Unmarshal(b, &t.plain)
}

// catalog maps a language to its texts.
type catalog map[string]map[string]text

// loadCatalog parses the embedded files. The files are part of the binary and
// a test parses them, so a failure here is a build defect.
var loadCatalog = sync.OnceValues(func() (catalog, error) {
	c := catalog{}
	for _, lang := range languages {
		raw, err := files.ReadFile(path.Join("translations", lang+".json"))
		if err != nil {
			return nil, fmt.Errorf("locale: read %s: %w", lang, err)
		}
		var texts map[string]text
		if err := json.Unmarshal(raw, &texts); err != nil {
			return nil, fmt.Errorf("locale: parse %s.json: %w", lang, err)
		}
		c[lang] = texts
	}
	return c, nil
})

func mustCatalog() catalog {
	c, err := loadCatalog()
	if err != nil {
		panic(err)
	}
	return c
}

// Keys returns the keys of lang's file; tests use it to compare languages.
func Keys(lang string) []string {
	texts := mustCatalog()[lang]
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	return keys
}

// Printer renders texts in one language.
type Printer struct {
	lang  string
	texts map[string]text
}

// NewPrinter returns a printer for lang, or for the default language when
// lang is not one of the platform's.
func NewPrinter(lang string) *Printer {
	if !Supported(lang) {
		lang = Default
	}
	return &Printer{lang: lang, texts: mustCatalog()[lang]}
}

// Lang is the printer's language code (nl, fr or en).
func (p *Printer) Lang() string { return p.lang }

// marks are the quotation marks of each language: Belgian federal Dutch and
// English write “…”, French « … » with no-break spaces inside.
var marks = map[string][2]string{"nl": {"“", "”"}, "fr": {"«\u00a0", "\u00a0»"}, "en": {"“", "”"}}

// Quote puts s between the quotation marks of the printer's language. Texts
// quote their arguments with %q or {name:q}; Quote is for a value that a
// page or a command shows outside a text.
func (p *Printer) Quote(s string) string {
	m := marks[p.lang]
	return m[0] + s + m[1]
}

// arg is an argument of a text: %q puts it between the language's marks,
// any other verb formats it as fmt does.
type arg struct {
	v any
	p *Printer
}

func (a arg) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		io.WriteString(f, a.p.Quote(fmt.Sprint(a.v)))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), a.v)
}

// sprintf formats a text with its arguments, %q in the language's marks.
func (p *Printer) sprintf(s string, args []any) string {
	wrapped := make([]any, len(args))
	for i, a := range args {
		wrapped[i] = arg{a, p}
	}
	return fmt.Sprintf(s, wrapped...)
}

// Has reports whether key has a text in the printer's language.
func (p *Printer) Has(key string) bool {
	_, ok := p.texts[key]
	return ok
}

// T returns the text of key with args formatted into it as fmt.Sprintf does.
// A missing key shows itself, so that tests and reviewers notice it.
func (p *Printer) T(key string, args ...any) string {
	t, ok := p.texts[key]
	if !ok {
		return key
	}
	s := t.plain
	if t.plural != nil {
		s = t.plural["other"]
	}
	if len(args) == 0 {
		return s
	}
	return p.sprintf(s, args)
}

// N returns the plural form of key that fits n, formatted with args (n is not
// added to args: pass it again where the text shows it).
func (p *Printer) N(key string, n int, args ...any) string {
	t, ok := p.texts[key]
	if !ok {
		return key
	}
	s := t.plain
	if t.plural != nil {
		s, ok = t.plural[pluralForm(p.lang, n)]
		if !ok {
			s = t.plural["other"]
		}
	}
	if len(args) == 0 {
		return s
	}
	return p.sprintf(s, args)
}

// Named returns the text of key with each {name} replaced by args[name].
func (p *Printer) Named(key string, args map[string]string) string {
	t, ok := p.texts[key]
	if !ok {
		return key
	}
	s := t.plain
	if t.plural != nil {
		s = t.plural["other"]
	}
	return p.replaceNamed(s, args)
}

// NamedN is Named with the plural form that fits n.
func (p *Printer) NamedN(key string, n int, args map[string]string) string {
	t, ok := p.texts[key]
	if !ok {
		return key
	}
	s := t.plain
	if t.plural != nil {
		if s, ok = t.plural[pluralForm(p.lang, n)]; !ok {
			s = t.plural["other"]
		}
	}
	return p.replaceNamed(s, args)
}

// replaceNamed replaces each {name} of s by args[name], and {name:q} by
// args[name] between the language's quotation marks.
// A {…} whose name is not in args is left as it is. It reads s once: a
// strings.Replacer built for every text cost ~10 µs a line, and the CLI
// prints one line per submission of a file (thousands).
func (p *Printer) replaceNamed(s string, args map[string]string) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		b.WriteString(s[:open])
		s = s[open:]
		if end := strings.IndexAny(s[1:], "{}") + 1; end > 0 && s[end] == '}' {
			if v, ok := p.namedValue(s[1:end], args); ok {
				b.WriteString(v)
				s = s[end+1:]
				continue
			}
		}
		b.WriteByte('{') // no name of args here: the '{' is text
		s = s[1:]
	}
	b.WriteString(s)
	return b.String()
}

// namedValue is what {name} stands for: args[name], or for "name:q"
// args[name] quoted.
func (p *Printer) namedValue(name string, args map[string]string) (string, bool) {
	if v, ok := args[name]; ok {
		return v, true
	}
	if base, ok := strings.CutSuffix(name, ":q"); ok {
		if v, ok := args[base]; ok {
			return p.Quote(v), true
		}
	}
	return "", false
}

// Decimal returns the text of key for a number shown with digits decimals:
// the plural form of a decimal follows CLDR, which differs from that of a
// count ("1,5 point" but "6,8 points" in French; "1.0 percentage points" in
// English, whose "one" needs no visible decimals).
func (p *Printer) Decimal(key string, v float64, digits int) string {
	t, ok := p.texts[key]
	if !ok {
		return key
	}
	if t.plural == nil {
		return t.plain
	}
	scale := math.Pow10(digits)
	v = math.Abs(math.Round(v*scale) / scale) // as shown
	form := "other"
	switch i := math.Trunc(v); {
	case p.lang == "fr" && i < 2:
		form = "one"
	case p.lang != "fr" && digits == 0 && v == 1:
		form = "one"
	}
	if s, ok := t.plural[form]; ok {
		return s
	}
	return t.plural["other"]
}

// pluralForm is the CLDR plural category of n: French counts 0 and 1 as
// singular, Dutch and English only 1.
func pluralForm(lang string, n int) string {
	if n == 1 || (lang == "fr" && n == 0) {
		return "one"
	}
	return "other"
}

// matcher picks among the platform's languages; English first so that it is
// the fallback.
var matcher = language.NewMatcher([]language.Tag{language.English, language.Dutch, language.French})

// Match returns the platform language that best fits an Accept-Language
// header (or a LANG value such as nl_BE.UTF-8), English when none fits.
func Match(header string) string {
	header = strings.TrimSpace(header)
	if header == "" {
		return Default
	}
	if !strings.ContainsAny(header, ",;") {
		// A POSIX locale: nl_BE.UTF-8, fr_BE@euro.
		header, _, _ = strings.Cut(header, ".")
		header, _, _ = strings.Cut(header, "@")
		header = strings.ReplaceAll(header, "_", "-")
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return []string{"en", "nl", "fr"}[idx]
}

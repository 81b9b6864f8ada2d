package locale

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestEveryLanguageHasEveryKey(t *testing.T) {
	en := Keys("en")
	sort.Strings(en)
	for _, lang := range Languages() {
		keys := Keys(lang)
		sort.Strings(keys)
		for _, k := range en {
			if _, found := slices.BinarySearch(keys, k); !found {
				t.Errorf("%s.json lacks %q", lang, k)
			}
		}
		for _, k := range keys {
			if _, found := slices.BinarySearch(en, k); !found {
				t.Errorf("%s.json has %q, which en.json lacks", lang, k)
			}
		}
	}
}

// verbs finds the fmt verbs and named placeholders of a text.
var verbs = regexp.MustCompile(`%(\[\d+\])?[-+# 0-9.]*[a-zA-Z%]|\{[a-z_]+(:q)?\}`)

// TestPlaceholdersAgree: a translation takes the same arguments as English,
// or it would print %!d(MISSING) or drop a value.
func TestPlaceholdersAgree(t *testing.T) {
	c := mustCatalog()
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, v := range verbs.FindAllString(s, -1) {
			m[v]++
		}
		return m
	}
	for key, en := range c["en"] {
		for _, lang := range []string{"nl", "fr"} {
			tr, ok := c[lang][key]
			if !ok {
				continue
			}
			if (en.plural == nil) != (tr.plural == nil) {
				t.Errorf("%s %q: plural forms in one language only", lang, key)
				continue
			}
			if en.plural == nil {
				if !placeholdersEqual(count(en.plain), count(tr.plain)) {
					t.Errorf("%s %q: placeholders %v, en has %v", lang, key, count(tr.plain), count(en.plain))
				}
				continue
			}
			for _, form := range []string{"one", "other"} {
				if _, ok := tr.plural[form]; !ok {
					t.Errorf("%s %q lacks the %q form", lang, key, form)
				}
			}
		}
	}
}

// placeholdersEqual compares the sets of placeholders; positional verbs may
// be reordered with %[n]s, so only named ones and the count are compared.
func placeholdersEqual(a, b map[string]int) bool {
	total := func(m map[string]int) (n int) {
		for v, c := range m {
			if v != "%%" {
				n += c
			}
		}
		return n
	}
	if total(a) != total(b) {
		return false
	}
	for v := range a {
		if v[0] == '{' && a[v] != b[v] {
			return false
		}
	}
	return true
}

// TestFilesAreCanonical: sorted keys, two-space indent, so that parallel
// changes merge key by key and a translator's diff shows only their change.
func TestFilesAreCanonical(t *testing.T) {
	for _, lang := range Languages() {
		path := filepath.Join("translations", lang+".json")
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), raw) {
			t.Errorf("%s is not in canonical form (sorted keys, 2-space indent, final newline); rewrite it with: python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[1],\"w\").write(json.dumps(d, ensure_ascii=False, indent=2, sort_keys=True)+\"\\n\")' %s", path, path)
		}
	}
}

func TestPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 day"},
		{"en", 0, "0 days"},
		{"en", 2, "2 days"},
		{"nl", 1, "1 dag"},
		{"nl", 3, "3 dagen"},
		{"fr", 0, "0 jour"},
		{"fr", 1, "1 jour"},
		{"fr", 2, "2 jours"},
	}
	for _, tt := range tests {
		if got := NewPrinter(tt.lang).N("unit.n_days", tt.n, tt.n); got != tt.want {
			t.Errorf("%s N(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

func TestNamed(t *testing.T) {
	p := NewPrinter("nl")
	if got := p.Named("unit.n_days", nil); got == "unit.n_days" {
		t.Fatal("known key rendered as its key")
	}
	if got := p.Named("no.such.key", map[string]string{"a": "b"}); got != "no.such.key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
	if got := p.replaceNamed("rij {row}, kolom {column}", map[string]string{"row": "14", "column": "C"}); got != "rij 14, kolom C" {
		t.Errorf("replaceNamed = %q", got)
	}
}

// replacedByReplacer is what replaceNamed must give: every {name} and
// {name:q} of args replaced, as strings.Replacer does it.
func replacedByReplacer(p *Printer, s string, args map[string]string) string {
	var pairs []string
	for k, v := range args {
		pairs = append(pairs, "{"+k+"}", v, "{"+k+":q}", p.Quote(v))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// FuzzReplaceNamed: replaceNamed, which reads a text once, replaces exactly
// what a strings.Replacer of every {name} and {name:q} replaces, whatever
// the braces around them.
func FuzzReplaceNamed(f *testing.F) {
	for _, s := range []string{
		"rij {row}, kolom {column}", "waarde {value:q} in rij {row}", "{row}{row}{row:q}", "{{row}}", "{row",
		"row}", "{}", "{:q}", "{unknown} {row} {unknown:q}", "{ro{row}w}", "{row:q:q}", "{value}{", "}{row}{",
		"{row:Q}", "€ {value} «{value:q}»", "",
	} {
		f.Add(s, "14", "veel")
	}
	f.Fuzz(func(t *testing.T, s, row, value string) {
		args := map[string]string{"row": row, "value": value, "column": "{row}"}
		for _, lang := range []string{"nl", "fr", "en"} {
			p := NewPrinter(lang)
			if got, want := p.replaceNamed(s, args), replacedByReplacer(p, s, args); got != want {
				t.Errorf("%s: replaceNamed(%q) = %q, want %q", lang, s, got, want)
			}
		}
	})
}

// BenchmarkNamed renders the line the CLI prints for each submission a file
// creates.
func BenchmarkNamed(b *testing.B) {
	p := NewPrinter("fr")
	for b.Loop() {
		p.Named("cli.stored", map[string]string{"id": "1234", "organisation": "FIN", "year": "2024", "version": "2", "status": "approved"})
	}
}

// TestQuote: a value quoted with %q or {name:q} is put between the marks of
// the printer's language; other verbs format as fmt does.
func TestQuote(t *testing.T) {
	tests := []struct{ lang, fmt, named, want string }{
		{"nl", "waarde %q in rij %d", "waarde {value:q} in rij {row}", "waarde “veel” in rij 14"},
		{"fr", "valeur %q à la ligne %d", "valeur {value:q} à la ligne {row}", "valeur «\u00a0veel\u00a0» à la ligne 14"},
		{"en", "value %q in row %d", "value {value:q} in row {row}", "value “veel” in row 14"},
	}
	for _, tt := range tests {
		p := NewPrinter(tt.lang)
		if got := p.sprintf(tt.fmt, []any{"veel", 14}); got != tt.want {
			t.Errorf("%s: %%q gives %q, want %q", tt.lang, got, tt.want)
		}
		if got := p.replaceNamed(tt.named, map[string]string{"value": "veel", "row": "14"}); got != tt.want {
			t.Errorf("%s: {name:q} gives %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got := NewPrinter("fr").sprintf("%[2]q, %5.1[1]f, %[1]v", []any{2.5, "a"}); got != "«\u00a0a\u00a0»,   2.5, 2.5" {
		t.Errorf("reordered and formatted arguments = %q", got)
	}
}

// handQuoted is a placeholder between quotation marks typed by hand: the
// text should quote it with %q or {name:q}.
var handQuoted = regexp.MustCompile(`["'‘“«][\s\x{00a0}]*(%(\[\d+\])?[sv]|\{[a-z_]+\})[\s\x{00a0}]*["'’”»]`)

// TestNoHandQuotedValues fails on a text that types quotation marks around
// a value instead of leaving them to the printer.
func TestNoHandQuotedValues(t *testing.T) {
	for _, lang := range Languages() {
		p := NewPrinter(lang)
		for key, tx := range p.texts {
			forms := []string{tx.plain}
			for _, f := range tx.plural {
				forms = append(forms, f)
			}
			for _, s := range forms {
				if m := handQuoted.FindString(s); m != "" {
					t.Errorf("%s %s quotes %s by hand: write %%q or {name:q}", lang, key, m)
				}
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", "en"},
		{"nl-BE,nl;q=0.9,en;q=0.5", "nl"},
		{"fr-BE", "fr"},
		{"de-DE,fr;q=0.8,en;q=0.5", "fr"},
		{"en-US,en;q=0.9", "en"},
		{"de", "en"},
		{"en;q=0.3, nl;q=0.9", "nl"},
		{"nl_BE.UTF-8", "nl"},
		{"fr_BE@euro", "fr"},
		{"C.UTF-8", "en"},
		{"*", "en"},
		{"garbage;;q=x", "en"},
	}
	for _, tt := range tests {
		if got := Match(tt.header); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestUnsupportedLanguageFallsBack(t *testing.T) {
	if got := NewPrinter("de").Lang(); got != Default {
		t.Errorf("NewPrinter(de).Lang() = %q, want %q", got, Default)
	}
}

// TestDecimal: "+6,8 point de pourcentage" should have been "points"
// (issue 23): French takes the plural from 2, as shown after rounding;
// English and Dutch take it for anything but a plain 1.
func TestDecimal(t *testing.T) {
	tests := []struct {
		lang   string
		v      float64
		digits int
		want   string
	}{
		{"fr", 6.8, 1, "points de pourcentage"},
		{"fr", -6.8, 1, "points de pourcentage"},
		{"fr", 1.5, 1, "point de pourcentage"},
		{"fr", 0, 1, "point de pourcentage"},
		{"fr", 1.96, 1, "points de pourcentage"}, // shown as 2,0
		{"fr", 2, 0, "points de pourcentage"},
		{"nl", 6.8, 1, "procentpunten"},
		{"nl", 1, 0, "procentpunt"},
		{"en", 1, 1, "percentage points"}, // 1.0
		{"en", 1, 0, "percentage point"},
		{"en", 0.5, 1, "percentage points"},
	}
	for _, tt := range tests {
		if got := NewPrinter(tt.lang).Decimal("unit.points", tt.v, tt.digits); got != tt.want {
			t.Errorf("%s %v with %d decimals: %q, want %q", tt.lang, tt.v, tt.digits, got, tt.want)
		}
	}
}

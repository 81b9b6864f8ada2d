package htmltest

import (
	"slices"
	"strings"
	"testing"
)

const page = `<!doctype html>
<html lang="nl"><head><title>Test</title><style>p{color:red}</style></head>
<body>
<nav id="menu"><a href="/?group=social_security&amp;year=2023" class="current link">Overzicht</a></nav>
<main>
  <h1>L&#39;administration   &amp;
      co</h1>
  <table id="rates">
    <tr data-org="FIN"><th scope="row"><a href="/organisations/FIN">FOD Financiën</a></th><td class="num met">12</td><td class="num">78,2&nbsp;%</td></tr>
    <tr data-org="SFP"><th scope="row">Pensioenen</th><td class="num">14</td><td class="num">&#43;245</td></tr>
  </table>
  <form action="/login"><input type="hidden" name="csrf" value="x&lt;y"><input name="email" required></form>
  <script>var notText = 1;</script>
</main>
</body></html>`

// TestSelectors checks which elements each kind of selector finds.
func TestSelectors(t *testing.T) {
	p := Parse(t, page)
	tests := []struct {
		selector string
		want     []string // the text, or the rendered element when it has none
	}{
		{"h1", []string{"L'administration & co"}},
		{"td", []string{"12", "78,2\u00a0%", "14", "+245"}},
		{"td.num", []string{"12", "78,2\u00a0%", "14", "+245"}},
		{"td.num.met", []string{"12"}},
		{".met", []string{"12"}},
		{"#rates tr[data-org=SFP] td", []string{"14", "+245"}},
		{`tr[data-org="FIN"] th a`, []string{"FOD Financiën"}},
		{"a[href=\"/?group=social_security&year=2023\"]", []string{"Overzicht"}},
		{"a.current", []string{"Overzicht"}},
		{"a.link.current", []string{"Overzicht"}},
		{"nav a.missing", nil},
		{"main a", []string{"FOD Financiën"}},
		{"nav td", nil},
		{"input[required]", []string{`<input name="email" required=""/>`}},
		{"input[name=csrf][value=x<y]", []string{`<input type="hidden" name="csrf" value="x&lt;y"/>`}},
		{"html[lang=nl]", nil}, // checked by its count below
		{"TD.met", []string{"12"}},
		{`a[href*="social_security&year"]`, []string{"Overzicht"}},
		{"a[href*=year=2024]", nil},
		{"a[href^=/organisations/]", []string{"FOD Financiën"}},
		{"a[href^=organisations]", nil},
		{`main  [data-org=FIN]   td[class="num met"]`, []string{"12"}},
		{`[class*="num met"]`, []string{"12"}},
		{"[data-org]", []string{"FOD Financiën1278,2\u00a0%", "Pensioenen14+245"}},
		{"script", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			var got []string
			for _, e := range p.All(tt.selector) {
				if s := e.Text(); s != "" || e.n.FirstChild != nil {
					got = append(got, s)
				} else {
					got = append(got, e.String())
				}
			}
			if tt.selector == "html[lang=nl]" {
				if len(got) != 1 {
					t.Fatalf("%d elements, want 1", len(got))
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTextAndAttributes checks the helpers built on the selectors.
func TestTextAndAttributes(t *testing.T) {
	p := Parse(t, page)
	if got, want := p.Find("h1").Text(), "L'administration & co"; got != want {
		t.Errorf("Find(h1).Text() = %q, want %q", got, want)
	}
	if got := p.Find("nav a").Attr("href"); got != "/?group=social_security&year=2023" {
		t.Errorf("href = %q, want it unescaped", got)
	}
	in := p.Find("input[name=csrf]")
	if in.Attr("value") != "x<y" || !in.HasAttr("type") || in.HasAttr("required") || in.Attr("missing") != "" {
		t.Errorf("csrf input: %s", in)
	}
	a := p.Find("nav a")
	if !a.HasClass("current") || !a.HasClass("link") || a.HasClass("curr") {
		t.Errorf("classes of %s", a)
	}
	if !p.Has("#rates") || p.Has("#nowhere") {
		t.Error("Has")
	}
	if !p.HasText("td", "14") || p.HasText("td", "1") {
		t.Error("HasText compares the whole text")
	}
	if got := p.Texts("tr[data-org=FIN] td"); !slices.Equal(got, []string{"12", "78,2\u00a0%"}) {
		t.Errorf("Texts = %q", got)
	}
	text := p.Text()
	if !strings.HasPrefix(text, "Overzicht L'administration & co FOD Financiën12") || strings.Contains(text, "notText") || strings.Contains(text, "color:red") {
		t.Errorf("Text() = %q: want the text read, without script or style", text)
	}
	if got := p.Find(`a[href="/organisations/FIN"]`).Closest("tr").Attr("data-org"); got != "FIN" {
		t.Errorf("Closest(tr) of FIN's link is the row of %q", got)
	}
	if td := p.Find("td.met"); td.Closest("td").Text() != "12" || !td.Closest("table").Has("tr[data-org=SFP]") || td.Has("a") {
		t.Errorf("Closest and Has from %s", td)
	}
	row := p.Find("tr[data-org=SFP]")
	if got := row.Texts("td"); !slices.Equal(got, []string{"14", "+245"}) {
		t.Errorf("Element.Texts = %q", got)
	}
}

// TestBadSelectors checks that a selector the package does not read fails
// the test rather than matching nothing.
func TestBadSelectors(t *testing.T) {
	for _, s := range []string{"", "a > b", "a:hover", "#", ".", "[href", "[=x]", "[*=x]", "[a~=x]", "a [b", "a,b", "*"} {
		t.Run(s, func(t *testing.T) {
			if _, err := parseSelector(s); err == nil {
				t.Errorf("parseSelector(%q) accepted it", s)
			}
		})
	}
}

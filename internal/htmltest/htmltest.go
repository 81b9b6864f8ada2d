// Package htmltest reads the pages a test receives as a browser does: it
// parses them (golang.org/x/net/html) and finds elements by simple CSS
// selectors, so that a test asserts on elements, attributes and text rather
// than on substrings of escaped markup, which break when the template's
// escaping or attribute order changes and pass on a match in the wrong place.
//
// A selector is one or more compound selectors separated by spaces (the
// descendant combinator); a compound selector is an optional tag name
// followed by any of #id, .class, [attr], [attr=value], [attr*=value]
// (contains) and [attr^=value] (starts with), the value bare or in double
// quotes. Nothing else of CSS is read: an unknown character fails
// the test that gave it.
package htmltest

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Page is a parsed HTML document.
type Page struct {
	tb   testing.TB
	root *html.Node
}

// Parse parses body as a browser would; a body the parser refuses fails
// the test.
func Parse(tb testing.TB, body string) *Page {
	tb.Helper()
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		tb.Fatalf("htmltest: parse: %v", err)
	}
	return &Page{tb: tb, root: root}
}

// Element is one element of a page.
type Element struct {
	tb testing.TB
	n  *html.Node
}

// All returns the elements that match selector, in document order.
func (p *Page) All(selector string) []Element {
	p.tb.Helper()
	return Element{p.tb, p.root}.All(selector)
}

// Has reports whether an element matches selector.
func (p *Page) Has(selector string) bool {
	p.tb.Helper()
	return len(p.All(selector)) > 0
}

// Find returns the first element that matches selector; none fails the
// test.
func (p *Page) Find(selector string) Element {
	p.tb.Helper()
	return Element{p.tb, p.root}.Find(selector)
}

// Texts returns the text of every element that matches selector.
func (p *Page) Texts(selector string) []string {
	p.tb.Helper()
	return Element{p.tb, p.root}.Texts(selector)
}

// HasText reports whether an element matching selector has text as its
// whole text (Text: unescaped, white space collapsed).
func (p *Page) HasText(selector, text string) bool {
	p.tb.Helper()
	return slices.Contains(p.Texts(selector), text)
}

// Text returns the text a reader sees in the body: entities decoded, white
// space collapsed, scripts and styles left out.
func (p *Page) Text() string {
	p.tb.Helper()
	if body := p.All("body"); len(body) > 0 {
		return body[0].Text()
	}
	return Element{p.tb, p.root}.Text()
}

// All returns the elements under e that match selector, in document order.
func (e Element) All(selector string) []Element {
	e.tb.Helper()
	sel, err := parseSelector(selector)
	if err != nil {
		e.tb.Fatalf("htmltest: selector %q: %v", selector, err)
	}
	var out []Element
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && sel.matches(c, e.n) {
				out = append(out, Element{e.tb, c})
			}
			walk(c)
		}
	}
	walk(e.n)
	return out
}

// Has reports whether an element under e matches selector.
func (e Element) Has(selector string) bool {
	e.tb.Helper()
	return len(e.All(selector)) > 0
}

// Closest returns the nearest ancestor of e (or e itself) of the tag name,
// as a row is found from a link in one of its cells; none fails the test.
func (e Element) Closest(tag string) Element {
	e.tb.Helper()
	for n := e.n; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && n.Data == tag {
			return Element{e.tb, n}
		}
	}
	e.tb.Fatalf("htmltest: no <%s> around %s", tag, e)
	return Element{}
}

// Find returns the first element under e that matches selector; none fails
// the test.
func (e Element) Find(selector string) Element {
	e.tb.Helper()
	all := e.All(selector)
	if len(all) == 0 {
		e.tb.Fatalf("htmltest: no element matches %q", selector)
	}
	return all[0]
}

// Texts returns the text of every element under e that matches selector.
func (e Element) Texts(selector string) []string {
	e.tb.Helper()
	var out []string
	for _, m := range e.All(selector) {
		out = append(out, m.Text())
	}
	return out
}

// Attr returns the value of the attribute name, "" when absent.
func (e Element) Attr(name string) string {
	v, _ := attr(e.n, name)
	return v
}

// HasAttr reports whether the element carries the attribute name.
func (e Element) HasAttr(name string) bool {
	_, ok := attr(e.n, name)
	return ok
}

// HasClass reports whether class is one of the element's classes.
func (e Element) HasClass(class string) bool { return hasClass(e.n, class) }

// Text returns the element's text as the DOM's textContent does (no space
// added between elements: cells <td>1</td><td>2</td> read "12"), entities
// decoded, runs of white space (not the no-break space, which the pages
// write on purpose) as one space, trimmed; scripts and styles left out.
func (e Element) Text() string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(e.n)
	return collapse(b.String())
}

// String renders the element as HTML, for a test's failure message.
func (e Element) String() string {
	var b strings.Builder
	if err := html.Render(&b, e.n); err != nil {
		return "<unrenderable: " + err.Error() + ">"
	}
	return b.String()
}

// collapse turns every run of HTML white space into one space and trims.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
	}), " ")
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for c := range strings.FieldsSeq(v) {
		if c == class {
			return true
		}
	}
	return false
}

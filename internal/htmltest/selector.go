package htmltest

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// selector is a chain of compound selectors, each a descendant of the one
// before it.
type selector []compound

// compound is one element's conditions: every one must hold.
type compound struct {
	tag     string
	id      string
	classes []string
	attrs   []attrCond
}

type attrCond struct {
	name, value string
	op          string // "" (present), "=", "*=" (contains) or "^=" (starts with)
}

// parseSelector reads the selectors the package documents.
func parseSelector(s string) (selector, error) {
	var sel selector
	for _, part := range splitOutsideBrackets(s) {
		c, err := parseCompound(part)
		if err != nil {
			return nil, err
		}
		sel = append(sel, c)
	}
	if len(sel) == 0 {
		return nil, errors.New("empty")
	}
	return sel, nil
}

// splitOutsideBrackets splits s at white space, except inside [...], where
// a quoted value may hold spaces.
func splitOutsideBrackets(s string) []string {
	var parts []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n'):
			if start >= 0 {
				parts = append(parts, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		parts = append(parts, s[start:])
	}
	return parts
}

func parseCompound(s string) (compound, error) {
	var c compound
	i := 0
	name := func() string {
		start := i
		for i < len(s) && (isNameByte(s[i])) {
			i++
		}
		return s[start:i]
	}
	c.tag = strings.ToLower(name())
	for i < len(s) {
		switch s[i] {
		case '#':
			i++
			if c.id = name(); c.id == "" {
				return c, fmt.Errorf("an id is missing at %d", i)
			}
		case '.':
			i++
			class := name()
			if class == "" {
				return c, fmt.Errorf("a class is missing at %d", i)
			}
			c.classes = append(c.classes, class)
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return c, fmt.Errorf("[ without ] at %d", i)
			}
			cond, err := parseAttr(s[i+1 : i+end])
			if err != nil {
				return c, err
			}
			c.attrs = append(c.attrs, cond)
			i += end + 1
		default:
			return c, fmt.Errorf("unexpected %q at %d", s[i], i)
		}
	}
	return c, nil
}

func parseAttr(s string) (attrCond, error) {
	name, value, op := s, "", ""
	if i := strings.IndexByte(s, '='); i >= 0 {
		name, value, op = s[:i], s[i+1:], "="
		if n, ok := strings.CutSuffix(name, "*"); ok {
			name, op = n, "*="
		} else if n, ok := strings.CutSuffix(name, "^"); ok {
			name, op = n, "^="
		}
	}
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return r > 127 || !isNameByte(byte(r)) }) >= 0 {
		return attrCond{}, fmt.Errorf("bad attribute name %q", name)
	}
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = value[1 : len(value)-1]
	}
	return attrCond{name: strings.ToLower(name), value: value, op: op}, nil
}

func isNameByte(b byte) bool {
	return b == '-' || b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func (c compound) matches(n *html.Node) bool {
	if c.tag != "" && n.Data != c.tag {
		return false
	}
	if c.id != "" {
		if id, _ := attr(n, "id"); id != c.id {
			return false
		}
	}
	for _, class := range c.classes {
		if !hasClass(n, class) {
			return false
		}
	}
	for _, a := range c.attrs {
		v, ok := attr(n, a.name)
		switch {
		case !ok,
			a.op == "=" && v != a.value,
			a.op == "*=" && !strings.Contains(v, a.value),
			a.op == "^=" && !strings.HasPrefix(v, a.value):
			return false
		}
	}
	return true
}

// matches reports whether n matches the whole chain, its ancestors up to
// (not including) scope matching the compounds before the last, in order.
func (sel selector) matches(n, scope *html.Node) bool {
	last := len(sel) - 1
	if !sel[last].matches(n) {
		return false
	}
	i := last - 1
	for a := n.Parent; a != nil && a != scope && i >= 0; a = a.Parent {
		if a.Type == html.ElementNode && sel[i].matches(a) {
			i--
		}
	}
	return i < 0
}

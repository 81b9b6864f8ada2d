package domain

// MaxEchoChars is how much of a value from a file a problem repeats: enough
// to recognise it, never a whole document sent back.
const MaxEchoChars = 80

// maxArgChars bounds an argument of a problem: arguments are mostly the
// platform's own words (a rule's terms, the sheets searched), longer than a
// value, but one may quote the file (a title line).
const maxArgChars = 4 * MaxEchoChars

// Clip cuts s to MaxEchoChars characters, marking the cut with an ellipsis.
func Clip(s string) string { return ClipTo(s, MaxEchoChars) }

// ClipTo cuts s to max characters, marking the cut with an ellipsis.
func ClipTo(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// MaxProblems is how many problems a file's report lists; the others are
// only counted, by code. A file of a million bad rows then answers a page,
// not hundreds of megabytes of the same sentence.
const MaxProblems = 100

// Clipped returns p with every text that comes from the file (the value,
// the headers of its places) cut by Clip, its arguments to a few times that.
func Clipped(p Problem) Problem {
	p.Value = Clip(p.Value)
	p.Place.Header = Clip(p.Place.Header)
	if p.Other != nil && len(p.Other.Header) > MaxEchoChars {
		o := *p.Other
		o.Header = Clip(o.Header)
		p.Other = &o
	}
	for _, v := range p.Args {
		if len(v) > maxArgChars {
			args := make(map[string]string, len(p.Args))
			for k, v := range p.Args {
				args[k] = ClipTo(v, maxArgChars)
			}
			p.Args = args
			break
		}
	}
	return p
}

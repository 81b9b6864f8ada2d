package domain

// MaxEchoChars is how much of a value from a file a problem repeats: enough
// to recognise it, never a whole document sent back.
const MaxEchoChars = 80

// Clip cuts s to MaxEchoChars characters, marking the cut with an ellipsis.
func Clip(s string) string {
	if len(s) <= MaxEchoChars {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxEchoChars {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

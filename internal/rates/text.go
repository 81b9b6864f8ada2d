package rates

import "github.com/fcmn/infocentre/internal/locale"

// Text reads a target: "Target: ≥ 95.0 %".
func (t Target) Text(pr *locale.Printer, unit string) string {
	sign := "≥"
	if t.Direction == AtMost {
		sign = "≤"
	}
	return pr.T("fair.target") + ": " + sign + " " + pr.Value(t.Value, unit)
}

// StateText is the text of a target state, with the class that colours it.
func StateText(pr *locale.Printer, state string) (string, string) {
	if state == "" {
		return "–", ""
	}
	return pr.T("fair.state." + state), "target-" + state
}

// WithN marks a value resting on too few cases: "100.0 % (n = 8)".
func WithN(pr *locale.Printer, value string, n float64) string {
	return value + " (" + pr.T("fair.n") + " = " + pr.Value(n, "count") + ")"
}

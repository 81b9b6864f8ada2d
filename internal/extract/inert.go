package extract

// FormulaLike reports whether a spreadsheet could take text for a formula:
// it starts with =, +, -, @, a tab or a carriage return. Codes come from the
// catalogue, but submission file names come from users, and a file named
// "=HYPERLINK(...).xlsx" must not become a live link in an analyst's sheet.
func FormulaLike(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// InertCSV prefixes formula-like text with an apostrophe, which Excel and
// LibreOffice read as "this is text" when they open a CSV.
func InertCSV(s string) string {
	if FormulaLike(s) {
		return "'" + s
	}
	return s
}

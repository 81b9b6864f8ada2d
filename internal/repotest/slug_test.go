package repotest

import (
	"slices"
	"testing"
)

// TestHeadingAnchors checks the anchors against those GitHub gives.
func TestHeadingAnchors(t *testing.T) {
	text := "# Infocentre\n" +
		"## The 14 criteria\n" +
		"### Signing in with the federal authentication service (FAS)\n" +
		"## Values that look wrong, explanations and questions\n" +
		"```sh\n# not a heading\n```\n" +
		"### Pages\n" +
		"### Pages\n" +
		"## `criteria_met`\n" +
		"#### The contract: OpenAPI, errors and conventions\n" +
		"#not a heading\n" +
		"## Long CSV import (issue 16), 2 December 2026\n" +
		"## Données publiques\n"
	want := []string{
		"infocentre",
		"the-14-criteria",
		"signing-in-with-the-federal-authentication-service-fas",
		"values-that-look-wrong-explanations-and-questions",
		"pages",
		"pages-1",
		"criteria_met",
		"the-contract-openapi-errors-and-conventions",
		"long-csv-import-issue-16-2-december-2026",
		"données-publiques",
	}
	if got := headingAnchors(text); !slices.Equal(got, want) {
		t.Errorf("headingAnchors:\n got %q\nwant %q", got, want)
	}
}

// TestMarkdownLinks checks which links are read: inline links and images,
// not those in code.
func TestMarkdownLinks(t *testing.T) {
	text := "See [the API](docs/api.md) and ![a chart](img.png \"title\").\n" +
		"`[not](a-link.md)` but [an anchor](#here)\n" +
		"```\n[inside](code.md)\n```\n" +
		"[site](https://example.org/x)\n"
	var got []string
	for _, l := range markdownLinks(text) {
		got = append(got, l.target)
	}
	want := []string{"docs/api.md", "img.png", "#here", "https://example.org/x"}
	if !slices.Equal(got, want) {
		t.Errorf("markdownLinks: got %q, want %q", got, want)
	}
}

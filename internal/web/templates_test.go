package web

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadTemplates: every page of the embedded templates is parsed once,
// and a broken or missing template is an error, not a panic.
func TestLoadTemplates(t *testing.T) {
	got, err := loadTemplates(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"overview", "upload", "criteria_matrix", "register_upload", "rounds", "account", "error"} {
		if got.pages[name] == nil {
			t.Errorf("page %s not loaded", name)
		}
	}
	for _, name := range []string{"layout", "panel"} {
		if got.pages[name] != nil {
			t.Errorf("%s loaded as a page", name)
		}
	}

	layout := &fstest.MapFile{Data: []byte(`{{define "layout"}}{{template "content" .}}{{end}}`)}
	panel := &fstest.MapFile{Data: []byte(`{{define "panel"}}{{end}}`)}
	page := &fstest.MapFile{Data: []byte(`{{define "content"}}p{{end}}`)}
	broken := &fstest.MapFile{Data: []byte(`{{define "content"}}{{if}}{{end}}`)}
	for _, tc := range []struct {
		name    string
		fs      fstest.MapFS
		pages   []string
		problem string // in the error; empty when none is expected
	}{
		{"pages", fstest.MapFS{"templates/layout.html": layout, "templates/panel.html": panel,
			"templates/a.html": page, "templates/b.html": page}, []string{"a", "b"}, ""},
		{"broken page", fstest.MapFS{"templates/layout.html": layout, "templates/panel.html": panel,
			"templates/a.html": broken}, nil, "templates/a.html"},
		{"no layout", fstest.MapFS{"templates/panel.html": panel,
			"templates/a.html": page}, nil, "templates/layout.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := loadTemplates(tc.fs)
			if tc.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tc.problem) {
					t.Fatalf("error %v, want one naming %s", err, tc.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for name := range got.pages {
				names = append(names, name)
			}
			slices.Sort(names)
			if !slices.Equal(names, tc.pages) {
				t.Errorf("pages %v, want %v", names, tc.pages)
			}
		})
	}
}

package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// Templates that are not pages: every page is parsed with the two layout
// partials. The report, which stands alone, is internal/report's.
const (
	layoutTemplate = "templates/layout.html"
	panelTemplate  = "templates/panel.html"
)

// templates are the parsed templates: one per page, named after its file
// without .html and rendered inside layout.html.
type templates struct {
	pages map[string]*template.Template
}

// loadTemplates parses every templates/*.html of fsys once, each page with
// the layout partials. A broken template is an error, so that the server
// refuses to start rather than fail on the first request.
func loadTemplates(fsys fs.FS) (templates, error) {
	files, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return templates{}, fmt.Errorf("web: list templates: %w", err)
	}
	t := templates{pages: make(map[string]*template.Template, len(files))}
	for _, file := range files {
		switch file {
		case layoutTemplate, panelTemplate:
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".html")
		page, err := template.New(name).Funcs(templateFuncs).ParseFS(fsys, layoutTemplate, panelTemplate, file)
		if err != nil {
			return templates{}, fmt.Errorf("web: parse template %s: %w", file, err)
		}
		t.pages[name] = page
	}
	return t, nil
}

package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

// Templates that are not pages: every page is parsed with the two layout
// partials, and the report stands alone (it is printed to PDF, without the
// site's layout).
const (
	layoutTemplate = "templates/layout.html"
	panelTemplate  = "templates/panel.html"
	reportTemplate = "templates/report.html"
)

// templates are the parsed templates: one per page, named after its file
// without .html and rendered inside layout.html, and the report.
type templates struct {
	pages  map[string]*template.Template
	report *template.Template
}

// loadTemplates parses every templates/*.html of fsys once: each page with
// the layout partials, the report alone. A broken template is an error, so
// that the server refuses to start rather than fail on the first request.
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
		case reportTemplate:
			if t.report, err = template.New("report").ParseFS(fsys, file); err != nil {
				return templates{}, fmt.Errorf("web: parse template %s: %w", file, err)
			}
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".html")
		page, err := template.New(name).Funcs(templateFuncs).ParseFS(fsys, layoutTemplate, panelTemplate, file)
		if err != nil {
			return templates{}, fmt.Errorf("web: parse template %s: %w", file, err)
		}
		t.pages[name] = page
	}
	if t.report == nil {
		return templates{}, fmt.Errorf("web: template %s missing", reportTemplate)
	}
	return t, nil
}

package web

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/entryform"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/webkit/pending"
)

// uploadPage is the data of templates/upload.html.
type uploadPage struct {
	page
	MaxMB string
	Year  int // the year the template and the online form are offered for
}

// uploadForm is GET /submissions/new: choose a file.
func (s *Server) uploadForm(c echo.Context) error {
	l := s.locale(c)
	return s.render(c, http.StatusOK, "upload", uploadPage{
		page:  s.base(c, l, "upload", l.T("upload.title")),
		MaxMB: l.Number(float64(s.cfg.MaxUploadBytes)/1e6, 0),
		Year:  s.clock.Now().Year() - 1, // figures are collected the year after
	})
}

// previewPage is the data of templates/preview.html: what was recognised in
// a file, before anything is stored.
type previewPage struct {
	page
	ID            string // confirms the pending file; empty when it is refused
	File          string
	Organisations []string
	Years         []int
	Mappings      []previewMapping
	Rows          []previewRow
	Errors        []shownProblem
	Warnings      []shownProblem
	ErrorCount    string      // every error, listed or not
	WarningCount  string      // every warning, listed or not
	More          string      // how many problems are not listed, or empty
	ByCode        []codeCount // every problem counted by code, when some are not listed
	Flagged       int         // values that look wrong against the last three published years
	Require       bool        // the round requires flagged values explained
	Missing       string      // why confirming was refused: flagged values without explanation
}

// codeCount is how many problems of one code a file has.
type codeCount struct {
	Code  string
	Count string
}

type previewMapping struct {
	Place     string
	Text      string
	Indicator string
	Label     string
	Breakdown string
}

type previewRow struct {
	Organisation string
	Year         int
	Indicator    string
	Label        string
	Breakdown    string
	Value        string
	Previous     string // last year's published value, or empty
	Changed      bool
	NoteName     string // the field of the explanation beside the value
	Note         string
	Flag         *flagView // set when the value looks wrong
}

// flagView says why a value looks wrong, with its history.
type flagView struct {
	Reasons  []string
	History  string
	Required bool
}

// uploadPreview is POST /submissions/preview: the file is read and checked,
// kept in memory if it is accepted, and shown; nothing is stored.
func (s *Server) uploadPreview(c echo.Context) error {
	v := viewerOf(c)
	name, data, err := s.readUpload(c)
	if err != nil {
		return err
	}
	rep, _, err := s.checkUpload(c.Request().Context(), v, name, data)
	if err != nil {
		return err
	}
	id := ""
	if rep.Accepted() {
		if id, err = s.keepPreview(c, pending.Upload{AccountID: v.Account.ID, Name: name, Data: data, Kind: domain.KindFile}); err != nil {
			return err
		}
	}
	return s.renderPreview(c, rep, name, id, nil, nil)
}

// keepPreview keeps a previewed file until it is confirmed; when the
// previews of every account fill their budget, the uploader is told, in
// their language, to try again shortly (503).
func (s *Server) keepPreview(c echo.Context, u pending.Upload) (string, error) {
	id, err := s.pending.Put(u)
	if errors.Is(err, pending.ErrFull) {
		return "", echo.NewHTTPError(http.StatusServiceUnavailable, s.locale(c).T("preview.busy"))
	}
	return id, err
}

// renderPreview answers 200 for an accepted file, 422 for a refused one or
// one confirmed without the explanations its round requires (missing).
func (s *Server) renderPreview(c echo.Context, rep *importer.Report, name, id string, notes map[string]string, missing []domain.Outlier) error {
	l := s.locale(c)
	p, err := s.preview(c.Request().Context(), l, rep, notes)
	if err != nil {
		return err
	}
	p.page = s.base(c, l, "upload", l.T("preview.title"))
	p.ID, p.File = id, name
	status := http.StatusOK
	if !rep.Accepted() {
		status = http.StatusUnprocessableEntity
	}
	if len(missing) > 0 {
		p.Missing = l.N("round.explain_missing", len(missing), len(missing))
		status = http.StatusUnprocessableEntity
	}
	return s.render(c, status, "preview", p)
}

func (s *Server) preview(ctx context.Context, l Locale, rep *importer.Report, notes map[string]string) (previewPage, error) {
	var p previewPage
	// A refused file shows its problems, not its values: they cannot be
	// confirmed, and a file of a million bad rows would make a page of a
	// million rows.
	obs := rep.Observations
	if !rep.Accepted() {
		obs = nil
	}
	vc, err := s.checkValues(ctx, obs)
	if err != nil {
		return p, err
	}
	p.Flagged = len(vc.Outliers)
	for _, code := range rep.Organisations() {
		p.Organisations = append(p.Organisations, s.orgName(code, l))
	}
	p.Years = rep.Years()
	for _, m := range rep.Mappings {
		in, _ := s.ref().Indicator(m.Indicator)
		p.Mappings = append(p.Mappings, previewMapping{
			Place: l.Place(m.Place), Text: m.Text, Indicator: m.Indicator, Label: in.Label.In(l.Lang),
			Breakdown: s.ref().BreakdownLabel(in.Breakdown, m.Breakdown, l.Lang),
		})
	}
	var errs, warns []domain.Problem
	for _, pr := range rep.Problems {
		if pr.Severity == domain.SeverityError {
			errs = append(errs, pr)
		} else {
			warns = append(warns, pr)
		}
	}
	p.Errors, p.Warnings = l.Problems(errs), l.Problems(warns)
	p.ErrorCount = l.Number(float64(rep.Count(domain.SeverityError)), 0)
	p.WarningCount = l.Number(float64(rep.Count(domain.SeverityWarning)), 0)
	if more := rep.Unlisted(); more > 0 {
		p.More = l.N("preview.more_problems", more, l.Number(float64(more), 0))
		for _, code := range slices.Sorted(maps.Keys(rep.ProblemCounts)) {
			p.ByCode = append(p.ByCode, codeCount{Code: code, Count: l.Number(float64(rep.ProblemCounts[code]), 0)})
		}
	}
	var before []int
	for _, y := range p.Years {
		before = append(before, y-1)
	}
	prev, err := s.st.Published(ctx, store.Filter{Organisations: rep.Organisations(), Years: before})
	if err != nil {
		return p, fmt.Errorf("web: preview: %w", err)
	}
	last := map[domain.Key]float64{}
	for _, o := range prev {
		last[o.Key()] = o.Value
	}
	for _, o := range obs {
		in, _ := s.ref().Indicator(o.Indicator)
		row := previewRow{Organisation: o.Organisation, Year: o.Year, Indicator: o.Indicator, Label: in.Label.In(l.Lang),
			Breakdown: s.ref().BreakdownLabel(in.Breakdown, o.Breakdown, l.Lang), Value: l.Value(o.Value, in.Unit)}
		k := o.Key()
		k.Year--
		if v, ok := last[k]; ok {
			row.Previous = l.Value(v, in.Unit)
			row.Changed = v != o.Value
		}
		row.NoteName = noteName(o)
		row.Note = notes[row.NoteName]
		if f, ok := vc.flagged[row.NoteName]; ok {
			fv := &flagView{Required: vc.require[o.Year]}
			p.Require = p.Require || fv.Required
			fv.Reasons, fv.History = flagText(l, f, in.Unit)
			row.Flag = fv
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// flagText says in l's language why a value looks wrong, and its history
// ("2023: 1,100 · 2024: 1,200", empty when none is published).
func flagText(l Locale, o domain.Outlier, unit string) ([]string, string) {
	var reasons, hist []string
	for _, r := range o.Reasons {
		reasons = append(reasons, l.T("round.flag."+r))
	}
	for _, h := range o.History {
		hist = append(hist, fmt.Sprintf("%d: %s", h.Year, l.Value(h.Value, unit)))
	}
	return reasons, strings.Join(hist, " · ")
}

func (s *Server) orgName(code string, l Locale) string {
	if o, ok := s.ref().Organisation(code); ok {
		return o.Name.In(l.Lang) + " (" + code + ")"
	}
	return code
}

// uploadConfirm is POST /submissions/confirm: the previewed file is stored
// as submitted, waiting for the coordinator.
func (s *Server) uploadConfirm(c echo.Context) error {
	v := viewerOf(c)
	u, ok, err := s.pending.Take(c.FormValue("id"), v.Account.ID)
	if err != nil {
		return err
	}
	if !ok {
		return s.previewGone(c)
	}
	ctx := c.Request().Context()
	notes := notesOf(c)
	checked, _, err := s.checkUpload(ctx, v, u.Name, u.Data)
	if err != nil {
		return err
	}
	vc, err := s.checkValues(ctx, checked.Observations)
	if err != nil {
		return err
	}
	if missing := vc.missingExplanations(notes); len(missing) > 0 {
		id, err := s.keepPreview(c, u)
		if err != nil {
			return err
		}
		return s.renderPreview(c, checked, u.Name, id, notes, missing)
	}
	rep, err := s.submit(c, v, u.Name, u.Data, u.Kind, false)
	if err != nil {
		return err
	}
	if !rep.Accepted() {
		// The stored figures changed since the preview and now contradict it.
		return s.renderPreview(c, rep, u.Name, "", notes, nil)
	}
	if err := s.storeExplanations(ctx, rep, notes, s.actor(c)); err != nil {
		return err
	}
	if u.Kind == domain.KindForm {
		for _, sub := range append(rep.Stored.Created, rep.Stored.Unchanged...) {
			if err := entryform.Discard(ctx, s.st, v.Account.ID, sub.Organisation, sub.Year); err != nil {
				return err
			}
		}
	}
	return c.Redirect(http.StatusSeeOther, "/submissions")
}

// previewGone answers the confirmation of a preview that is no longer
// kept (expired, replaced by the account's newer previews, already
// confirmed or cancelled): 404, saying which file in the reader's language
// and what to do.
func (s *Server) previewGone(c echo.Context) error {
	l := s.locale(c)
	msg := l.T("preview.gone")
	if name := strings.TrimSpace(c.FormValue("file")); name != "" {
		msg = l.p.Named("preview.gone_file", map[string]string{"file": domain.Clip(name)})
	}
	minutes := int(previewTTL.Minutes())
	return s.render(c, http.StatusNotFound, "error", errorPage{page: s.base(c, l, "upload", l.T("preview.title")),
		Status: http.StatusNotFound, Message: msg, Detail: l.N("preview.gone_why", minutes, minutes, previewsPerAccount),
		Retry: "/submissions/new"})
}

// uploadCancel is POST /submissions/cancel: the previewed file is dropped.
func (s *Server) uploadCancel(c echo.Context) error {
	if _, _, err := s.pending.Take(c.FormValue("id"), viewerOf(c).Account.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/submissions/new")
}

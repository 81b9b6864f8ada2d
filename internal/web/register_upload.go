package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/register"
	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/webkit/bodylimit"
)

// registerHandlers answer the uploads of complaint registers (issue 6):
// POST /api/v1/registers and the form /registers/new.
type registerHandlers struct {
	s  *Server
	im *register.Importer
}

// newRegisterHandlers returns the handlers of register uploads.
func (s *Server) newRegisterHandlers() *registerHandlers {
	return &registerHandlers{s: s, im: register.NewImporter(s.st)}
}

// receivedRegister is an uploaded register, on disk under its cleaned name
// in a directory of its own (the register reader may take the organisation
// from the file name, and puts a converted copy of a non-UTF-8 CSV beside it).
type receivedRegister struct {
	name   string
	path   string
	dir    string
	dryRun bool
}

func (r *receivedRegister) remove() { os.RemoveAll(r.dir) }

// receive writes the multipart field "file" to a temporary file, streaming
// the body part by part, so that a register never sits in memory (the CSRF
// check of a browser form reads only its first part, the token).
func (h *registerHandlers) receive(c echo.Context) (*receivedRegister, error) {
	// In the store's temporary directory, which the next start empties if
	// the server is killed before this upload ends.
	dir, err := os.MkdirTemp(h.s.st.TempDir(), "register-")
	if err != nil {
		return nil, fmt.Errorf("web: receive register: %w", err)
	}
	rec := &receivedRegister{dir: dir, dryRun: isTrue(c.QueryParam("dry_run"))}
	err = h.stream(c, rec)
	if err == nil && rec.path == "" {
		err = domain.Errorf(domain.EINVALID, "error.no_register_file")
	}
	if err != nil {
		rec.remove()
		return nil, err
	}
	return rec, nil
}

func isTrue(v string) bool { return v == "true" || v == "1" }

func (h *registerHandlers) stream(c echo.Context, rec *receivedRegister) error {
	mr, err := c.Request().MultipartReader()
	if err != nil {
		return domain.Errorf(domain.EINVALID, "error.no_register_multipart")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if bodylimit.TooLarge(err) {
				return h.s.errTooLarge()
			}
			return domain.Errorf(domain.EINVALID, "error.form_unreadable")
		}
		switch part.FormName() {
		case "file":
			if rec.path == "" {
				err = h.save(rec, part.FileName(), part)
			}
		case "dry_run":
			var v []byte
			if v, err = io.ReadAll(io.LimitReader(part, 16)); err == nil {
				rec.dryRun = rec.dryRun || isTrue(string(v))
			}
		}
		part.Close()
		if err != nil {
			return err
		}
	}
}

// save copies at most the upload limit to the register's file.
func (h *registerHandlers) save(rec *receivedRegister, sentName string, from io.Reader) error {
	name := cleanFileName(sentName)
	path := filepath.Join(rec.dir, name)
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("web: save register %s: %w", name, err)
	}
	n, err := io.Copy(out, io.LimitReader(from, h.s.cfg.MaxUploadBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case bodylimit.TooLarge(err) || n > h.s.cfg.MaxUploadBytes:
		return h.s.errTooLarge()
	case err != nil:
		return fmt.Errorf("web: save register %s: %w", name, err)
	}
	rec.name, rec.path = name, path
	return nil
}

// registerOutcome is what became of an uploaded register.
type registerOutcome struct {
	name   string
	result *register.Result // nil when the file is no register
	reason *domain.Error    // why a file that is no register was refused
}

func (o *registerOutcome) accepted() bool { return o.result != nil && o.result.Accepted() }

// created and unchanged are the submissions the register produced.
func (o *registerOutcome) created() []domain.Submission {
	if o.result == nil {
		return nil
	}
	return o.result.Stored.Stored.Created
}

func (o *registerOutcome) unchanged() []domain.Submission {
	if o.result == nil {
		return nil
	}
	return o.result.Stored.Stored.Unchanged
}

// importFor imports a received register for the viewer as submitted, for
// the coordinator's review. An agency imports for its own organisation only:
// a register naming another one (in its organisation column, a title line or
// its file name) is EFORBIDDEN rather than a problem of the file.
func (h *registerHandlers) importFor(c echo.Context, v *viewer, rec *receivedRegister) (*registerOutcome, error) {
	ctx := c.Request().Context()
	req := register.Request{Path: rec.path, Options: register.Options{TempDir: rec.dir},
		Source: v.Account.Email, Status: domain.StatusSubmitted, DryRun: rec.dryRun}
	own, err := review.UploadOrganisation(v.Account)
	if err != nil {
		return nil, err
	}
	req.Options.Organisation = own
	if !rec.dryRun {
		entry := h.s.actor(c).Entry()
		req.Audit = &entry
	}
	out := &registerOutcome{name: rec.name}
	res, err := h.im.Import(ctx, req)
	var de *domain.Error
	switch {
	case errors.As(err, &de) && de.Code == domain.EINVALID:
		out.reason = de
	case err != nil:
		return nil, fmt.Errorf("web: import register %s: %w", rec.name, err)
	default:
		out.result = res
	}
	if !rec.dryRun {
		h.s.countRegister(out)
	}
	if own == "" {
		return out, nil
	}
	if out.accepted() {
		return out, review.OwnFigures(own, res.Organisations)
	}
	// With the agency's organisation given, a register naming another one is
	// refused like a bad file; read it on its own, writing nothing, to tell
	// that case apart from an ordinary refusal.
	if err := h.ownRegister(ctx, own, rec); err != nil {
		return nil, err
	}
	return out, nil
}

// ownRegister is EFORBIDDEN when the register, read without the agency's
// organisation, carries complaints of another organisation.
func (h *registerHandlers) ownRegister(ctx context.Context, own string, rec *receivedRegister) error {
	alone, err := h.im.Import(ctx, register.Request{Path: rec.path, Options: register.Options{TempDir: rec.dir},
		Status: domain.StatusSubmitted, DryRun: true})
	if err != nil {
		// It says nothing of its organisation on its own: the refusal stands.
		return nil
	}
	return review.OwnRegister(own, alone.Organisations)
}

// upload receives and imports a register, audited with the submissions it
// writes: the common part of the API and the form.
func (h *registerHandlers) upload(c echo.Context) (*registerOutcome, bool, error) {
	v := viewerOf(c)
	rec, err := h.receive(c)
	if err != nil {
		return nil, false, err
	}
	defer rec.remove()
	out, err := h.importFor(c, v, rec)
	if err != nil {
		return nil, false, err
	}
	return out, rec.dryRun, nil
}

// status names what became of the register: submitted, unchanged,
// dry_run or refused.
func (o *registerOutcome) status(dryRun bool) string {
	switch {
	case !o.accepted():
		return "refused"
	case dryRun:
		return "dry_run"
	case len(o.created()) == 0:
		return "unchanged"
	}
	return domain.StatusSubmitted
}

// httpStatus is 201 for a stored register, 200 for a dry run or an
// identical re-upload, 422 for a refused one.
func (o *registerOutcome) httpStatus(dryRun bool) int {
	switch o.status(dryRun) {
	case "refused":
		return http.StatusUnprocessableEntity
	case domain.StatusSubmitted:
		return http.StatusCreated
	}
	return http.StatusOK
}

// countRegister counts an uploaded register for /metrics: refused for the
// reason it is no register, or for its most frequent problem.
func (s *Server) countRegister(out *registerOutcome) {
	switch {
	case out.reason != nil:
		s.cfg.Metrics.Import(false, out.reason.Key)
	case out.accepted():
		s.cfg.Metrics.Import(true, "")
		s.cfg.Metrics.RegisterRows(out.result.Stored.Rows)
	default:
		reason := ""
		if len(out.result.Problems) > 0 {
			reason = out.result.Problems[0].Code
		}
		s.cfg.Metrics.Import(false, reason)
	}
}

package web

import (
	"context"
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/ingest"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/review"
)

// readUpload reads the multipart field "file" within the size limit and
// returns its cleaned name and bytes.
func (s *Server) readUpload(c echo.Context) (string, []byte, error) {
	if err := s.parseForm(c); err != nil {
		return "", nil, err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return "", nil, domain.Errorf(domain.EINVALID, "error.no_file")
	}
	if fh.Size > s.cfg.MaxUploadBytes {
		return "", nil, s.errTooLarge()
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, fmt.Errorf("web: open upload: %w", err)
	}
	defer f.Close()
	data, over, err := ingest.ReadAtMost(f, fh.Size, s.cfg.MaxUploadBytes)
	if err != nil {
		return "", nil, fmt.Errorf("web: read upload: %w", err)
	}
	if over {
		return "", nil, s.errTooLarge()
	}
	return cleanFileName(fh.Filename), data, nil
}

// cleanFileName keeps the last element of a name a browser or script sent
// (with / or \ as separator), without control characters, at most 200
// characters. It is stored and shown escaped; extracts neutralise names
// that look like formulas.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[len(r)-200:])
	}
	if name == "" || name == "." || name == "/" || name == ".." {
		return "upload"
	}
	return name
}

// checkUpload parses a file for the viewer, writing nothing. An agency's
// file gets the agency's organisation when it names none, and must carry no
// other (review.OwnFigures): a file naming another organisation (in its
// organisation column, title or file name) is EFORBIDDEN rather than a
// problem of the file.
func (s *Server) checkUpload(ctx context.Context, v *viewer, name string, data []byte) (*importer.Report, ingest.Options, error) {
	var opts ingest.Options
	own, err := review.UploadOrganisation(v.Account)
	if err != nil {
		return nil, opts, err
	}
	opts.Organisation = own
	rep, err := s.im.Check(ctx, name, data, opts)
	if err != nil {
		return nil, opts, fmt.Errorf("web: check upload %s: %w", name, err)
	}
	if own == "" {
		return rep, opts, nil
	}
	if err := review.OwnFigures(own, rep.Organisations()); err != nil {
		return nil, opts, err
	}
	if rep.ProblemCounts["organisation_differs"] > 0 {
		// With the agency's organisation forced, a title or file name naming
		// another one shows only as this problem; read the file on its own
		// to tell that case apart from an ordinary refusal (only then: a
		// second reading doubles the memory of a large file).
		alone := s.parser.Parse(name, data, ingest.Options{})
		if err := review.OwnFigures(own, alone.Organisations()); err != nil {
			return nil, opts, err
		}
	}
	return rep, opts, nil
}

// submit checks a file for the viewer and, unless it is refused or a dry
// run, stores it as submitted for review, of kind (domain.KindFile or
// domain.KindForm), with its "upload" audit entry.
func (s *Server) submit(c echo.Context, v *viewer, name string, data []byte, kind string, dryRun bool) (*importer.Report, error) {
	ctx := c.Request().Context()
	rep, opts, err := s.checkUpload(ctx, v, name, data)
	if err != nil || dryRun {
		return rep, err
	}
	if rep.Accepted() {
		entry := s.actor(c).Entry()
		rep, err = s.im.Import(ctx, importer.Request{Name: name, Data: data, Options: opts, Source: v.Account.Email,
			Kind: kind, Status: domain.StatusSubmitted, Audit: &entry})
		if err != nil {
			return nil, fmt.Errorf("web: submit %s: %w", name, err)
		}
	}
	s.cfg.Metrics.Import(rep.Accepted(), mainProblem(rep.ProblemCounts))
	return rep, nil
}

// mainProblem is the code of the most frequent problem of a refused file,
// the reason /metrics counts it under.
func mainProblem(counts map[string]int) string {
	best := ""
	for code, n := range counts {
		if best == "" || n > counts[best] || (n == counts[best] && code < best) {
			best = code
		}
	}
	return best
}

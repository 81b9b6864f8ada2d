package web

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/importer"
	"github.com/fcmn/infocentre/internal/review"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/textrules"
)

// historyYears is how many published years a value is compared with.
const historyYears = 3

// valueCheck is the outcome of the check on values of a file: the values
// that look wrong, and the years whose round requires them explained.
type valueCheck struct {
	Outliers []domain.Outlier
	flagged  map[string]domain.Outlier // by noteName
	require  map[int]bool
}

// checkValues compares every count of the observations with the same
// administration's last three published years, with the thresholds of the
// year's round (or the defaults when none is open).
func (s *Server) checkValues(ctx context.Context, obs []domain.Observation) (valueCheck, error) {
	vc := valueCheck{Outliers: []domain.Outlier{}, flagged: map[string]domain.Outlier{}, require: map[int]bool{}}
	var orgs []string
	var years []int
	limits := map[int][2]float64{}
	for _, o := range obs {
		if !slices.Contains(orgs, o.Organisation) {
			orgs = append(orgs, o.Organisation)
		}
		if _, ok := limits[o.Year]; ok {
			continue
		}
		limits[o.Year] = [2]float64{domain.DefaultZThreshold, domain.DefaultChangeThreshold}
		r, err := s.st.Round(ctx, o.Year)
		var de *domain.Error
		switch {
		case err == nil:
			limits[o.Year] = [2]float64{r.ZThreshold, r.ChangeThreshold}
			vc.require[o.Year] = r.RequireExplanations
		case errors.As(err, &de) && de.Code == domain.ENOTFOUND:
		default:
			return vc, fmt.Errorf("web: check values: %w", err)
		}
		for y := o.Year - historyYears; y < o.Year; y++ {
			if !slices.Contains(years, y) {
				years = append(years, y)
			}
		}
	}
	if len(obs) == 0 {
		return vc, nil
	}
	pub, err := s.st.Published(ctx, store.Filter{Organisations: orgs, Years: years})
	if err != nil {
		return vc, fmt.Errorf("web: check values: %w", err)
	}
	published := map[domain.Key]float64{}
	for _, o := range pub {
		published[o.Key()] = o.Value
	}
	for _, o := range obs {
		if in, ok := s.ref().Indicator(o.Indicator); !ok || in.Unit != "count" {
			continue
		}
		var hist []domain.YearValue
		for y := o.Year - historyYears; y < o.Year; y++ {
			k := o.Key()
			k.Year = y
			if v, ok := published[k]; ok {
				hist = append(hist, domain.YearValue{Year: y, Value: v})
			}
		}
		lim := limits[o.Year]
		out, flagged := domain.CheckValue(o.Value, o.Year, hist, lim[0], lim[1])
		if !flagged {
			continue
		}
		out.Organisation, out.Indicator, out.Breakdown = o.Organisation, o.Indicator, o.Breakdown
		vc.Outliers = append(vc.Outliers, out)
		vc.flagged[noteName(o)] = out
	}
	return vc, nil
}

// noteName is the form field of the explanation beside a value.
func noteName(o domain.Observation) string {
	return fmt.Sprintf("note:%s:%d:%s:%s", o.Organisation, o.Year, o.Indicator, o.Breakdown)
}

// notesOf reads the explanations of a preview form, by field name; empty
// ones are left out.
func notesOf(c echo.Context) map[string]string {
	out := map[string]string{}
	form, err := c.FormParams()
	if err != nil {
		return out
	}
	for k, vs := range form {
		if !strings.HasPrefix(k, "note:") || len(vs) == 0 {
			continue
		}
		if v := strings.TrimSpace(vs[0]); v != "" {
			if r := []rune(v); len(r) > textrules.Note {
				v = string(r[:textrules.Note])
			}
			out[k] = v
		}
	}
	return out
}

// missingExplanations lists the flagged values, in years whose round
// requires it, that have no explanation.
func (vc valueCheck) missingExplanations(notes map[string]string) []domain.Outlier {
	var out []domain.Outlier
	for name, o := range vc.flagged {
		if vc.require[o.Year] && notes[name] == "" {
			out = append(out, o)
		}
	}
	return out
}

// storeExplanations keeps the explanations given in the preview with the
// submissions the file created, one note per value, each with its audit
// entry.
func (s *Server) storeExplanations(ctx context.Context, rep *importer.Report, notes map[string]string, by review.Actor) error {
	if len(notes) == 0 {
		return nil
	}
	subs := map[string]int64{}
	for _, sub := range append(rep.Stored.Created, rep.Stored.Unchanged...) {
		subs[fmt.Sprintf("%s:%d", sub.Organisation, sub.Year)] = sub.ID
	}
	for _, o := range rep.Observations {
		body := notes[noteName(o)]
		id, ok := subs[fmt.Sprintf("%s:%d", o.Organisation, o.Year)]
		if body == "" || !ok {
			continue
		}
		n := domain.ValueNote{SubmissionID: id, Indicator: o.Indicator, Breakdown: o.Breakdown, Kind: domain.NoteExplanation, Author: by.Account.Email, Body: body}
		if _, err := s.st.AddValueNote(ctx, by.Entry(), n, s.clock.Now()); err != nil {
			return fmt.Errorf("web: explanations: %w", err)
		}
	}
	return nil
}

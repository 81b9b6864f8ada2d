package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/fair"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/textrules"
)

// FairSettings returns the coordinator's thresholds, targets and activity
// units. The thresholds' defaults are written once, by the migration that
// made them (009_fair_comparison.sql), and nowhere else.
func (s *Store) FairSettings(ctx context.Context) (rates.Settings, error) {
	st := rates.Settings{Units: map[string]string{}}
	fields := map[string]*float64{
		fair.SmallN: &st.SmallN, fair.VolumeMedium: &st.BandVolume.Medium, fair.VolumeLarge: &st.BandVolume.Large,
		fair.ReceivedMedium: &st.BandReceived.Medium, fair.ReceivedLarge: &st.BandReceived.Large,
	}
	err := s.scanAll(ctx, "fair_settings_list", func(rows *sql.Rows) error {
		var name string
		var v float64
		if err := rows.Scan(&name, &v); err != nil {
			return err
		}
		if p, ok := fields[name]; ok {
			*p = v
		}
		return nil
	})
	if err == nil {
		err = s.scanAll(ctx, "rate_targets_list", func(rows *sql.Rows) error {
			var t rates.Target
			if err := rows.Scan(&t.Rate, &t.Year, &t.Direction, &t.Value, &t.Margin); err != nil {
				return err
			}
			st.Targets = append(st.Targets, t)
			return nil
		})
	}
	if err == nil {
		err = s.scanAll(ctx, "activity_units_list", func(rows *sql.Rows) error {
			var org, unit string
			if err := rows.Scan(&org, &unit); err != nil {
				return err
			}
			st.Units[org] = unit
			return nil
		})
	}
	if err != nil {
		return rates.Settings{}, fmt.Errorf("store: fair settings: %w", err)
	}
	return st, nil
}

// termDaysRange is what a term may be, as docs/fair-comparison.md states it: at most a
// year. (The thresholds' ranges are package fair's.)
var termDaysRange = textrules.Range{Min: 0, Max: 365, Whole: true}

// targetRange is what a target and its margin may be in the rate's unit:
// a share up to 100 %, a rate per 1,000 up to 1,000.
func targetRange(r rates.Rate) textrules.Range {
	return textrules.Range{Min: 0, Max: r.Scale}
}

// WriteThresholds records thresholds by name (fair.SmallN…), as
// fair.SetThresholds checked them, with by's audit entry (fair_thresholds).
func (s *Store) WriteThresholds(ctx context.Context, by domain.AuditEntry, values map[string]float64) error {
	return s.changeFair(ctx, by, "fair_thresholds", "", values, func(tx *sql.Tx) error {
		for name, v := range values {
			if _, err := tx.ExecContext(ctx, s.query("fair_setting_set"), name, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetTarget records the target of a rate for a year (0: every year).
func (s *Store) SetTarget(ctx context.Context, by domain.AuditEntry, t rates.Target) error {
	rate, ok := rates.Find(t.Rate)
	if !ok {
		return domain.Errorf(domain.EINVALID, "error.unknown_rate", t.Rate)
	}
	if t.Direction != rates.AtLeast && t.Direction != rates.AtMost {
		return domain.Errorf(domain.EINVALID, "error.direction_choice", t.Direction)
	}
	if t.Year != 0 && (t.Year < domain.FirstYear || t.Year > domain.LastYear) {
		return domain.Errorf(domain.EINVALID, "error.target_year", t.Year)
	}
	if err := targetRange(rate).Check(domain.Phrasef("error.field.target_value"), t.Value); err != nil {
		return err
	}
	if err := targetRange(rate).Check(domain.Phrasef("error.field.target_margin"), t.Margin); err != nil {
		return err
	}
	return s.changeFair(ctx, by, "fair_target_set", fmt.Sprintf("%s/%d", t.Rate, t.Year), t, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.query("rate_target_set"), t.Rate, t.Year, t.Direction, t.Value, t.Margin)
		return err
	})
}

// DeleteTarget removes the target of a rate for a year.
func (s *Store) DeleteTarget(ctx context.Context, by domain.AuditEntry, rate string, year int) error {
	return s.changeFair(ctx, by, "fair_target_delete", fmt.Sprintf("%s/%d", rate, year), nil, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.query("rate_target_delete"), rate, year)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.ENOTFOUND, "error.no_target", rate, year)
		}
		return nil
	})
}

// SetActivityUnit records what an administration's activity volume counts
// (one of rates.Units); an empty unit forgets it.
func (s *Store) SetActivityUnit(ctx context.Context, by domain.AuditEntry, org, unit string) error {
	if err := checkUnit(s.Reference(), org, unit); err != nil {
		return err
	}
	return s.changeFair(ctx, by, "fair_unit_set", org, unit, func(tx *sql.Tx) error {
		return s.writeUnit(ctx, tx, org, unit)
	})
}

func checkUnit(ref *reference.Catalogue, org, unit string) error {
	if _, ok := ref.Organisation(org); !ok {
		return domain.Errorf(domain.EINVALID, "error.unknown_organisation", org)
	}
	if unit != "" && !slices.Contains(rates.Units, unit) {
		return domain.Errorf(domain.EINVALID, "error.activity_unit_choice", unit)
	}
	return nil
}

func (s *Store) writeUnit(ctx context.Context, tx *sql.Tx, org, unit string) error {
	if unit == "" {
		_, err := tx.ExecContext(ctx, s.query("activity_unit_delete"), org)
		return err
	}
	_, err := tx.ExecContext(ctx, s.query("activity_unit_set"), org, unit)
	return err
}

// SetOrganisationFair records an administration's activity unit and terms,
// as the coordinator's page and API change them together: both are checked
// first, then written with their audit entries (fair_unit_set,
// fair_terms_set) in one transaction, so that a refused term leaves the
// unit as it was.
func (s *Store) SetOrganisationFair(ctx context.Context, by domain.AuditEntry, org, unit string, t Terms) error {
	if err := checkUnit(s.Reference(), org, unit); err != nil {
		return err
	}
	if err := checkTerms(t); err != nil {
		return err
	}
	detail, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("store: terms %s: %w", org, err)
	}
	return s.changeFair(ctx, by, "fair_unit_set", org, unit, func(tx *sql.Tx) error {
		if err := s.writeUnit(ctx, tx, org, unit); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.query("register_terms_set"), org, t.AckDays, t.AnswerDays, t.WorkingDays); err != nil {
			return err
		}
		return s.auditIn(ctx, tx, domain.AuditEntry{Actor: by.Actor, Action: "fair_terms_set", Subject: org, Detail: string(detail), Address: by.Address})
	})
}

// OrganisationTerms lists the terms every organisation set (others have
// the defaults).
func (s *Store) OrganisationTerms(ctx context.Context) (map[string]Terms, error) {
	out := map[string]Terms{}
	err := s.scanAll(ctx, "terms_list", func(rows *sql.Rows) error {
		var org string
		var t Terms
		if err := rows.Scan(&org, &t.AckDays, &t.AnswerDays, &t.WorkingDays); err != nil {
			return err
		}
		out[org] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: terms: %w", err)
	}
	return out, nil
}

// changeFair writes a settings change, moves the reference revision (so
// that cached pages show it at once) and appends the audit entry, in one
// transaction.
func (s *Store) changeFair(ctx context.Context, by domain.AuditEntry, action, subject string, detail any, write func(*sql.Tx) error) error {
	raw, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("store: %s %s: %w", action, subject, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := write(tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.query("reference_bump_revision")); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.query("audit_append"), by.Actor, action, subject, string(raw), by.Address)
		return err
	})
	if err != nil {
		if _, ok := err.(*domain.Error); ok {
			return err
		}
		return fmt.Errorf("store: %s %s: %w", action, subject, err)
	}
	return nil
}

// RateValue is one rate of one administration and year, as the API gives it.
type RateValue struct {
	Organisation string  `json:"organisation"`
	Year         int     `json:"year"`
	Rate         string  `json:"rate"`
	Value        float64 `json:"value"`
	Numerator    float64 `json:"numerator"`
	Denominator  float64 `json:"denominator"`
	SmallN       bool    `json:"small_n"`
	TargetState  *string `json:"target_state"` // met, close, missed; null without a target or for a small n
	Unit         string  `json:"unit"`
	ActivityUnit string  `json:"activity_unit,omitempty"` // what the activity volume counts, for rates per 1,000
	Band         string  `json:"band,omitempty"`          // small, medium or large
}

// Rates computes rate for every administration with published values in
// year (narrowed to orgs when given). An administration whose rate cannot
// be computed (a term missing, a denominator of zero: for the rates per
// 1,000 an activity volume not reported) is left out.
func (s *Store) Rates(ctx context.Context, year int, rate rates.Rate, orgs []string) ([]RateValue, error) {
	settings, err := s.FairSettings(ctx)
	if err != nil {
		return nil, err
	}
	terms := append(rate.Terms(), "activity_volume", "received")
	obs, err := s.Published(ctx, Filter{Years: []int{year}, Indicators: terms})
	if err != nil {
		return nil, err
	}
	values := map[string]map[string]float64{}
	for _, o := range obs {
		if o.Breakdown != "" {
			continue
		}
		if values[o.Organisation] == nil {
			values[o.Organisation] = map[string]float64{}
		}
		values[o.Organisation][o.Indicator] = o.Value
	}
	out := []RateValue{}
	for org, v := range values {
		if len(orgs) > 0 && !slices.Contains(orgs, org) {
			continue
		}
		res := rate.Of(v, settings.SmallN)
		if !res.OK() {
			continue
		}
		rv := RateValue{Organisation: org, Year: year, Rate: rate.Code, Value: res.Value, Numerator: res.Numerator,
			Denominator: res.Denominator, SmallN: res.SmallN, Unit: rate.Unit, Band: settings.Band(v)}
		if state := settings.StateOf(rate.Code, year, res); state != "" {
			rv.TargetState = &state
		}
		if rate.PerActivity() {
			rv.ActivityUnit = settings.Units[org]
		}
		out = append(out, rv)
	}
	slices.SortFunc(out, func(a, b RateValue) int {
		if a.Organisation < b.Organisation {
			return -1
		}
		if a.Organisation > b.Organisation {
			return 1
		}
		return 0
	})
	return out, nil
}

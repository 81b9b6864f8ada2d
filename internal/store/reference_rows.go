package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/fcmn/infocentre/internal/reference"
)

// referenceRows are rows of the reference tables written together: each
// table takes one statement whatever the number of its rows (its rows as
// one JSON parameter), so that a new database is seeded in a dozen
// statements rather than hundreds, and one change writes the same way.
type referenceRows struct {
	groups        []groupRow
	organisations []organisationRow
	names         []organisationNameRow
	memberships   []membershipRow
	successors    []successorRow
	indicators    []indicatorRow
	definitions   []definitionRow
	// orgCodes and indicatorCodes are those whose rows of the other
	// tables are replaced; items are the seed items written.
	orgCodes, indicatorCodes, items []string
}

type groupRow struct {
	Code   string `json:"code"`
	NameNL string `json:"name_nl"`
	NameFR string `json:"name_fr"`
	NameEN string `json:"name_en"`
}

type organisationRow struct {
	Code       string `json:"code"`
	NameNL     string `json:"name_nl"`
	NameFR     string `json:"name_fr"`
	NameEN     string `json:"name_en"`
	Kind       string `json:"kind"`
	SecondLine string `json:"second_line"`
	ArticleFR  string `json:"article_fr"`
	Group      string `json:"grp"` // the latest membership's group
	FirstYear  int    `json:"first_year"`
	LastYear   *int   `json:"last_year"` // nil while active
	Position   int    `json:"position"`
}

type organisationNameRow struct {
	Organisation string `json:"organisation"`
	Name         string `json:"name"`
}

type membershipRow struct {
	Organisation string `json:"organisation"`
	FromYear     int    `json:"from_year"`
	Group        string `json:"grp"`
}

type successorRow struct {
	Organisation string `json:"organisation"`
	Successor    string `json:"successor"`
	Year         int    `json:"year"`
}

type indicatorRow struct {
	Code       string `json:"code"`
	Unit       string `json:"unit"`
	Breakdown  string `json:"breakdown"`
	LabelNL    string `json:"label_nl"`
	LabelFR    string `json:"label_fr"`
	LabelEN    string `json:"label_en"`
	Definition string `json:"definition"`
	FirstYear  int    `json:"first_year"`
	Position   int    `json:"position"`
}

type definitionRow struct {
	Indicator string `json:"indicator"`
	Lang      string `json:"lang"`
	FromYear  int    `json:"from_year"`
	Text      string `json:"text"`
}

func (r *referenceRows) addGroup(g reference.Group) {
	r.groups = append(r.groups, groupRow{g.Code, g.Name.NL, g.Name.FR, g.Name.EN})
	r.items = append(r.items, "group:"+g.Code)
}

// addOrganisation replaces the administration's rows with o, at position
// in the catalogue's order.
func (r *referenceRows) addOrganisation(o reference.Organisation, position int) {
	row := organisationRow{Code: o.Code, NameNL: o.Name.NL, NameFR: o.Name.FR, NameEN: o.Name.EN, Kind: o.Kind,
		SecondLine: o.SecondLine, ArticleFR: o.ArticleFR, FirstYear: o.FirstYear, Position: position}
	if o.LastYear != 0 {
		row.LastYear = &o.LastYear
	}
	if n := len(o.Groups); n > 0 {
		row.Group = o.Groups[n-1].Group
	}
	r.organisations = append(r.organisations, row)
	r.orgCodes = append(r.orgCodes, o.Code)
	for _, name := range o.Abbreviations {
		r.names = append(r.names, organisationNameRow{o.Code, name})
	}
	for _, m := range o.Groups {
		r.memberships = append(r.memberships, membershipRow{o.Code, m.FromYear, m.Group})
	}
	for _, next := range o.Successors {
		r.successors = append(r.successors, successorRow{o.Code, next.Code, next.Year})
	}
	r.items = append(r.items, "organisation:"+o.Code)
}

// addIndicator replaces the indicator's rows with in, at position in the
// catalogue's order.
func (r *referenceRows) addIndicator(in reference.Indicator, position int) {
	r.indicators = append(r.indicators, indicatorRow{in.Code, in.Unit, in.Breakdown, in.Label.NL, in.Label.FR, in.Label.EN,
		in.Definition.EN, in.FirstYear, position})
	r.indicatorCodes = append(r.indicatorCodes, in.Code)
	for _, d := range in.History {
		r.definitions = append(r.definitions, definitionRow{in.Code, d.Lang, d.FromYear, d.Text})
	}
	r.items = append(r.items, "indicator:"+in.Code)
}

// tableWrite is one statement of writeReferenceRows: its query, its rows
// (the JSON parameter) and how many there are.
type tableWrite struct {
	query string
	rows  any
	n     int
}

// writeReferenceRows runs, inside tx, one statement per table that has rows: the
// parents first, then the replaced children are cleared and written.
// markSeed also records the items as received from the seed.
func (s *Store) writeReferenceRows(ctx context.Context, tx *sql.Tx, r referenceRows, markSeed bool) error {
	steps := []tableWrite{
		{"reference_write_groups", r.groups, len(r.groups)},
		{"reference_write_organisations", r.organisations, len(r.organisations)},
		{"reference_clear_organisation_names", r.orgCodes, len(r.orgCodes)},
		{"reference_clear_organisation_groups", r.orgCodes, len(r.orgCodes)},
		{"reference_clear_organisation_successors", r.orgCodes, len(r.orgCodes)},
		{"reference_write_organisation_names", r.names, len(r.names)},
		{"reference_write_organisation_groups", r.memberships, len(r.memberships)},
		{"reference_write_organisation_successors", r.successors, len(r.successors)},
		{"reference_write_indicators", r.indicators, len(r.indicators)},
		{"reference_clear_indicator_definitions", r.indicatorCodes, len(r.indicatorCodes)},
		{"reference_write_indicator_definitions", r.definitions, len(r.definitions)},
	}
	if markSeed {
		steps = append(steps, tableWrite{"reference_seed_mark", r.items, len(r.items)})
	}
	for _, st := range steps {
		if st.n == 0 {
			continue
		}
		doc, err := json.Marshal(st.rows)
		if err != nil {
			return fmt.Errorf("%s: %w", st.query, err)
		}
		if _, err := tx.ExecContext(ctx, s.query(st.query), string(doc)); err != nil {
			return fmt.Errorf("%s: %w", st.query, err)
		}
	}
	return nil
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/textrules"
)

// Reference returns the reference catalogue as it is now. A change of the
// reference replaces it: callers that match labels or list administrations
// ask for it each time (once per request or file), never keep it.
func (s *Store) Reference() *reference.Catalogue { return s.ref.Load() }

// seedReference writes the items of seed that this database has never
// received (every item of a new database; a new build's new ones later),
// without touching what the coordinator changed. It tells whether it wrote.
func (s *Store) seedReference(ctx context.Context, seed reference.Seed) (bool, error) {
	applied := map[string]bool{}
	rows, err := s.db.QueryContext(ctx, s.query("reference_seed_applied"))
	if err != nil {
		return false, fmt.Errorf("read applied seed: %w", err)
	}
	for rows.Next() {
		var item string
		if err := rows.Scan(&item); err != nil {
			rows.Close()
			return false, fmt.Errorf("read applied seed: %w", err)
		}
		applied[item] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("read applied seed: %w", err)
	}
	var items []string
	for _, g := range seed.Groups {
		items = append(items, "group:"+g.Code)
	}
	for _, o := range seed.Organisations {
		items = append(items, "organisation:"+o.Code)
	}
	for _, in := range seed.Indicators {
		items = append(items, "indicator:"+in.Code)
	}
	if !slices.ContainsFunc(items, func(item string) bool { return !applied[item] }) {
		return false, nil // the usual start: nothing to write
	}
	var pending referenceRows
	for _, g := range seed.Groups {
		if !applied["group:"+g.Code] {
			pending.addGroup(g)
		}
	}
	for i, o := range seed.Organisations {
		if !applied["organisation:"+o.Code] {
			pending.addOrganisation(o, i)
		}
	}
	for i, in := range seed.Indicators {
		if !applied["indicator:"+in.Code] {
			pending.addIndicator(in, i)
		}
	}
	return true, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.writeReferenceRows(ctx, tx, pending, true); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		return nil
	})
}

// loadReference builds the catalogue from the database.
func (s *Store) loadReference(ctx context.Context) (*reference.Catalogue, error) {
	var seed reference.Seed
	orgAt := map[string]int{}
	inAt := map[string]int{}
	steps := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{"reference_load_groups", func(r *sql.Rows) error {
			var g reference.Group
			err := r.Scan(&g.Code, &g.Name.NL, &g.Name.FR, &g.Name.EN)
			seed.Groups = append(seed.Groups, g)
			return err
		}},
		{"reference_load_organisations", func(r *sql.Rows) error {
			var o reference.Organisation
			err := r.Scan(&o.Code, &o.Name.NL, &o.Name.FR, &o.Name.EN, &o.Kind, &o.SecondLine, &o.ArticleFR, &o.FirstYear, &o.LastYear)
			orgAt[o.Code] = len(seed.Organisations)
			seed.Organisations = append(seed.Organisations, o)
			return err
		}},
		{"reference_load_organisation_names", func(r *sql.Rows) error {
			var code, name string
			if err := r.Scan(&code, &name); err != nil {
				return err
			}
			if i, ok := orgAt[code]; ok {
				seed.Organisations[i].Abbreviations = append(seed.Organisations[i].Abbreviations, name)
			}
			return nil
		}},
		{"reference_load_organisation_groups", func(r *sql.Rows) error {
			var code string
			var m reference.Membership
			if err := r.Scan(&code, &m.FromYear, &m.Group); err != nil {
				return err
			}
			if i, ok := orgAt[code]; ok {
				seed.Organisations[i].Groups = append(seed.Organisations[i].Groups, m)
			}
			return nil
		}},
		{"reference_load_organisation_successors", func(r *sql.Rows) error {
			var code string
			var next reference.Successor
			if err := r.Scan(&code, &next.Code, &next.Year); err != nil {
				return err
			}
			if i, ok := orgAt[code]; ok {
				seed.Organisations[i].Successors = append(seed.Organisations[i].Successors, next)
			}
			return nil
		}},
		{"reference_load_indicators", func(r *sql.Rows) error {
			var in reference.Indicator
			err := r.Scan(&in.Code, &in.Unit, &in.Breakdown, &in.Label.NL, &in.Label.FR, &in.Label.EN, &in.FirstYear)
			inAt[in.Code] = len(seed.Indicators)
			seed.Indicators = append(seed.Indicators, in)
			return err
		}},
		{"reference_load_indicator_definitions", func(r *sql.Rows) error {
			var code string
			var d reference.Definition
			if err := r.Scan(&code, &d.Lang, &d.FromYear, &d.Text); err != nil {
				return err
			}
			if i, ok := inAt[code]; ok {
				seed.Indicators[i].SetDefinition(d.Lang, d.FromYear, d.Text)
			}
			return nil
		}},
	}
	for _, step := range steps {
		if err := s.scanAll(ctx, step.query, step.scan); err != nil {
			return nil, fmt.Errorf("load reference: %w", err)
		}
	}
	return reference.New(seed)
}

func (s *Store) scanAll(ctx context.Context, query string, scan func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, s.query(query))
	if err != nil {
		return fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("%s: %w", query, err)
		}
	}
	return rows.Err()
}

// referenceChange is one change of the reference data: what it does to a
// copy of the current data, and which items it touched.
type referenceChange struct {
	action  string // audit action
	subject string // code of what changed
	// apply changes seed and returns the item before and after, for the audit.
	apply func(seed *reference.Seed) (before, after any, err error)
}

// changeReference applies a change to a copy of the reference, checks the
// result as a whole (reference.New), then writes the touched item, moves the
// reference revision and appends the audit entry in one transaction. Only
// then does the live catalogue change. Bad input changes nothing.
func (s *Store) changeReference(ctx context.Context, by domain.AuditEntry, ch referenceChange) error {
	s.refMu.Lock()
	defer s.refMu.Unlock()
	seed := s.Reference().Seed()
	before, after, err := ch.apply(&seed)
	if err != nil {
		return err
	}
	next, err := reference.New(seed)
	if err != nil {
		// The changed reference contradicts itself: say how, in the
		// reader's language.
		var de *domain.Error
		if errors.As(err, &de) {
			return de
		}
		return fmt.Errorf("store: %s %s: %w", ch.action, ch.subject, err)
	}
	detail, err := json.Marshal(map[string]any{"before": before, "after": after})
	if err != nil {
		return fmt.Errorf("store: %s %s: %w", ch.action, ch.subject, err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.writeTouched(ctx, tx, next, ch.action, ch.subject); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.query("reference_bump_revision")); err != nil {
			return err
		}
		by.Action, by.Subject, by.Detail = ch.action, ch.subject, string(detail)
		return s.auditIn(ctx, tx, by)
	})
	if err != nil {
		return fmt.Errorf("store: %s %s: %w", ch.action, ch.subject, err)
	}
	s.ref.Store(next)
	return nil
}

// writeTouched writes the group, administration or indicator the change is about.
func (s *Store) writeTouched(ctx context.Context, tx *sql.Tx, next *reference.Catalogue, action, code string) error {
	var rows referenceRows
	switch {
	case strings.HasPrefix(action, "group_"):
		if g, ok := next.Group(code); ok {
			rows.addGroup(g)
		}
	case strings.HasPrefix(action, "organisation_"):
		for i, o := range next.Organisations {
			if o.Code == code {
				rows.addOrganisation(o, i)
			}
		}
	case strings.HasPrefix(action, "indicator_"):
		for i, in := range next.Indicators {
			if in.Code == code {
				rows.addIndicator(in, i)
			}
		}
	}
	if len(rows.items) == 0 {
		return fmt.Errorf("nothing to write for %s %s", action, code)
	}
	return s.writeReferenceRows(ctx, tx, rows, false)
}

// codePattern is what a new administration or group code may look like.
var codePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,31}$`)

// Year bounds: the platform's own (domain.FirstYear to domain.LastYear);
// anything outside is a typing mistake, not a year.
const (
	minYear = domain.FirstYear
	maxYear = domain.LastYear
)

func checkYear(what domain.Phrase, y int) error {
	if y < minYear || y > maxYear {
		return domain.Errorf(domain.EINVALID, "error.year_implausible", what, y, minYear, maxYear)
	}
	return nil
}

// langNames name a language inside a message.
var langNames = map[string]domain.Phrase{"nl": domain.Phrasef("error.lang_name.nl"), "fr": domain.Phrasef("error.lang_name.fr"), "en": domain.Phrasef("error.lang_name.en")}

// checkLabels checks a name or label given in every language: present, on
// one line, at most max characters.
func checkLabels(what domain.Phrase, l reference.Labels, max int) error {
	for _, lang := range reference.Languages {
		if strings.TrimSpace(l.In(lang)) == "" {
			return domain.Errorf(domain.EINVALID, "error.label_missing", what, langNames[lang])
		}
		if err := textrules.Line(domain.Phrasef("error.field.in_language", what, langNames[lang]), l.In(lang), max); err != nil {
			return err
		}
	}
	return nil
}

// checkOrganisation checks what can be checked on one administration alone;
// reference.New checks it against the others.
func checkOrganisation(o reference.Organisation) error {
	if err := checkLabels(domain.Phrasef("error.field.name"), o.Name, textrules.Name); err != nil {
		return err
	}
	if strings.TrimSpace(o.Kind) == "" || strings.TrimSpace(o.SecondLine) == "" {
		return domain.Errorf(domain.EINVALID, "error.kind_second_line_required")
	}
	if err := textrules.Line(domain.Phrasef("error.field.kind"), o.Kind, textrules.Name); err != nil {
		return err
	}
	if err := textrules.Line(domain.Phrasef("error.field.second_line"), o.SecondLine, textrules.Name); err != nil {
		return err
	}
	if !slices.Contains(reference.ArticlesFR, o.ArticleFR) {
		return domain.Errorf(domain.EINVALID, "error.article_fr", o.ArticleFR)
	}
	if len(o.Groups) == 0 {
		return domain.Errorf(domain.EINVALID, "error.group_required")
	}
	if err := checkYear(domain.Phrasef("error.field.first_year"), o.FirstYear); err != nil {
		return err
	}
	for _, m := range o.Groups {
		if err := checkYear(domain.Phrasef("error.field.group_year"), m.FromYear); err != nil {
			return err
		}
	}
	for _, a := range o.Abbreviations {
		if err := textrules.Line(domain.Phrasef("error.field.abbreviation"), a, textrules.Label); err != nil {
			return err
		}
		if reference.Normalize(a) == "" {
			return domain.Errorf(domain.EINVALID, "error.abbreviation_empty", a)
		}
	}
	return nil
}

func findOrganisation(seed *reference.Seed, code string) (*reference.Organisation, error) {
	for i := range seed.Organisations {
		if seed.Organisations[i].Code == code {
			return &seed.Organisations[i], nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "error.administration_not_found", code)
}

// AddOrganisation adds an administration. Its code must be new: codes are
// never reused, not even those of ended administrations.
func (s *Store) AddOrganisation(ctx context.Context, by domain.AuditEntry, o reference.Organisation) error {
	return s.changeReference(ctx, by, referenceChange{action: "organisation_add", subject: o.Code,
		apply: func(seed *reference.Seed) (any, any, error) {
			if !codePattern.MatchString(o.Code) {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.code_format", o.Code)
			}
			for _, known := range seed.Organisations {
				if strings.EqualFold(known.Code, o.Code) {
					return nil, nil, domain.Errorf(domain.ECONFLICT, "error.code_taken", o.Code, known.Code,
						domain.ByLanguage{"nl": known.Name.NL, "fr": known.Name.FR, "en": known.Name.EN})
				}
			}
			if o.FirstYear == 0 {
				o.FirstYear = reference.FirstNetworkYear
			}
			if o.LastYear != 0 || len(o.Successors) > 0 {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.new_administration_end")
			}
			if err := checkOrganisation(o); err != nil {
				return nil, nil, err
			}
			seed.Organisations = append(seed.Organisations, o)
			return nil, o, nil
		}})
}

// UpdateOrganisation replaces an administration's names, abbreviations,
// kind, second-line body, first year and group memberships with those of o.
// Its end and successors change only through EndOrganisation.
func (s *Store) UpdateOrganisation(ctx context.Context, by domain.AuditEntry, o reference.Organisation) error {
	return s.changeReference(ctx, by, referenceChange{action: "organisation_update", subject: o.Code,
		apply: func(seed *reference.Seed) (any, any, error) {
			cur, err := findOrganisation(seed, o.Code)
			if err != nil {
				return nil, nil, err
			}
			before := *cur
			o.LastYear, o.Successors = cur.LastYear, cur.Successors
			if err := checkOrganisation(o); err != nil {
				return nil, nil, err
			}
			*cur = o
			return before, o, nil
		}})
}

// EndOrganisation ends an administration after lastYear; its successors (a
// merger or a split) take over from the next year. An ended administration
// stays in the reference, with its history.
func (s *Store) EndOrganisation(ctx context.Context, by domain.AuditEntry, code string, lastYear int, successors []string) error {
	return s.changeReference(ctx, by, referenceChange{action: "organisation_end", subject: code,
		apply: func(seed *reference.Seed) (any, any, error) {
			cur, err := findOrganisation(seed, code)
			if err != nil {
				return nil, nil, err
			}
			if cur.LastYear != 0 {
				return nil, nil, domain.Errorf(domain.ECONFLICT, "error.administration_ended", code, cur.LastYear)
			}
			if err := checkYear(domain.Phrasef("error.field.last_year"), lastYear); err != nil {
				return nil, nil, err
			}
			before := *cur
			cur.LastYear = lastYear
			cur.Successors = nil
			for _, next := range successors {
				if next == code {
					return nil, nil, domain.Errorf(domain.EINVALID, "error.administration_self_successor", code)
				}
				if slices.ContainsFunc(cur.Successors, func(s reference.Successor) bool { return s.Code == next }) {
					continue
				}
				cur.Successors = append(cur.Successors, reference.Successor{Code: next, Year: lastYear + 1})
			}
			return before, *cur, nil
		}})
}

// SaveGroup creates a group (create) or renames an existing one.
func (s *Store) SaveGroup(ctx context.Context, by domain.AuditEntry, g reference.Group, create bool) error {
	action := "group_update"
	if create {
		action = "group_add"
	}
	return s.changeReference(ctx, by, referenceChange{action: action, subject: g.Code,
		apply: func(seed *reference.Seed) (any, any, error) {
			if err := checkLabels(domain.Phrasef("error.field.group_name"), g.Name, textrules.Name); err != nil {
				return nil, nil, err
			}
			for i, known := range seed.Groups {
				if known.Code != g.Code {
					continue
				}
				if create {
					return nil, nil, domain.Errorf(domain.ECONFLICT, "error.group_exists", g.Code)
				}
				seed.Groups[i] = g
				return known, g, nil
			}
			if !create {
				return nil, nil, domain.Errorf(domain.ENOTFOUND, "error.group_not_found", g.Code)
			}
			if !codePattern.MatchString(g.Code) {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.code_format", g.Code)
			}
			seed.Groups = append(seed.Groups, g)
			return nil, g, nil
		}})
}

func findIndicator(seed *reference.Seed, code string) (*reference.Indicator, error) {
	for i := range seed.Indicators {
		if seed.Indicators[i].Code == code {
			return &seed.Indicators[i], nil
		}
	}
	return nil, domain.Errorf(domain.ENOTFOUND, "error.indicator_not_found", code)
}

// UpdateIndicator replaces an indicator's labels, unit and first year. Its
// definitions change through SetDefinition, its breakdown never (the stored
// observations depend on it).
func (s *Store) UpdateIndicator(ctx context.Context, by domain.AuditEntry, in reference.Indicator) error {
	return s.changeReference(ctx, by, referenceChange{action: "indicator_update", subject: in.Code,
		apply: func(seed *reference.Seed) (any, any, error) {
			cur, err := findIndicator(seed, in.Code)
			if err != nil {
				return nil, nil, err
			}
			if err := checkLabels(domain.Phrasef("error.field.label"), in.Label, textrules.Label); err != nil {
				return nil, nil, err
			}
			if !slices.Contains([]string{"count", "days", "share"}, in.Unit) && in.Unit != cur.Unit {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.unit_choice", in.Unit)
			}
			if err := checkYear(domain.Phrasef("error.field.first_year"), in.FirstYear); err != nil {
				return nil, nil, err
			}
			before := *cur
			cur.Label, cur.Unit, cur.FirstYear = in.Label, in.Unit, in.FirstYear
			return before, *cur, nil
		}})
}

// SetDefinition records a definition of an indicator in one language, in
// force from year on. The earlier versions stay: a figure of an earlier year
// keeps the definition it was collected under.
func (s *Store) SetDefinition(ctx context.Context, by domain.AuditEntry, code, lang string, year int, text string) error {
	return s.changeReference(ctx, by, referenceChange{action: "indicator_definition", subject: code,
		apply: func(seed *reference.Seed) (any, any, error) {
			cur, err := findIndicator(seed, code)
			if err != nil {
				return nil, nil, err
			}
			if !slices.Contains(reference.Languages, lang) {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.language_choice", lang)
			}
			if err := checkYear(domain.Phrasef("error.field.year"), year); err != nil {
				return nil, nil, err
			}
			text = strings.TrimSpace(text)
			if text == "" {
				return nil, nil, domain.Errorf(domain.EINVALID, "error.definition_empty")
			}
			if err := textrules.Text(domain.Phrasef("error.field.definition"), text, textrules.Definition); err != nil {
				return nil, nil, err
			}
			before := reference.Definition{Lang: lang, FromYear: year, Text: cur.DefinitionIn(lang, year)}
			cur.SetDefinition(lang, year, text)
			return before, reference.Definition{Lang: lang, FromYear: year, Text: text}, nil
		}})
}

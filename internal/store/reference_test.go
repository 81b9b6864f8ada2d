package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

var refCoordinator = domain.AuditEntry{Actor: "coord@example.be", Address: "192.0.2.1"}

// newOrganisation is an administration as the refCoordinator would add it.
func newOrganisation(code, name string, from int, group string, abbrevs ...string) reference.Organisation {
	return reference.Organisation{Code: code, Name: reference.Labels{NL: name + " NL", FR: name + " FR", EN: name + " EN"},
		Abbreviations: abbrevs, Kind: "public_institution", SecondLine: "federal_ombudsman",
		Groups: []reference.Membership{{FromYear: from, Group: group}}, FirstYear: from}
}

func TestActiveOrganisations(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	all := s.Reference().OrganisationCodes()
	if err := s.AddOrganisation(ctx, refCoordinator, newOrganisation("NEWCO", "Nieuwe dienst", 2025, "other")); err != nil {
		t.Fatal(err)
	}
	if err := s.EndOrganisation(ctx, refCoordinator, "FIN", 2024, []string{"NEWCO"}); err != nil {
		t.Fatal(err)
	}
	without := func(codes []string, drop string) []string {
		return slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == drop })
	}
	with := func(codes []string, add string) []string {
		out := append(slices.Clone(codes), add)
		slices.Sort(out)
		return out
	}
	tests := []struct {
		year int
		want []string
	}{
		{2010, nil},
		{2024, all},
		{2025, with(without(all, "FIN"), "NEWCO")},
	}
	for _, tt := range tests {
		got, err := s.ExpectedOrganisations(ctx, tt.year)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ExpectedOrganisations(%d) = %v, want %v", tt.year, got, tt.want)
		}
	}
	if code, ok := s.Reference().OrganisationMatcher().Lookup("Nieuwe dienst FR"); !ok || code != "NEWCO" {
		t.Errorf("the new name matches %q, %v at once; want NEWCO", code, ok)
	}
}

// TestReferenceKeptAcrossRestarts: the seed fills a new database once; the
// refCoordinator's changes survive a restart with the same seed, and each
// change is in the audit log with before and after.
func TestReferenceKeptAcrossRestarts(t *testing.T) {
	s, path := MustOpen(t)
	ctx := context.Background()
	fin, _ := s.Reference().Organisation("FIN")
	fin.Name.EN = "FPS Finance (renamed)"
	fin.Abbreviations = append(fin.Abbreviations, "Fiscus")
	fin.MoveTo("other", 2023)
	if err := s.UpdateOrganisation(ctx, refCoordinator, fin); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefinition(ctx, refCoordinator, "received", "en", 2024, "New definition from 2024 on."); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGroup(ctx, refCoordinator, reference.Group{Code: "regional", Name: reference.Labels{NL: "Gewestelijk", FR: "Régional", EN: "Regional"}}, true); err != nil {
		t.Fatal(err)
	}
	seed := s.Reference()
	s.Close()
	s2, err := Open(ctx, path, must(reference.Load()))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	ref := s2.Reference()
	got, _ := ref.Organisation("FIN")
	if got.Name.EN != "FPS Finance (renamed)" || got.GroupIn(2022) != "fps_defence" || got.GroupIn(2023) != "other" || got.Group != "other" {
		t.Errorf("after restart FIN = %+v", got)
	}
	if code, _ := ref.OrganisationMatcher().Lookup("fiscus"); code != "FIN" {
		t.Errorf("abbreviation Fiscus matches %q after restart", code)
	}
	in, _ := ref.Indicator("received")
	if d := in.DefinitionIn("en", 2023); d == "New definition from 2024 on." || d == "" {
		t.Errorf("2023 definition = %q, want the seed's", d)
	}
	if d := in.DefinitionIn("en", 2024); d != "New definition from 2024 on." {
		t.Errorf("2024 definition = %q", d)
	}
	if _, ok := ref.Group("regional"); !ok || len(ref.Groups) != len(seed.Groups) {
		t.Errorf("groups after restart: %+v", ref.Groups)
	}
	if !reflect.DeepEqual(ref.Organisations, seed.Organisations) || !reflect.DeepEqual(ref.Indicators, seed.Indicators) {
		for i := range ref.Organisations {
			if !reflect.DeepEqual(ref.Organisations[i], seed.Organisations[i]) {
				t.Errorf("read back %+v\nbefore    %+v", ref.Organisations[i], seed.Organisations[i])
			}
		}
		for i := range ref.Indicators {
			if !reflect.DeepEqual(ref.Indicators[i], seed.Indicators[i]) {
				t.Errorf("read back %+v\nbefore    %+v", ref.Indicators[i], seed.Indicators[i])
			}
		}
	}
	log, err := s2.AuditLog(ctx, refCoordinator.Actor, "organisation_update", 10)
	if err != nil || len(log) != 1 {
		t.Fatalf("audit: %v, %d entries", err, len(log))
	}
	if e := log[0]; e.Subject != "FIN" || e.Address != refCoordinator.Address ||
		!strings.Contains(e.Detail, `"before"`) || !strings.Contains(e.Detail, "FPS Finance (renamed)") || !strings.Contains(e.Detail, `"FPS Finance"`) {
		t.Errorf("audit entry = %+v", e)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestReferenceRefusesBadInput: each bad change is refused with a clear
// error and changes nothing: not the live reference, not the database, not
// the audit log.
func TestReferenceRefusesBadInput(t *testing.T) {
	s, _ := MustOpen(t)
	ctx := context.Background()
	if err := s.EndOrganisation(ctx, refCoordinator, "JUST", 2020, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func() error
		code   string
		words  string
	}{
		{"code used", func() error {
			return s.AddOrganisation(ctx, refCoordinator, newOrganisation("FIN", "Iets", 2025, "other"))
		}, domain.ECONFLICT, "already used"},
		{"code of an ended administration", func() error {
			return s.AddOrganisation(ctx, refCoordinator, newOrganisation("just", "Iets", 2025, "other"))
		}, domain.ECONFLICT, "already used"},
		{"name used", func() error {
			o := newOrganisation("NEWCO", "Iets", 2025, "other")
			o.Name.FR = "SPF  finances"
			return s.AddOrganisation(ctx, refCoordinator, o)
		}, domain.EINVALID, "FIN"},
		{"abbreviation used", func() error {
			return s.AddOrganisation(ctx, refCoordinator, newOrganisation("NEWCO", "Iets", 2025, "other", "ONEM"))
		}, domain.EINVALID, "RVA"},
		{"unknown group", func() error {
			return s.AddOrganisation(ctx, refCoordinator, newOrganisation("NEWCO", "Iets", 2025, "nope"))
		}, domain.EINVALID, "group"},
		{"name missing", func() error {
			o := newOrganisation("NEWCO", "Iets", 2025, "other")
			o.Name.FR = " "
			return s.AddOrganisation(ctx, refCoordinator, o)
		}, domain.EINVALID, "FR"},
		{"successor is itself", func() error { return s.EndOrganisation(ctx, refCoordinator, "FIN", 2024, []string{"FIN"}) }, domain.EINVALID, "itself"},
		{"end before start", func() error { return s.EndOrganisation(ctx, refCoordinator, "FIN", 2005, nil) }, domain.EINVALID, "before"},
		{"merger into an ended administration", func() error { return s.EndOrganisation(ctx, refCoordinator, "FIN", 2022, []string{"JUST"}) }, domain.EINVALID, "not active"},
		{"unknown successor", func() error { return s.EndOrganisation(ctx, refCoordinator, "FIN", 2022, []string{"NOPE"}) }, domain.EINVALID, "does not exist"},
		{"unknown administration", func() error { return s.EndOrganisation(ctx, refCoordinator, "NOPE", 2022, nil) }, domain.ENOTFOUND, "does not exist"},
		{"ended twice", func() error { return s.EndOrganisation(ctx, refCoordinator, "JUST", 2022, nil) }, domain.ECONFLICT, "already ended"},
		{"unknown indicator", func() error { return s.SetDefinition(ctx, refCoordinator, "nope", "nl", 2024, "x") }, domain.ENOTFOUND, "indicator"},
		{"unknown language", func() error { return s.SetDefinition(ctx, refCoordinator, "received", "de", 2024, "x") }, domain.EINVALID, "language"},
		{"empty definition", func() error { return s.SetDefinition(ctx, refCoordinator, "received", "nl", 2024, "  ") }, domain.EINVALID, "empty"},
		{"group exists", func() error {
			return s.SaveGroup(ctx, refCoordinator, reference.Group{Code: "other", Name: reference.Labels{NL: "a", FR: "b", EN: "c"}}, true)
		}, domain.ECONFLICT, "exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := s.Reference()
			version, _ := s.DataVersion(ctx)
			audit, _ := s.AuditLog(ctx, "", "", 1000)
			err := tt.change()
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != tt.code || !strings.Contains(de.Error(), tt.words) {
				t.Fatalf("error = %v, want %s mentioning %q", err, tt.code, tt.words)
			}
			if s.Reference() != ref {
				t.Error("the live reference changed")
			}
			if v, _ := s.DataVersion(ctx); v != version {
				t.Error("the data version moved")
			}
			if after, _ := s.AuditLog(ctx, "", "", 1000); len(after) != len(audit) {
				t.Error("the audit log grew")
			}
			reread, err := s.loadReference(ctx)
			if err != nil || !reflect.DeepEqual(reread.Organisations, ref.Organisations) || !reflect.DeepEqual(reread.Indicators, ref.Indicators) {
				t.Errorf("the database changed (%v)", err)
			}
		})
	}
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// cliActor is who the audit log names for changes made from the command line.
func cliActor() domain.AuditEntry { return domain.AuditEntry{Actor: "cli"} }

// runOrg manages the administrations: `org add|update|end|list`.
func runOrg(ctx context.Context, e env, args []string) error {
	action := ""
	if len(args) > 0 {
		action = args[0]
	}
	switch {
	case action == "add" || action == "update":
		return orgSave(ctx, e, action, args[1:])
	case action == "end":
		return orgEnd(ctx, e, args[1:])
	case action == "list":
		return orgList(ctx, e, args[1:])
	case isHelp(action):
		// The usage of each action, one after the other.
		for _, a := range []string{"add", "update", "end", "list"} {
			if err := runOrg(ctx, e, []string{a, "-h"}); !errors.Is(err, flag.ErrHelp) {
				return err
			}
			fmt.Fprintln(e.stderr)
		}
		return flag.ErrHelp
	}
	fmt.Fprintln(e.stderr, e.p.T("cli.usage", e.p.T("cli.usage.org")))
	return errUsage
}

func orgSave(ctx context.Context, e env, action string, args []string) error {
	synopsis := "cli.usage.org_add"
	if action == "update" {
		synopsis = "cli.usage.org_update"
	}
	fs := newFlagSet("org "+action, e, synopsis)
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	code := fs.String("code", "", "cli.flag.org.code")
	var name reference.Labels
	fs.StringVar(&name.NL, "name-nl", "", "cli.flag.org.name-nl")
	fs.StringVar(&name.FR, "name-fr", "", "cli.flag.org.name-fr")
	fs.StringVar(&name.EN, "name-en", "", "cli.flag.org.name-en")
	var abbrevs listFlag
	fs.Var(&abbrevs, "abbrev", "cli.flag.org.abbrev")
	group := fs.String("group", "", "cli.flag.org.group")
	groupFrom := fs.Int("group-from", 0, "cli.flag.org.group-from")
	from := fs.Int("from", 0, "cli.flag.org.from")
	kind := fs.String("kind", "public_institution", "cli.flag.org.kind")
	secondLine := fs.String("second-line", "federal_ombudsman", "cli.flag.org.second-line")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if *code == "" {
		return domain.Errorf(domain.EINVALID, "error.cli.code_required", action)
	}
	*code = strings.ToUpper(*code)
	if action == "add" && *group == "" {
		return domain.Errorf(domain.EINVALID, "error.cli.group_required")
	}
	refs, done, err := openReference(ctx, e, rem, *db)
	if err != nil {
		return err
	}
	defer done()
	if action == "add" {
		first := *from
		if first == 0 {
			first = reference.FirstNetworkYear
		}
		o := reference.Organisation{Code: *code, Name: name, Abbreviations: abbrevs, Kind: *kind, SecondLine: *secondLine,
			FirstYear: first, Groups: []reference.Membership{{FromYear: first, Group: *group}}}
		if err := refs.AddOrganisation(ctx, o); err != nil {
			return fmt.Errorf("org add: %w", err)
		}
		fmt.Fprintln(e.stdout, e.p.T("cli.org.added", *code))
		return nil
	}
	o, ok, err := refs.Organisation(ctx, *code)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "error.cli.org_not_found", *code)
	}
	set := func(flagName string, dst *string, v string) {
		if given[flagName] {
			*dst = v
		}
	}
	set("name-nl", &o.Name.NL, name.NL)
	set("name-fr", &o.Name.FR, name.FR)
	set("name-en", &o.Name.EN, name.EN)
	set("kind", &o.Kind, *kind)
	set("second-line", &o.SecondLine, *secondLine)
	if given["abbrev"] {
		o.Abbreviations = abbrevs
	}
	if given["from"] {
		o.FirstYear = *from
	}
	if given["group"] {
		if !given["group-from"] {
			return domain.Errorf(domain.EINVALID, "error.cli.group_from")
		}
		o.MoveTo(*group, *groupFrom)
	}
	if err := refs.UpdateOrganisation(ctx, o); err != nil {
		return fmt.Errorf("org update: %w", err)
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.org.updated", *code))
	return nil
}

func orgEnd(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("org end", e, "cli.usage.org_end")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	code := fs.String("code", "", "cli.flag.org_end.code")
	year := fs.Int("year", 0, "cli.flag.org_end.year")
	var successors listFlag
	fs.Var(&successors, "successor", "cli.flag.org_end.successor")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *code == "" || *year == 0 {
		return domain.Errorf(domain.EINVALID, "error.cli.end_required")
	}
	refs, done, err := openReference(ctx, e, rem, *db)
	if err != nil {
		return err
	}
	defer done()
	for i := range successors {
		successors[i] = strings.ToUpper(successors[i])
	}
	if err := refs.EndOrganisation(ctx, strings.ToUpper(*code), *year, successors); err != nil {
		return fmt.Errorf("org end: %w", err)
	}
	if len(successors) > 0 {
		fmt.Fprintln(e.stdout, e.p.T("cli.org.ends_succeeded", strings.ToUpper(*code), *year, *year+1, strings.Join(successors, ", ")))
	} else {
		fmt.Fprintln(e.stdout, e.p.T("cli.org.ends", strings.ToUpper(*code), *year))
	}
	return nil
}

func orgList(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("org list", e, "cli.usage.org_list")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	refs, done, err := openReference(ctx, e, rem, *db)
	if err != nil {
		return err
	}
	defer done()
	orgs, err := refs.Organisations(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, e.p.T("cli.org.list_header"))
	for _, o := range orgs {
		years := fmt.Sprintf("%d–", o.FirstYear)
		if o.LastYear != 0 {
			years += fmt.Sprint(o.LastYear)
		}
		var groups, next []string
		for _, m := range o.Groups {
			groups = append(groups, e.p.T("cli.org.from", m.Group, m.FromYear))
		}
		for _, s := range o.Successors {
			next = append(next, e.p.T("cli.org.from", s.Code, s.Year))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Code, years, strings.Join(groups, ", "), orDash(next), o.Name.In(e.p.Lang()), strings.Join(o.Abbreviations, ", "))
	}
	return w.Flush()
}

func orDash(list []string) string {
	if len(list) == 0 {
		return "-"
	}
	return strings.Join(list, ", ")
}

// runIndicator manages the indicator catalogue: `indicator set-definition`.
func runIndicator(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("indicator", e, "cli.usage.indicator")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	code := fs.String("code", "", "cli.flag.indicator.code")
	// --lang is taken out of the command line for every command (the
	// language of the output); here it also names the definition's language.
	lang := &e.lang
	from := fs.Int("from", 0, "cli.flag.indicator.from")
	text := fs.String("text", "", "cli.flag.indicator.text")
	if _, err := parseAction(fs, e, args, "set-definition"); err != nil {
		return err
	}
	if *code == "" || *lang == "" || *from == 0 {
		return domain.Errorf(domain.EINVALID, "error.cli.definition_required")
	}
	refs, done, err := openReference(ctx, e, rem, *db)
	if err != nil {
		return err
	}
	defer done()
	if err := refs.SetDefinition(ctx, *code, *lang, *from, *text); err != nil {
		return fmt.Errorf("indicator set-definition: %w", err)
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.indicator.recorded", *code, *lang, *from))
	return nil
}

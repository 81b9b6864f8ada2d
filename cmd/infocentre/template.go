package main

import (
	"context"
	"fmt"
	"io"

	"github.com/fcmn/infocentre/internal/yeartemplate"
)

// runTemplate is `infocentre template`: the year's template of one
// administration, in the CLI's language (--lang), written to --out.
func runTemplate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("template", e, "cli.usage.template")
	db := dbFlag(fs)
	org := fs.String("org", "", "cli.flag.template.org")
	year := fs.Int("year", 0, "cli.flag.template.year")
	prefill := fs.Bool("prefill", false, "cli.flag.template.prefill")
	out := fs.String("out", "", "cli.flag.template.out")
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if *org == "" || *year == 0 || *out == "" {
		fmt.Fprintln(e.stderr, e.p.T("cli.error", e.p.T("cli.template.required")))
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	req := yeartemplate.Request{Organisation: *org, Year: *year, Lang: e.p.Lang(), Prefill: *prefill}
	return withOutput(e, *out, func(w io.Writer) error { return yeartemplate.Write(ctx, st, req, w) })
}

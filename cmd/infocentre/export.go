package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/extract"
	"github.com/fcmn/infocentre/internal/opendata"
	"github.com/fcmn/infocentre/internal/store"
)

func runExport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("export", e, "cli.usage.export")
	db := dbFlag(fs)
	format := fs.String("format", "csv", "cli.flag.export.format")
	out := fs.String("out", "", "cli.flag.export.out")
	layout := fs.String("layout", "long", "cli.flag.export.layout")
	var years, orgs, indicators listFlag
	fs.Var(&years, "year", "cli.flag.export.year")
	fs.Var(&orgs, "org", "cli.flag.export.org")
	fs.Var(&indicators, "indicator", "cli.flag.export.indicator")
	rem := remoteFlags(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil && *format == "parquet" {
		return domain.Errorf(domain.EINVALID, "error.cli.server_flag", "--format parquet")
	}
	if *format == "parquet" {
		return exportParquet(ctx, e, *db, *out, len(years)+len(orgs)+len(indicators) > 0)
	}
	if *format != "csv" && *format != "json" && *format != "xlsx" {
		return domain.Errorf(domain.EINVALID, "error.cli.export_format", *format)
	}
	// --lang, taken by run for every command, is the language of the
	// workbook's labels. The extract package owns the parsing of filters, for the web and here.
	req, err := extract.ParseQuery(url.Values{"year": years, "organisation": orgs, "indicator": indicators,
		"layout": {*layout}, "lang": {e.p.Lang()}})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if cl != nil {
		return withOutput(e, *out, func(w io.Writer) error { return remoteExport(ctx, cl, w, *format, req) })
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	w := e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if *format == "xlsx" {
		return extract.New(st, version).WriteXLSX(ctx, w, req)
	}
	obs, err := st.Published(ctx, store.Filter{Years: req.Years, Organisations: req.Organisations, Indicators: req.Indicators})
	if err != nil {
		return err
	}
	if *format == "csv" {
		return opendata.WriteCSV(w, obs)
	}
	return writeJSON(w, obs)
}

// exportParquet writes every published observation and every register row
// as Parquet partitioned by organisation and year, and prints the paths.
func exportParquet(ctx context.Context, e env, db, out string, filtered bool) error {
	if out == "" {
		return domain.Errorf(domain.EINVALID, "error.cli.parquet_out")
	}
	if filtered {
		return domain.Errorf(domain.EINVALID, "error.cli.parquet_filters")
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	exp, err := st.ExportParquet(ctx, out)
	if err != nil {
		return err
	}
	for _, p := range []string{exp.Observations, exp.RegisterRows, exp.RegisterValues, exp.RegisterUploads, exp.OrganisationTerms} {
		fmt.Fprintln(e.stdout, p)
	}
	return nil
}

// withOutput runs write on --out, or on standard output without it.
func withOutput(e env, out string, write func(io.Writer) error) error {
	if out == "" {
		return write(e.stdout)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// remoteExport is `export --server`: the published figures of the API
// written as a local export writes them; the workbook is the site's
// /extract.xlsx.
func remoteExport(ctx context.Context, cl *apiclient.Client, w io.Writer, format string, req extract.Request) error {
	q := url.Values{"organisation": req.Organisations, "indicator": req.Indicators}
	for _, y := range req.Years {
		q.Add("year", strconv.Itoa(y))
	}
	if format == "xlsx" {
		q.Set("layout", req.Layout)
		q.Set("lang", req.Lang)
		_, err := cl.Download(ctx, "/extract.xlsx", q, w)
		return err
	}
	var obs []domain.Observation
	if err := cl.JSON(ctx, http.MethodGet, "/api/v1/observations", q, nil, &obs); err != nil {
		return err
	}
	if format == "csv" {
		return opendata.WriteCSV(w, obs)
	}
	if len(obs) == 0 {
		obs = nil
	}
	return writeJSON(w, obs)
}

func writeJSON(w io.Writer, obs []domain.Observation) error {
	if obs == nil {
		obs = []domain.Observation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(obs)
}

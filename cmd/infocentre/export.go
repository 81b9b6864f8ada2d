package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/store"
)

func runExport(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("export", e)
	db := dbFlag(fs)
	format := fs.String("format", "csv", "csv, json or xlsx")
	out := fs.String("out", "", "output file (default: standard output)")
	var years, orgs, indicators listFlag
	fs.Var(&years, "year", "year to export (repeatable, or a comma list)")
	fs.Var(&orgs, "org", "organisation code (repeatable, or a comma list)")
	fs.Var(&indicators, "indicator", "indicator code (repeatable, or a comma list)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	filter := store.Filter{Organisations: orgs, Indicators: indicators}
	for _, y := range years {
		n, err := strconv.Atoi(y)
		if err != nil {
			return fmt.Errorf("--year %q: expected a year such as 2024", y)
		}
		filter.Years = append(filter.Years, n)
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
	switch *format {
	case "csv", "json":
		obs, err := st.Published(ctx, filter)
		if err != nil {
			return err
		}
		if *format == "csv" {
			return writeCSV(w, obs)
		}
		return writeJSON(w, obs)
	}
	return fmt.Errorf("--format %q: expected csv, json or xlsx", *format)
}

// writeCSV writes the contract format: organisation,year,indicator,breakdown,value
// with codes, '.' as decimal point and unrounded values.
func writeCSV(w io.Writer, obs []domain.Observation) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"organisation", "year", "indicator", "breakdown", "value"})
	for _, o := range obs {
		cw.Write([]string{o.Organisation, strconv.Itoa(o.Year), o.Indicator, o.Breakdown, strconv.FormatFloat(o.Value, 'f', -1, 64)})
	}
	cw.Flush()
	return cw.Error()
}

func writeJSON(w io.Writer, obs []domain.Observation) error {
	if obs == nil {
		obs = []domain.Observation{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(obs)
}

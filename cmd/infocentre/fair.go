package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/fcmn/infocentre/internal/apiclient"
	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/fair"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/textrules"
)

// runFair manages the coordinator's settings for fair comparison: the
// small-n threshold, the size bands, the targets per rate and the unit of
// each administration's activity volume (terms: see runTerms).
func runFair(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("fair", e, "cli.usage.fair")
	db := dbFlag(fs)
	rem := remoteFlags(fs)
	var t fair.ThresholdsChange // a threshold not given keeps its value
	fs.Var(decimalFlag{&t.SmallN}, "small-n", "cli.flag.fair.small-n")
	fs.Var(decimalFlag{&t.BandVolume.Medium}, "volume-medium", "cli.flag.fair.volume-medium")
	fs.Var(decimalFlag{&t.BandVolume.Large}, "volume-large", "cli.flag.fair.volume-large")
	fs.Var(decimalFlag{&t.BandReceived.Medium}, "received-medium", "cli.flag.fair.received-medium")
	fs.Var(decimalFlag{&t.BandReceived.Large}, "received-large", "cli.flag.fair.received-large")
	var tgt rates.Target
	fs.StringVar(&tgt.Rate, "rate", "", "cli.flag.fair.rate")
	fs.IntVar(&tgt.Year, "year", 0, "cli.flag.fair.year")
	fs.StringVar(&tgt.Direction, "direction", rates.AtLeast, "cli.flag.fair.direction")
	fs.Float64Var(&tgt.Value, "value", 0, "cli.flag.fair.value")
	fs.Float64Var(&tgt.Margin, "margin", 5, "cli.flag.fair.margin")
	del := fs.Bool("delete", false, "cli.flag.fair.delete")
	org := fs.String("org", "", "cli.flag.fair.org")
	unit := fs.String("unit", "", "cli.flag.fair.unit")
	action, err := parseAction(fs, e, args, "show", "thresholds", "target", "unit")
	if err != nil {
		return err
	}
	cl, err := rem.client(e)
	if err != nil {
		return err
	}
	if cl != nil {
		return remoteFair(ctx, e, cl, action, t, tgt, *del, *org, *unit)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	by := cliActor()
	switch action {
	case "show":
	case "thresholds":
		err = fair.SetThresholds(ctx, st, by, t)
	case "target":
		if *del {
			err = st.DeleteTarget(ctx, by, tgt.Rate, tgt.Year)
		} else {
			err = st.SetTarget(ctx, by, tgt)
		}
	case "unit":
		u := *unit
		if u == "none" {
			u = ""
		}
		err = st.SetActivityUnit(ctx, by, strings.ToUpper(*org), u)
	}
	if err != nil {
		return err
	}
	settings, err := st.FairSettings(ctx)
	if err != nil {
		return err
	}
	return printFair(e, settings)
}

// remoteFair is `fair … --server`: the same change through the API.
func remoteFair(ctx context.Context, e env, cl *apiclient.Client, action string, t fair.ThresholdsChange, tgt rates.Target, del bool, org, unit string) error {
	var err error
	switch action {
	case "thresholds":
		err = cl.JSON(ctx, http.MethodPut, "/api/v1/fair/thresholds", nil, t, nil)
	case "target":
		if del {
			err = cl.JSON(ctx, http.MethodDelete, "/api/v1/fair/targets/"+pathEscape(tgt.Rate)+"/"+strconv.Itoa(tgt.Year), nil, nil, nil)
		} else {
			err = cl.JSON(ctx, http.MethodPut, "/api/v1/fair/targets/"+pathEscape(tgt.Rate), nil, tgt, nil)
		}
	case "unit":
		if unit == "none" {
			unit = ""
		}
		err = cl.JSON(ctx, http.MethodPut, "/api/v1/fair/organisations/"+pathEscape(strings.ToUpper(org))+"/unit", nil, map[string]string{"activity_unit": unit}, nil)
	}
	if err != nil {
		return err
	}
	var settings rates.Settings
	if err := cl.JSON(ctx, http.MethodGet, "/api/v1/fair", nil, nil, &settings); err != nil {
		return err
	}
	if len(settings.Targets) == 0 {
		settings.Targets = nil // as the store gives none
	}
	return printFair(e, settings)
}

func printFair(e env, settings rates.Settings) error {
	out, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, string(out))
	return nil
}

// decimalFlag is a number flag that is nil until given, read as the site
// reads a typed number (textrules.Decimal: no NaN, Inf, hexadecimal or
// exponent).
type decimalFlag struct{ p **float64 }

func (f decimalFlag) String() string {
	if f.p == nil || *f.p == nil {
		return ""
	}
	return strconv.FormatFloat(**f.p, 'f', -1, 64)
}

func (f decimalFlag) Set(raw string) error {
	v, err := textrules.Decimal(domain.Phrasef("error.field.value"), raw)
	if err != nil {
		return err
	}
	*f.p = &v
	return nil
}

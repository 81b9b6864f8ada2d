package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// runFair manages the coordinator's settings for fair comparison: the
// small-n threshold, the size bands, the targets per rate and the unit of
// each administration's activity volume (terms: see runTerms).
func runFair(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("fair", e, "cli.usage.fair")
	db := dbFlag(fs)
	var t store.Thresholds
	fs.Float64Var(&t.SmallN, "small-n", rates.DefaultSmallN, "cli.flag.fair.small-n")
	fs.Float64Var(&t.BandVolume.Medium, "volume-medium", 10000, "cli.flag.fair.volume-medium")
	fs.Float64Var(&t.BandVolume.Large, "volume-large", 100000, "cli.flag.fair.volume-large")
	fs.Float64Var(&t.BandReceived.Medium, "received-medium", 50, "cli.flag.fair.received-medium")
	fs.Float64Var(&t.BandReceived.Large, "received-large", 500, "cli.flag.fair.received-large")
	var tgt rates.Target
	fs.StringVar(&tgt.Rate, "rate", "", "cli.flag.fair.rate")
	fs.IntVar(&tgt.Year, "year", 0, "cli.flag.fair.year")
	fs.StringVar(&tgt.Direction, "direction", rates.AtLeast, "cli.flag.fair.direction")
	fs.Float64Var(&tgt.Value, "value", 0, "cli.flag.fair.value")
	fs.Float64Var(&tgt.Margin, "margin", 5, "cli.flag.fair.margin")
	del := fs.Bool("delete", false, "cli.flag.fair.delete")
	org := fs.String("org", "", "cli.flag.fair.org")
	unit := fs.String("unit", "", "cli.flag.fair.unit")
	action, st, err := openAction(ctx, fs, e, db, args, "show", "thresholds", "target", "unit")
	if err != nil {
		return err
	}
	defer st.Close()
	by := cliActor()
	switch action {
	case "show":
	case "thresholds":
		err = st.SetThresholds(ctx, by, t)
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
	out, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, string(out))
	return nil
}

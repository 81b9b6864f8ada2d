package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

const fairUsage = `Usage:
  infocentre fair show       --db DB
  infocentre fair thresholds --db DB --small-n N --volume-medium V --volume-large V --received-medium R --received-large R
  infocentre fair target     --db DB --rate CODE [--year Y] --direction at_least|at_most --value X [--margin M]
  infocentre fair target     --db DB --rate CODE [--year Y] --delete
  infocentre fair unit       --db DB --org CODE --unit files|decisions|contacts|none`

// runFair manages the coordinator's settings for fair comparison: the
// small-n threshold, the size bands, the targets per rate and the unit of
// each administration's activity volume (terms: see runTerms).
func runFair(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, fairUsage)
		return errUsage
	}
	action := args[0]
	fs := newFlagSet("fair "+action, e)
	db := dbFlag(fs)
	var t store.Thresholds
	fs.Float64Var(&t.SmallN, "small-n", rates.DefaultSmallN, "thresholds: a rate whose denominator is below it is a small number")
	fs.Float64Var(&t.BandVolume.Medium, "volume-medium", 10000, "thresholds: medium from this activity volume")
	fs.Float64Var(&t.BandVolume.Large, "volume-large", 100000, "thresholds: large from this activity volume")
	fs.Float64Var(&t.BandReceived.Medium, "received-medium", 50, "thresholds: without activity volume, medium from these complaints received")
	fs.Float64Var(&t.BandReceived.Large, "received-large", 500, "thresholds: without activity volume, large from these complaints received")
	var tgt rates.Target
	fs.StringVar(&tgt.Rate, "rate", "", "target: the rate's code")
	fs.IntVar(&tgt.Year, "year", 0, "target: the year (0: every year)")
	fs.StringVar(&tgt.Direction, "direction", rates.AtLeast, "target: at_least or at_most")
	fs.Float64Var(&tgt.Value, "value", 0, "target: the value, in the rate's unit")
	fs.Float64Var(&tgt.Margin, "margin", 5, "target: how far on the wrong side is still close")
	del := fs.Bool("delete", false, "target: remove it")
	org := fs.String("org", "", "unit: the administration's code")
	unit := fs.String("unit", "", "unit: files, decisions, contacts, or none")
	fs.Usage = func() { fmt.Fprintln(e.stderr, fairUsage); fs.PrintDefaults() }
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
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
	default:
		fmt.Fprintln(e.stderr, fairUsage)
		return errUsage
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

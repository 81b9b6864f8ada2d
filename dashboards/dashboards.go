// Package dashboards turns the figures of a page into echarts options. It is
// the only package that imports go-echarts; it knows nothing of HTTP,
// languages or the database: callers pass labels already translated.
package dashboards

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// AssetsHost is where the page serves echarts.min.js from: the binary itself,
// so that charts work on a closed network.
const AssetsHost = "/assets/"

// Unit tells the page script how to format the values of a chart.
type Unit string

// Units of the values drawn.
const (
	UnitCount   Unit = "count"
	UnitPercent Unit = "percent"
	UnitDays    Unit = "days"
	UnitPer1000 Unit = "per_1000"
)

// Chart is one chart ready to embed: the id of its element and its echarts
// option as JSON. The page script (not an inline script) initialises it, so
// the page can forbid inline scripts.
type Chart struct {
	ID     string
	Unit   Unit
	Option json.RawMessage
}

// Series is one named row of values; NaN marks a missing value, drawn as a gap.
type Series struct {
	Name   string
	Values []float64
	// Reference draws the series as a dashed line: a median or a total to
	// compare against rather than an administration.
	Reference bool
}

// Spec is what every chart needs: its element id (also the name of the saved
// image), title, the save-as-image button's tooltip, the unit, and the
// categories along the axis (administrations or years).
type Spec struct {
	ID     string
	Title  string
	SaveAs string
	Unit   Unit
	Labels []string
}

// Ranked draws one value per administration as horizontal bars, in the order
// given (the caller sorts), with the median as a vertical line.
func Ranked(s Spec, values []float64, medianName string, median float64) (Chart, error) {
	return RankedWith(s, values, medianName, median, nil)
}

// Line is a reference value drawn across ranked bars, such as a target.
type Line struct {
	Name  string
	Value float64
}

// RankedWith draws Ranked with, besides the median, more reference lines:
// each a series without bars (drawn over the first, so the bars keep their
// width) whose only content is its line, solid green and labelled at the
// end, apart from the median's label at the start.
func RankedWith(s Spec, values []float64, medianName string, median float64, lines []Line) (Chart, error) {
	if len(values) != len(s.Labels) {
		return Chart{}, fmt.Errorf("dashboards: %s: %d values for %d labels", s.ID, len(values), len(s.Labels))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(s),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)...)
	bar.SetXAxis(s.Labels)
	series := []charts.SeriesOpts{charts.WithLabelOpts(opts.Label{Show: opts.Bool(false)})}
	if !math.IsNaN(median) {
		series = append(series,
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: medianName, XAxis: round(median)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "start", Formatter: medianName},
				LineStyle: &opts.LineStyle{Color: "#b3261e", Width: 2, Type: "dashed"},
			}))
	}
	bar.AddSeries(s.Title, barData(values), series...)
	for _, ln := range lines {
		if math.IsNaN(ln.Value) {
			continue
		}
		empty := make([]float64, len(values))
		for i := range empty {
			empty[i] = math.NaN()
		}
		bar.AddSeries(ln.Name, barData(empty),
			charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%"}),
			charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: ln.Name, XAxis: round(ln.Value)}),
			charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "end", Formatter: ln.Name},
				LineStyle: &opts.LineStyle{Color: "#1b6e3a", Width: 2, Type: "solid"},
			}))
	}
	bar.XYReversal()
	return finish(s, bar)
}

// Stacked draws, per administration, the parts of a breakdown as 100 %
// stacked horizontal bars; values are shares in percent.
func Stacked(s Spec, parts []Series) (Chart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(s),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Max: 100}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)...)
	bar.SetXAxis(s.Labels)
	for _, p := range parts {
		if len(p.Values) != len(s.Labels) {
			return Chart{}, fmt.Errorf("dashboards: %s: series %q has %d values for %d labels", s.ID, p.Name, len(p.Values), len(s.Labels))
		}
		bar.AddSeries(p.Name, barData(p.Values), charts.WithBarChartOpts(opts.BarChart{Stack: "share"}))
	}
	bar.XYReversal()
	return finish(s, bar)
}

// Grouped draws vertical bars, one group per label and one bar per series
// in each: a few values beside those of another year. Reference series are
// grey.
func Grouped(s Spec, series []Series) (Chart, error) {
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(s),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
	)...)
	bar.SetXAxis(s.Labels)
	for _, ser := range series {
		if len(ser.Values) != len(s.Labels) {
			return Chart{}, fmt.Errorf("dashboards: %s: series %q has %d values for %d labels", s.ID, ser.Name, len(ser.Values), len(s.Labels))
		}
		var opt []charts.SeriesOpts
		if ser.Reference {
			opt = append(opt, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#9e9e9e"}))
		}
		bar.AddSeries(ser.Name, barData(ser.Values), opt...)
	}
	return finish(s, bar)
}

// Trend draws one line per series over the labels (years); reference series
// are dashed.
func Trend(s Spec, lines []Series) (Chart, error) {
	line := charts.NewLine()
	line.SetGlobalOptions(append(common(s),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Type: "scroll"}),
	)...)
	line.SetXAxis(s.Labels)
	for _, l := range lines {
		if len(l.Values) != len(s.Labels) {
			return Chart{}, fmt.Errorf("dashboards: %s: series %q has %d values for %d labels", s.ID, l.Name, len(l.Values), len(s.Labels))
		}
		series := []charts.SeriesOpts{
			charts.WithLineStyleOpts(opts.LineStyle{Width: 2}),
			charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}),
		}
		if l.Reference {
			// Grey in the legend too, not only on the line.
			series = append(series,
				charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dashed", Color: referenceColour}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: referenceColour}))
		}
		line.AddSeries(l.Name, lineData(l.Values), series...)
	}
	return finish(s, line)
}

// referenceColour draws medians and totals, apart from the palette.
const referenceColour = "#444444"

// palette has enough distinct colours, all readable on white.
var palette = []string{"#1f5fa8", "#d9822b", "#2e8540", "#8e3c9e", "#b3261e", "#00798c", "#6b6b00", "#c2185b", "#5d4037", "#455a64"}

func common(s Spec) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: s.ID, AssetsHost: AssetsHost, Width: "100%", Height: "100%"}),
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: s.Title, Left: "left", TitleStyle: &opts.TextStyle{FontSize: 14}}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "48", Bottom: "48", ContainLabel: opts.Bool(true)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "8", Feature: &opts.ToolBoxFeature{
			SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: s.ID, Title: s.SaveAs},
		}}),
	}
}

// validator is what every go-echarts chart offers to fill its defaults and
// give its option.
type validator interface {
	Validate()
	JSON() map[string]interface{}
}

func finish(s Spec, c validator) (Chart, error) {
	c.Validate()
	raw, err := json.Marshal(c.JSON())
	if err != nil {
		return Chart{}, fmt.Errorf("dashboards: %s: %w", s.ID, err)
	}
	return Chart{ID: s.ID, Unit: s.Unit, Option: raw}, nil
}

// missing is how echarts spells a gap in a series.
const missing = "-"

func barData(values []float64) []opts.BarData {
	out := make([]opts.BarData, len(values))
	for i, v := range values {
		out[i] = opts.BarData{Value: value(v)}
	}
	return out
}

func lineData(values []float64) []opts.LineData {
	out := make([]opts.LineData, len(values))
	for i, v := range values {
		out[i] = opts.LineData{Value: value(v)}
	}
	return out
}

func value(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return missing
	}
	return round(v)
}

// round keeps two decimals: enough for shares in percent and days, and it
// keeps the option small and stable for golden files.
func round(v float64) float64 { return math.Round(v*100) / 100 }

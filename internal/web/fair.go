package web

import (
	"context"
	"fmt"

	"github.com/fcmn/infocentre/internal/figures"
	"github.com/fcmn/infocentre/internal/rates"
	"github.com/fcmn/infocentre/internal/store"
)

// targetText reads a target: "Target: ≥ 95.0 %".
func targetText(l Locale, t rates.Target, unit string) string { return t.Text(l.p, unit) }

// targetStateCell is the text of a target state, with the class that colours it.
func targetStateCell(l Locale, state string) (string, string) { return rates.StateText(l.p, state) }

// withN marks a value resting on too few cases: "100.0 % (n = 8)".
func withN(l Locale, value string, n float64) string { return rates.WithN(l.p, value, n) }

// fairnessOf computes rate m in year over the whole network; nil for a
// plain indicator.
func (s *Server) fairnessOf(ctx context.Context, m measure, year int) (*figures.Fairness, error) {
	if m.Rate == nil {
		return nil, nil
	}
	settings, err := s.st.FairSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("web: fair comparison: %w", err)
	}
	network, err := s.st.DashboardNetwork(ctx, store.Scope{})
	if err != nil {
		return nil, fmt.Errorf("web: fair comparison: %w", err)
	}
	return figures.NewFairness(m, year, settings, network), nil
}

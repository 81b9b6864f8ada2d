package web

import "github.com/fcmn/infocentre/internal/figures"

// The pages name the measures and their keys as internal/figures does.
type (
	measure = figures.Measure
	orgYear = figures.OrgYear
)

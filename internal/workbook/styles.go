package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Styles registers the cell styles of a workbook being written (an extract,
// the year's template) and keeps the first error, so that a set of styles
// reads as a list of Add calls checked once with Err.
type Styles struct {
	f   *excelize.File
	err error
}

// NewStyles registers styles in f.
func NewStyles(f *excelize.File) *Styles { return &Styles{f: f} }

// Add registers style and returns its id; after an error it does nothing
// and returns 0.
func (s *Styles) Add(style *excelize.Style) int {
	if s.err != nil {
		return 0
	}
	id, err := s.f.NewStyle(style)
	if err != nil {
		s.err = fmt.Errorf("workbook: style: %w", err)
	}
	return id
}

// Err is the first error of Add.
func (s *Styles) Err() error { return s.err }

package web

import (
	"context"

	"github.com/labstack/echo/v4"
)

// placeholderContact is the address the accessibility statement gives when
// the server was started without --accessibility-contact: a reserved
// domain, so that no report goes astray before the network sets its own.
const placeholderContact = "accessibility@infocentre.example"

type accessibilityPage struct {
	page
	Contact string
}

// accessibility is GET /accessibility: the accessibility statement the law
// on public-sector websites asks for (WCAG 2.1 AA). TestAccessibility is the
// check the statement describes.
func (s *Server) accessibility(c echo.Context) error {
	return s.cached(c, "accessibility", nil, func(_ context.Context, l Locale) (any, error) {
		contact := s.cfg.AccessibilityContact
		if contact == "" {
			contact = placeholderContact
		}
		return accessibilityPage{page: s.base(c, l, "accessibility", l.T("accessibility.title")), Contact: contact}, nil
	})
}

// Package uploadaudit records in the audit log the uploads the site
// refuses as forbidden, too large or unacceptable: the trace of someone
// probing another organisation's data or the server's limits.
package uploadaudit

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/webkit/identity"
)

// Config is what Audit needs of the site.
type Config struct {
	// Routes are the routes that take a file (POST).
	Routes map[string]bool
	// Status is the status and the reason, in the audit log's language, of
	// a handler's error.
	Status func(error) (int, string)
	// Record records e, or counts it on the same entry of the same actor
	// and address within window.
	Record func(c echo.Context, e domain.AuditEntry, window time.Duration) error
	Log    *slog.Logger
}

// DetailMax cuts the reason of a refusal in the audit log.
const DetailMax = 200

// window merges the refused uploads of one account from one address
// to one route into one audit entry with a count (issue 23: 3,000 refusals
// in 12 seconds were 3,000 entries).
const window = 15 * time.Minute

// Audit records an upload refused as forbidden (403), too large (413) or
// unacceptable (422), with who sent it and from where. Repeated refusals
// of one account from one address on one route within window are one entry with a count and the first one's reason.
func Audit(cfg Config) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Method != http.MethodPost || !cfg.Routes[c.Path()] {
				return next(c)
			}
			err := next(c)
			status, reason := c.Response().Status, ""
			if err != nil {
				status, reason = cfg.Status(err)
			}
			switch status {
			case http.StatusForbidden, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			default:
				return err
			}
			reason = domain.ClipTo(reason, DetailMax)
			actor := "anonymous"
			if v := identity.Of(c); v != nil {
				actor = v.Account.Email
			}
			entry := domain.AuditEntry{Actor: actor, Action: "upload_refused", Subject: c.Path(),
				Detail: strings.TrimSpace(fmt.Sprintf("%d %s", status, reason)), Address: c.RealIP()}
			if aerr := cfg.Record(c, entry, window); aerr != nil {
				if err == nil && c.Response().Committed {
					cfg.Log.Error("web: audit a refused upload", "path", c.Path(), "err", aerr)
					return nil
				}
				return errors.Join(err, aerr)
			}
			return err
		}
	}
}

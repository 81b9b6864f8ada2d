package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/backup"
	"github.com/fcmn/infocentre/internal/paging"
)

// apiBackupTake is POST /api/v1/backups: a backup now, while the server
// goes on.
func (s *Server) apiBackupTake(c echo.Context) error {
	info, err := s.cfg.Backups.Take(c.Request().Context())
	if err != nil {
		return err
	}
	s.log.Info("web: backup taken on request", "name", info.Name, "by", viewerOf(c).Account.Email)
	return c.JSON(http.StatusCreated, info)
}

// apiBackupList is GET /api/v1/backups[?limit=&offset=]: a page of the
// backups kept, the newest first. They are files in a folder, not rows, so
// the page is cut from the folder's listing.
func (s *Server) apiBackupList(c echo.Context) error {
	page, err := paging.Parse(c.QueryParams())
	if err != nil {
		return err
	}
	list, err := s.cfg.Backups.List()
	if err != nil {
		return err
	}
	total := len(list)
	list = append([]backup.Info{}, list[min(page.Offset, total):min(page.Offset+page.Limit, total)]...)
	ans := map[string]any{"dir": s.cfg.Backups.Dir(), "backups": list, "total": total}
	if next := page.Next(c.Request().URL.Path, c.QueryParams(), total); next != "" {
		ans["next"] = next
	}
	return c.JSON(http.StatusOK, ans)
}

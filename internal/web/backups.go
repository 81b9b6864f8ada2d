package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
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

// apiBackupList is GET /api/v1/backups: the backups kept, the newest first.
func (s *Server) apiBackupList(c echo.Context) error {
	list, err := s.cfg.Backups.List()
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"dir": s.cfg.Backups.Dir(), "backups": list})
}

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/assets"
	"github.com/fcmn/infocentre/internal/auth"
)

// routes declares every route: the public site, then the signed-in part
// with the roles each route allows (checked on the server for every
// request; TestRouteRoles walks them all).
func (s *Server) routes() {
	e := s.echo
	anyone := s.allow(auth.RoleAgency, auth.RoleCoordinator, auth.RoleAnalyst)
	uploaders := s.allow(auth.RoleAgency, auth.RoleCoordinator)
	coordinator := s.allow(auth.RoleCoordinator)
	registers := s.newRegisterHandlers()
	public := s.publicCaching // validators and Cache-Control for a shared cache
	e.GET("/", s.overview, public)
	e.GET("/compare", s.compare, public)
	e.GET("/trends", s.trends, public)
	e.GET("/organisations/:code", s.profile, public)
	e.GET("/scorecard", s.scorecard, public)
	e.GET("/scorecard.xlsx", s.scorecardXLSX, public)
	e.GET("/extract", s.extractPage, public)
	e.GET("/extract.csv", s.extractCSV, public)
	e.GET("/extract.xlsx", s.extractXLSX, public)
	e.GET("/reports/network", s.networkReport, public)
	e.GET("/reports/network.pdf", s.networkReport, public)
	e.GET("/reports/network.xlsx", s.networkReportXLSX, public)
	e.GET("/reports/organisations/:code", s.letterReport, public) // CODE or CODE.pdf
	e.GET("/accessibility", s.accessibility, public)
	e.GET("/open-data/catalog.jsonld", s.openDataCatalog, public)
	e.GET("/open-data/observations.csv", s.openDataCSV, public)
	e.GET("/open-data/observations.parquet", s.openDataParquet, public)

	e.GET("/api/v1/observations", s.apiObservations, public)
	e.GET("/api/v1/indicators", s.apiIndicators, public)
	e.GET("/api/v1/organisations", s.apiOrganisations, public)
	e.GET("/api/v1/rates", s.apiRates, public)
	e.GET("/api/v1/fair", s.apiFairSettings, public)
	e.GET("/api/v1/openapi.json", s.openAPIDocument, public)
	e.GET("/api", s.apiDocs)
	e.GET("/healthz", s.healthz)

	e.GET("/login", s.loginForm)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout, anyone)
	if s.cfg.FAS != nil {
		e.GET("/login/oidc", s.fasStart)
		e.GET("/login/oidc/callback", s.fasCallback)
	}

	e.GET("/submissions", s.submissionList, uploaders)
	e.GET("/submissions/new", s.uploadForm, uploaders)
	e.POST("/submissions/preview", s.uploadPreview, uploaders, s.oneOfFewFileChecks)
	e.POST("/submissions/confirm", s.uploadConfirm, uploaders, s.oneOfFewFileChecks)
	e.POST("/submissions/cancel", s.uploadCancel, uploaders)
	e.GET("/submissions/template.xlsx", s.templateDownload, uploaders)
	e.GET("/submissions/form", s.entryForm, uploaders)
	e.POST("/submissions/form", s.entryFormPost, uploaders, s.oneOfFewFileChecks)
	e.GET("/submissions/:id", s.submissionPage, uploaders)
	e.POST("/submissions/:id/approve", s.reviewApprove, coordinator)
	e.POST("/submissions/:id/return", s.reviewReturn, coordinator)
	e.GET("/registers/new", registers.form, uploaders)
	e.POST("/registers", registers.post, uploaders, s.oneOfFewFileChecks)

	e.GET("/review", s.reviewInbox, coordinator)
	e.GET("/review/completeness", s.completenessPage, coordinator)
	e.GET("/review/completeness.csv", s.completenessCSV, coordinator)
	e.GET("/review/completeness.xlsx", s.completenessXLSX, coordinator)
	e.GET("/admin/accounts", s.accountsPage, coordinator)
	e.POST("/admin/accounts", s.accountCreate, coordinator)
	e.POST("/admin/accounts/:id/disable", s.accountDisable, coordinator)
	e.POST("/admin/accounts/:id/enable", s.accountEnable, coordinator)
	e.POST("/admin/accounts/:id/unbind", s.accountUnbind, coordinator)
	e.POST("/api/v1/accounts", s.apiAccountCreate, coordinator)
	e.DELETE("/api/v1/accounts/:email/tokens", s.apiAccountTokensRevoke, coordinator)
	e.GET("/admin/audit", s.auditPage, coordinator)
	e.GET("/api/v1/audit", s.apiAuditList, coordinator)
	e.GET("/admin/organisations", s.organisationsPage, coordinator)
	e.POST("/admin/organisations", s.organisationAdd, coordinator)
	e.GET("/admin/organisations/:code", s.organisationPage, coordinator)
	e.POST("/admin/organisations/:code", s.organisationUpdate, coordinator)
	e.POST("/admin/organisations/:code/end", s.organisationEnd, coordinator)
	e.GET("/admin/groups", s.groupsPage, coordinator)
	e.POST("/admin/groups", s.groupSave, coordinator)
	e.POST("/admin/groups/:code", s.groupSave, coordinator)
	e.GET("/admin/indicators", s.indicatorsPage, coordinator)
	e.POST("/admin/indicators/:code", s.indicatorUpdate, coordinator)
	e.POST("/admin/indicators/:code/definition", s.indicatorDefinition, coordinator)
	e.GET("/admin/fair", s.fairAdmin, coordinator)
	e.POST("/admin/fair/thresholds", s.fairThresholds, coordinator)
	e.POST("/admin/fair/targets", s.fairTargetSave, coordinator)
	e.POST("/admin/fair/targets/delete", s.fairTargetDelete, coordinator)
	e.POST("/admin/fair/organisations/:code", s.fairOrganisation, coordinator)
	e.PUT("/api/v1/fair/thresholds", s.apiFairThresholds, coordinator)
	e.PUT("/api/v1/fair/targets/:rate", s.apiFairTarget, coordinator)
	e.DELETE("/api/v1/fair/targets/:rate/:year", s.apiFairTargetDelete, coordinator)
	e.PUT("/api/v1/fair/organisations/:code", s.apiFairOrganisation, coordinator)
	e.PUT("/api/v1/fair/organisations/:code/unit", s.apiFairUnit, coordinator)
	e.POST("/api/v1/organisations", s.apiOrganisationAdd, coordinator)
	e.PUT("/api/v1/organisations/:code", s.apiOrganisationUpdate, coordinator)
	e.POST("/api/v1/organisations/:code/end", s.apiOrganisationEnd, coordinator)
	e.POST("/api/v1/groups", s.apiGroupSave, coordinator)
	e.PUT("/api/v1/groups/:code", s.apiGroupSave, coordinator)
	e.POST("/api/v1/indicators/:code/definitions", s.apiIndicatorDefinition, coordinator)
	e.GET("/api/v1/backups", s.apiBackupList, coordinator)
	e.POST("/api/v1/backups", s.apiBackupTake, coordinator)

	e.GET("/api/v1/submissions", s.apiSubmissionList, uploaders)
	e.POST("/api/v1/submissions", s.apiSubmissionUpload, uploaders, s.oneOfFewFileChecks)
	e.GET("/api/v1/submissions/:id/notes", s.apiNoteList, uploaders)
	e.POST("/api/v1/submissions/:id/approve", s.apiApprove, coordinator)
	e.POST("/api/v1/submissions/:id/return", s.apiReturn, coordinator)
	e.GET("/api/v1/template.xlsx", s.templateDownload, uploaders)
	e.POST("/api/v1/registers", registers.apiUpload, uploaders, s.oneOfFewFileChecks)

	e.GET("/account/tokens", s.tokensPage, anyone)
	e.POST("/account/tokens", s.tokenCreate, anyone)
	e.POST("/account/tokens/:prefix/revoke", s.tokenRevoke, anyone)
	e.GET("/api/v1/tokens", s.apiTokenList, anyone)
	e.POST("/api/v1/tokens", s.apiTokenCreate, anyone)
	e.DELETE("/api/v1/tokens/:prefix", s.apiTokenRevoke, anyone)
	s.criteriaRoutes()
	s.roundRoutes()

	files := http.StripPrefix("/assets/", http.FileServer(http.FS(assets.FS())))
	e.GET("/assets/*", echo.WrapHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The files change only with the binary; a day keeps repeat visits fast.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})))
}

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/fcmn/infocentre/internal/domain"
)

// registerAnswer is the JSON of POST /api/v1/registers.
type registerAnswer struct {
	ID            int64            `json:"id,omitempty"` // the first submission created (one per organisation-year)
	Submissions   []int64          `json:"submissions"`  // every submission created or left unchanged
	Status        string           `json:"status"`       // submitted, unchanged, dry_run or refused
	Organisation  string           `json:"organisation"`
	Organisations []string         `json:"organisations"`
	Years         []int            `json:"years"`
	Rows          int              `json:"rows"`         // complaints read
	Observations  int              `json:"observations"` // values computed from them
	Problems      []domain.Problem `json:"problems"`     // the bad rows, the first register.MaxProblems of them
	MoreProblems  int              `json:"more_problems"`
	Message       string           `json:"message,omitempty"`
	// What `infocentre register --server` prints as a local run does.
	Format    string              `json:"format"`
	BadRows   int                 `json:"bad_rows"`
	Created   []domain.Submission `json:"created"`
	Unchanged []domain.Submission `json:"unchanged"`
	*Refusal                      // when refused (422): the problem's fields
}

// apiUpload is POST /api/v1/registers (multipart field "file", optional
// dry_run=true): 201 when the computed figures are stored as submitted,
// 200 for a dry run or a register already submitted, 422 with the located
// problems when refused.
func (h *registerHandlers) apiUpload(c echo.Context) error {
	out, dryRun, err := h.upload(c)
	if err != nil {
		return err
	}
	l := apiLocale(c)
	ans := registerAnswer{Submissions: []int64{}, Organisations: []string{}, Years: []int{}, Problems: []domain.Problem{},
		Status: out.status(dryRun)}
	if res := out.result; res != nil {
		ans.Rows, ans.Observations, ans.MoreProblems = res.Rows, len(res.Stored.Observations), res.MoreProblems
		ans.Organisations = append(ans.Organisations, res.Organisations...)
		ans.Years = append(ans.Years, res.Years...)
		ans.Problems = append(ans.Problems, l.Localize(res.Problems)...)
		ans.Format, ans.BadRows = res.Format, res.BadRows
	}
	ans.Created = append([]domain.Submission{}, out.created()...)
	ans.Unchanged = append([]domain.Submission{}, out.unchanged()...)
	if len(ans.Organisations) > 0 {
		ans.Organisation = ans.Organisations[0]
	}
	for _, sub := range out.created() {
		ans.Submissions = append(ans.Submissions, sub.ID)
	}
	for _, sub := range out.unchanged() {
		ans.Submissions = append(ans.Submissions, sub.ID)
	}
	if created := out.created(); len(created) > 0 {
		ans.ID = created[0].ID
	}
	switch {
	case out.reason != nil:
		ans.Message = l.T("api.register_unreadable", l.Err(out.reason))
	case ans.Status == "refused":
		ans.Message = l.N("api.register_refused", out.result.BadRows, out.result.BadRows)
	}
	status := out.httpStatus(dryRun)
	if status == http.StatusUnprocessableEntity {
		ans.Refusal = refuse(c, l, ans.Message, ans.Problems)
	}
	return c.JSON(status, ans)
}

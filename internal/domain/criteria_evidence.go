package domain

import (
	"fmt"

	"github.com/fcmn/infocentre/internal/locale"
)

// Evidence says what a mystery-shopping check shows about criterion n:
// "check 2025-03-02: acknowledged in 3 days" for 8, whether the answer
// mentioned the second line for 9, nothing for the others.
func (m MysteryCheck) Evidence(pr *locale.Printer, n int) string {
	var what string
	switch n {
	case CriterionAcknowledgement:
		what = pr.T("mystery.no_ack")
		if d := m.AckDays(); d >= 0 {
			what = fmt.Sprintf(pr.T("mystery.ack_in"), d)
		}
	case CriterionSecondLine:
		switch {
		case !m.AnswerReceived:
			what = pr.T("mystery.no_answer")
		case m.SecondLineMentioned:
			what = pr.T("mystery.second_line_yes")
		default:
			what = pr.T("mystery.second_line_no")
		}
	default:
		return ""
	}
	return fmt.Sprintf(pr.T("mystery.check_on"), m.SentOn.Format("2006-01-02")) + ": " + what
}

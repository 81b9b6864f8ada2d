package domain

import (
	"time"
	"unicode/utf8"
)

// MysteryCheck is a test complaint sent to an administration by a fellow
// coordinator, and what came back. It is evidence for criteria 8
// (acknowledgement) and 9 (second line).
type MysteryCheck struct {
	ID                  int64     `json:"id"`
	Organisation        string    `json:"organisation"`
	SentOn              time.Time `json:"sent_on"` // a date
	Channel             string    `json:"channel"` // a value of the channel breakdown
	SentBy              string    `json:"sent_by,omitempty"`
	AckReceived         bool      `json:"ack_received"`
	AckOn               time.Time `json:"ack_on,omitzero"`
	AnswerReceived      bool      `json:"answer_received"`
	AnswerOn            time.Time `json:"answer_on,omitzero"`
	SecondLineMentioned bool      `json:"second_line_mentioned"`
	Notes               string    `json:"notes,omitempty"`
	RecordedBy          string    `json:"recorded_by"`
	RecordedAt          time.Time `json:"recorded_at"`
}

// Criteria that mystery shopping gives evidence for.
const (
	CriterionAcknowledgement = 8
	CriterionSecondLine      = 9
)

// AckDays is the number of calendar days between sending and the
// acknowledgement, or -1 when none came.
func (m MysteryCheck) AckDays() int { return daysBetween(m.SentOn, m.AckOn, m.AckReceived) }

// AnswerDays is the number of calendar days between sending and the answer,
// or -1 when none came.
func (m MysteryCheck) AnswerDays() int { return daysBetween(m.SentOn, m.AnswerOn, m.AnswerReceived) }

func daysBetween(from, to time.Time, happened bool) int {
	if !happened {
		return -1
	}
	return int(to.Sub(from).Hours()+12) / 24 // +12: a DST change must not lose a day
}

// Check refuses a check whose dates and flags contradict each other: a date
// for something that did not arrive, something arriving before it was sent,
// or a second line mentioned in an answer that never came.
func (m MysteryCheck) Check() error {
	switch {
	case m.Organisation == "":
		return Errorf(EINVALID, "error.check_needs_administration")
	case m.SentOn.IsZero():
		return Errorf(EINVALID, "error.check_needs_sent_date")
	case m.Channel == "":
		return Errorf(EINVALID, "error.check_needs_channel")
	case m.AckReceived && m.AckOn.IsZero():
		return Errorf(EINVALID, "error.check_ack_date")
	case !m.AckReceived && !m.AckOn.IsZero():
		return Errorf(EINVALID, "error.check_ack_date_without_ack")
	case m.AckReceived && m.AckOn.Before(m.SentOn):
		return Errorf(EINVALID, "error.check_ack_before_sent")
	case m.AnswerReceived && m.AnswerOn.IsZero():
		return Errorf(EINVALID, "error.check_answer_date")
	case !m.AnswerReceived && !m.AnswerOn.IsZero():
		return Errorf(EINVALID, "error.check_answer_date_without_answer")
	case m.AnswerReceived && m.AnswerOn.Before(m.SentOn):
		return Errorf(EINVALID, "error.check_answer_before_sent")
	case m.SecondLineMentioned && !m.AnswerReceived:
		return Errorf(EINVALID, "error.check_second_line_without_answer")
	case utf8.RuneCountInString(m.Notes) > MaxNotesLen:
		return Errorf(EINVALID, "error.notes_too_long", MaxNotesLen)
	case utf8.RuneCountInString(m.SentBy) > MaxEvidenceLen:
		return Errorf(EINVALID, "error.sender_too_long", MaxEvidenceLen)
	}
	return nil
}

package register

import (
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// HeaderRecogniser returns a test of whether a row is a complaint register's
// header: it names at least a complaint number and a date received, as Open
// requires. The indicator upload uses it to send a register where it
// belongs (ingest.Parser.RecogniseRegisters).
func HeaderRecogniser() func(cells []string) bool {
	roles := headerRoles()
	return func(cells []string) bool {
		var complaint, received bool
		for _, c := range cells {
			switch roles[reference.Normalize(c)] {
			case store.RegisterComplaint:
				complaint = true
			case store.RegisterReceived:
				received = true
			}
		}
		return complaint && received
	}
}

package mail

import (
	"io"
	"log/slog"

	"github.com/fcmn/infocentre/internal/mail/mailtest"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// keysOf lists the keys received, sorted as they came.
func keysOf(msgs []mailtest.Received) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Key)
	}
	return out
}

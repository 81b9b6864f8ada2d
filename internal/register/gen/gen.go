// Package gen writes synthetic complaint registers for benchmarks and load
// tests: one row per complaint, English header, ISO dates, reference codes
// and yes/no, so that DuckDB's own read_csv types every column by itself.
package gen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Config says what register to write.
type Config struct {
	Rows      int
	FirstYear int    // complaints are received over FirstYear and the next year
	Seed      uint64 // same seed, same file
}

// Header is the first line of a generated register.
const Header = "complaint number,date received,channel,language,admissible,outcome,type,date acknowledged,date closed,second line"

var (
	channels  = []string{"email", "webform", "letter", "phone", "counter", "fax", "other"}
	languages = []string{"nl", "fr", "de", "en", "other"}
	outcomes  = []string{"founded", "partly_founded", "unfounded"}
	types     = []string{"attitude", "quality", "procedure", "complaint_handling"}
)

// Write writes cfg.Rows complaints to w.
func Write(w io.Writer, cfg Config) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	start := time.Date(cfg.FirstYear, 1, 1, 0, 0, 0, 0, time.UTC)
	const iso = "2006-01-02"
	fmt.Fprintln(bw, Header)
	for i := range cfg.Rows {
		received := start.AddDate(0, 0, rng.IntN(730))
		ack := received.AddDate(0, 0, rng.IntN(10)).Format(iso)
		admissible := rng.IntN(10) < 7
		closed, outcome, typ := "", "", ""
		if admissible && rng.IntN(10) < 9 {
			closed = received.AddDate(0, 0, rng.IntN(60)).Format(iso)
			outcome = outcomes[rng.IntN(len(outcomes))]
			if outcome != "unfounded" {
				typ = types[rng.IntN(len(types))]
			}
		}
		second := "no"
		if rng.IntN(50) == 0 {
			second = "yes"
		}
		yes := "no"
		if admissible {
			yes = "yes"
		}
		fmt.Fprintf(bw, "C%08d,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", i+1, received.Format(iso),
			channels[rng.IntN(len(channels))], languages[rng.IntN(len(languages))], yes, outcome, typ, ack, closed, second)
	}
	return bw.Flush()
}

// WriteFile writes to a new file at path the register write (Write or
// WriteXLSX) makes of cfg.
func WriteFile(path string, write func(io.Writer, Config) error, cfg Config) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	return errors.Join(write(f, cfg), f.Close())
}

// Values says how every text the generator writes is read, for an
// organisation: the codes themselves, and yes/no. The yardsticks of the
// benchmarks hand it to DuckDB in place of the validation pass.
func Values(ref *reference.Catalogue, org string) []store.RegisterValue {
	out := []store.RegisterValue{{Role: store.RegisterOrganisation, Text: org, Code: org}}
	for _, v := range ref.BreakdownValues {
		out = append(out, store.RegisterValue{Role: v.Breakdown, Text: v.Code, Code: v.Code})
	}
	for _, code := range outcomes {
		out = append(out, store.RegisterValue{Role: store.RegisterOutcome, Text: code, Code: code})
	}
	for _, role := range []string{store.RegisterAdmissible, store.RegisterSecondLine} {
		out = append(out, store.RegisterValue{Role: role, Text: "yes", Code: "yes"}, store.RegisterValue{Role: role, Text: "no", Code: "no"})
	}
	return out
}

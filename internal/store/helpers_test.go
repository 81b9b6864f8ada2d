package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// fakeSHA stands for the SHA-256 of a file known by its name in a test.
func fakeSHA(name string) string {
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:])
}

// obsOf builds observations of one organisation and year from
// "indicator[:breakdown]=value" terms separated by spaces.
func obsOf(tb testing.TB, org string, year int, terms string) []domain.Observation {
	tb.Helper()
	var out []domain.Observation
	for _, term := range strings.Fields(terms) {
		key, val, ok := strings.Cut(term, "=")
		if !ok {
			tb.Fatalf("term %q: want indicator[:breakdown]=value", term)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			tb.Fatalf("term %q: %v", term, err)
		}
		ind, bd, _ := strings.Cut(key, ":")
		out = append(out, domain.Observation{Organisation: org, Year: year, Indicator: ind, Breakdown: bd, Value: v})
	}
	return out
}

// importFile is a request for a file whose SHA-256 follows from its name.
func importFile(name, status string, obs ...[]domain.Observation) ImportRequest {
	var all []domain.Observation
	for _, o := range obs {
		all = append(all, o...)
	}
	return ImportRequest{FileName: name, SHA256: fakeSHA(name), Source: "test@example.be", Kind: domain.KindFile, Status: status, Observations: all}
}

func mustImport(tb testing.TB, s *Store, req ImportRequest) ImportResult {
	tb.Helper()
	res, err := s.Import(context.Background(), req)
	if err != nil {
		tb.Fatalf("import %s: %v", req.FileName, err)
	}
	return res
}

// setStatus does what the coordinator's review does to a submission.
func setStatus(tb testing.TB, s *Store, id int64, status string) {
	tb.Helper()
	res, err := s.db.Exec(`UPDATE submissions SET status = ? WHERE id = ?`, status, id)
	if err != nil {
		tb.Fatalf("set status of %d: %v", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		tb.Fatalf("set status of %d: %d rows changed", id, n)
	}
}

// dumpTables renders every row of every table, in a stable order, so that
// two states of a database can be compared.
func dumpTables(tb testing.TB, db *sql.DB) map[string][]string {
	tb.Helper()
	rows, err := db.Query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name`)
	if err != nil {
		tb.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	rows.Close()
	dump := map[string][]string{}
	for _, table := range tables {
		// Table names come from the catalogue, not from input.
		rows, err := db.Query(fmt.Sprintf(`SELECT * FROM %q ORDER BY ALL`, table))
		if err != nil {
			tb.Fatalf("dump %s: %v", table, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			tb.Fatal(err)
		}
		dump[table] = []string{}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatalf("dump %s: %v", table, err)
			}
			dump[table] = append(dump[table], fmt.Sprint(vals...))
		}
		if err := rows.Err(); err != nil {
			tb.Fatalf("dump %s: %v", table, err)
		}
		rows.Close()
	}
	return dump
}

// compareDumps reports every table whose rows differ.
func compareDumps(tb testing.TB, before, after map[string][]string) {
	tb.Helper()
	for table, rows := range before {
		if _, ok := after[table]; !ok {
			tb.Errorf("table %s disappeared", table)
			continue
		}
		if fmt.Sprint(rows) != fmt.Sprint(after[table]) {
			tb.Errorf("table %s changed: %d rows before, %d after", table, len(rows), len(after[table]))
		}
	}
	for table := range after {
		if _, ok := before[table]; !ok {
			tb.Errorf("table %s appeared", table)
		}
	}
}

// sampleObservations generates n consistent-looking observations: every
// reference organisation, years counting down from lastYear, every indicator and
// breakdown key, with the parts adding up as the consistency rules want. The
// last organisation-year may be cut short to make exactly n.
func sampleObservations(ref *reference.Catalogue, n, lastYear int, seed uint64) []domain.Observation {
	rng := rand.New(rand.NewPCG(seed, seed))
	out := make([]domain.Observation, 0, n)
	for year := lastYear; len(out) < n; year-- {
		for _, org := range ref.Organisations {
			if len(out) >= n {
				break
			}
			out = append(out, sampleYear(ref, rng, org.Code, year)...)
		}
	}
	return out[:n]
}

// sampleYear generates every indicator of one organisation and year.
func sampleYear(ref *reference.Catalogue, rng *rand.Rand, org string, year int) []domain.Observation {
	received := 20 + rng.IntN(2000)
	admissible := received * (50 + rng.IntN(40)) / 100
	closed := admissible * (70 + rng.IntN(30)) / 100
	founded := closed * rng.IntN(40) / 100
	partly := (closed - founded) * rng.IntN(30) / 100
	whole := map[string]int{
		"received":             received,
		"information_requests": rng.IntN(received),
		"admissible":           admissible,
		"inadmissible":         received - admissible,
		"closed":               closed,
		"founded":              founded,
		"partly_founded":       partly,
		"unfounded":            closed - founded - partly,
		"open_end_of_year":     admissible - closed,
		"ack_on_time":          admissible * (60 + rng.IntN(40)) / 100,
		"closed_on_time":       closed * (60 + rng.IntN(40)) / 100,
		"avg_days":             5 + rng.IntN(60),
		"second_line":          rng.IntN(1 + received/20),
		"suggestions":          rng.IntN(50),
		"compliments":          rng.IntN(100),
		"improvement_actions":  rng.IntN(10),
		"criteria_met":         rng.IntN(15),
	}
	parts := map[string]int{"by_channel": received, "by_language": received, "founded_by_type": founded + partly}
	var out []domain.Observation
	for _, in := range ref.Indicators {
		if in.Breakdown == "" {
			out = append(out, domain.Observation{Organisation: org, Year: year, Indicator: in.Code, Value: float64(whole[in.Code])})
			continue
		}
		values := ref.BreakdownValuesOf(in.Breakdown)
		left := parts[in.Code]
		for i, v := range values {
			part := left
			if i < len(values)-1 {
				part = rng.IntN(left + 1)
			}
			left -= part
			out = append(out, domain.Observation{Organisation: org, Year: year, Indicator: in.Code, Breakdown: v.Code, Value: float64(part)})
		}
	}
	return out
}

// openChild opens the store at path with the embedded reference data, in
// the child process of a test that kills or holds it.
func openChild(tb testing.TB, path string) (*Store, *reference.Catalogue) {
	tb.Helper()
	ref, err := reference.Load()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := Open(context.Background(), path, ref)
	if err != nil {
		tb.Fatal(err)
	}
	return s, ref
}

package store

import (
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/reference"
	sqlfiles "github.com/fcmn/infocentre/sql"
)

// upgradeDir holds a database written by each earlier schema, named after
// the newest migration it carries (see its README and
// scripts/make-upgrade-fixture.sh).
const upgradeDir = "testdata/upgrades"

// upgradeQueries are the queries of scripts/upgrade-fixture-contents.go,
// which wrote each fixture's JSON with the code of its release: they must
// stay equal. "migrations" is not among them, as it is what an upgrade
// changes.
var upgradeQueries = []struct{ name, table, sql string }{
	{"accounts", "accounts", `SELECT email, role, organisation, disabled::VARCHAR FROM accounts ORDER BY email`},
	{"api_tokens", "api_tokens", `SELECT a.email, t.prefix, (t.revoked_at IS NOT NULL)::VARCHAR FROM api_tokens t JOIN accounts a ON a.id = t.account_id ORDER BY t.id`},
	{"submissions", "submissions", `SELECT id::VARCHAR, organisation, year::VARCHAR, version::VARCHAR, kind, status, file_name, sha256 FROM submissions ORDER BY id`},
	{"observations", "observations", `SELECT count(*)::VARCHAR, round(sum(value), 6)::VARCHAR FROM observations`},
	{"published", "submissions", `SELECT organisation, year::VARCHAR, indicator, count(*)::VARCHAR, round(sum(value), 6)::VARCHAR FROM current_observations GROUP BY ALL ORDER BY ALL`},
	{"audit", "audit_log", `SELECT id::VARCHAR, actor, action, subject, detail FROM audit_log ORDER BY id`},
}

// migrationNumbers are the numbers of sql/migrations, as fixture names.
func migrationNumbers(t *testing.T) []string {
	t.Helper()
	entries, err := fs.ReadDir(sqlfiles.Migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		out = append(out, num)
	}
	return out
}

// TestEveryMigrationHasUpgradeFixture: a new migration brings the database
// its release writes (scripts/make-upgrade-fixture.sh COMMIT NUMBER).
func TestEveryMigrationHasUpgradeFixture(t *testing.T) {
	for _, num := range migrationNumbers(t) {
		for _, ext := range []string{".duckdb.gz", ".json"} {
			if _, err := os.Stat(filepath.Join(upgradeDir, num+ext)); err != nil {
				t.Errorf("migration %s has no upgrade fixture: run scripts/make-upgrade-fixture.sh COMMIT %s (%v)", num, num, err)
			}
		}
	}
}

// TestUpgradeFixtures opens a copy of each earlier release's database with
// today's store, which migrates it, and finds the accounts, tokens,
// submissions, observations, published figures and audit entries it held.
func TestUpgradeFixtures(t *testing.T) {
	ctx := context.Background()
	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Glob(filepath.Join(upgradeDir, "*.duckdb.gz"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures in %s (%v)", upgradeDir, err)
	}
	all := migrationNumbers(t)
	for _, gz := range fixtures {
		name := strings.TrimSuffix(filepath.Base(gz), ".duckdb.gz")
		t.Run(name, func(t *testing.T) {
			var want map[string][][]string
			raw, err := os.ReadFile(filepath.Join(upgradeDir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(want["migrations"], func(row []string) bool { return padMigration(row[0]) == name }) {
				t.Fatalf("fixture %s was not written by migration %s: it carries %v", name, name, want["migrations"])
			}
			path := filepath.Join(t.TempDir(), name+".duckdb")
			gunzipTo(t, gz, path)
			st, err := Open(ctx, path, ref)
			if err != nil {
				t.Fatalf("open the database of migration %s: %v", name, err)
			}
			defer st.Close()

			var applied []string
			for _, row := range queryStrings(t, st.db, `SELECT version::VARCHAR FROM schema_migrations ORDER BY version`) {
				applied = append(applied, padMigration(row[0]))
			}
			if !slices.Equal(applied, all) {
				t.Errorf("migrations after opening: %v, want %v", applied, all)
			}
			for _, q := range upgradeQueries {
				got := queryStrings(t, st.db, q.sql)
				if _, held := want[q.name]; !held {
					continue // the release had no such table
				}
				if !reflect.DeepEqual(got, want[q.name]) {
					t.Errorf("%s after the upgrade:\n got %v\nwant %v", q.name, got, want[q.name])
				}
			}
			// Today's code reads what the old release wrote.
			accounts, err := st.Accounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(accounts) != len(want["accounts"]) {
				t.Errorf("Accounts: %d, want %d", len(accounts), len(want["accounts"]))
			}
			for _, row := range want["accounts"] {
				if _, _, err := st.AccountByEmail(ctx, row[0]); err != nil {
					t.Errorf("AccountByEmail(%s): %v", row[0], err)
				}
			}
			published, err := st.Published(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			wantRows := 0
			for _, row := range want["published"] {
				n, _ := strconv.Atoi(row[3])
				wantRows += n
			}
			if len(published) != wantRows {
				t.Errorf("Published: %d observations, want %d", len(published), wantRows)
			}
		})
	}
}

// padMigration writes a schema_migrations version as its file's number.
func padMigration(v string) string {
	for len(v) < 3 {
		v = "0" + v
	}
	return v
}

func gunzipTo(t *testing.T, gz, path string) {
	t.Helper()
	in, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// queryStrings runs a query whose columns are text (NULL as "").
func queryStrings(t *testing.T, db *sql.DB, q string) [][]string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

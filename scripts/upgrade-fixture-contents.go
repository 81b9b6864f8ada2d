//go:build ignore

// upgrade-fixture-contents prints, as JSON, what an upgrade fixture holds:
// its migrations, accounts, API tokens, submissions, published observations
// and audit entries. make-upgrade-fixture.sh runs it with the code of the
// fixture's release (it needs only database/sql and the DuckDB driver, which
// every release has), and internal/store's TestUpgradeFixtures runs the same
// queries on the migrated copy and compares.
package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run upgrade-fixture-contents.go DB")
		os.Exit(2)
	}
	db, err := sql.Open("duckdb", os.Args[1]+"?access_mode=read_only&autoinstall_known_extensions=false&autoload_known_extensions=false")
	if err != nil {
		fail(err)
	}
	defer db.Close()
	out := map[string]any{}
	for _, q := range queries {
		var exists bool
		if err := db.QueryRow(`SELECT count(*) > 0 FROM duckdb_tables() WHERE table_name = ?`, q.table).Scan(&exists); err != nil {
			fail(err)
		}
		if !exists {
			continue
		}
		rows, err := db.Query(q.sql)
		if err != nil {
			fail(fmt.Errorf("%s: %w", q.name, err))
		}
		cols, _ := rows.Columns()
		var list [][]string
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				fail(err)
			}
			row := make([]string, len(cols))
			for i, v := range vals {
				row[i] = v.String
			}
			list = append(list, row)
		}
		if err := rows.Err(); err != nil {
			fail(err)
		}
		out[q.name] = list
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "upgrade-fixture-contents:", err)
	os.Exit(1)
}

// queries must stay equal to upgradeQueries in
// internal/store/upgrade_test.go: the fixture's JSON is their output.
var queries = []struct{ name, table, sql string }{
	{"migrations", "schema_migrations", `SELECT version::VARCHAR FROM schema_migrations ORDER BY version`},
	{"accounts", "accounts", `SELECT email, role, organisation, disabled::VARCHAR FROM accounts ORDER BY email`},
	{"api_tokens", "api_tokens", `SELECT a.email, t.prefix, (t.revoked_at IS NOT NULL)::VARCHAR FROM api_tokens t JOIN accounts a ON a.id = t.account_id ORDER BY t.id`},
	{"submissions", "submissions", `SELECT id::VARCHAR, organisation, year::VARCHAR, version::VARCHAR, kind, status, file_name, sha256 FROM submissions ORDER BY id`},
	{"observations", "observations", `SELECT count(*)::VARCHAR, round(sum(value), 6)::VARCHAR FROM observations`},
	{"published", "submissions", `SELECT organisation, year::VARCHAR, indicator, count(*)::VARCHAR, round(sum(value), 6)::VARCHAR FROM current_observations GROUP BY ALL ORDER BY ALL`},
	{"audit", "audit_log", `SELECT id::VARCHAR, actor, action, subject, detail FROM audit_log ORDER BY id`},
}

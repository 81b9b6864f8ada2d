// Package sqlfiles embeds the SQL of the platform: numbered migrations under
// migrations/ and named queries under queries/, one file per query.
package sqlfiles

import "embed"

// Migrations holds migrations/NNN_name.sql, applied in order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Queries holds queries/name.sql, looked up by name.
//
//go:embed queries/*.sql
var Queries embed.FS

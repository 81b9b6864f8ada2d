package store

import "strings"

// duckdbLockText is how DuckDB says that another process holds the file: it
// lets one process open a file for writing, and no other open it at all
// meanwhile. The driver gives no error type for it, so its text is matched
// here, the one package that knows DuckDB.
const duckdbLockText = "Could not set lock on file"

// IsLocked reports whether err is Open meeting a database file that another
// process (a running `infocentre serve`) holds.
func IsLocked(err error) bool {
	return err != nil && strings.Contains(err.Error(), duckdbLockText)
}

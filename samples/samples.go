// Package samples embeds the sample yearly exports, one per shape the
// importer must read, so that the server's demo mode can load them from the
// binary. They are written by ./gen (go run ./samples/gen); README.md lists
// them and what makes each hard.
package samples

import (
	"bytes"
	"embed"
	"io/fs"
)

//go:embed exports
var exports embed.FS

//go:embed expected.csv
var expected []byte

// Files returns the sample exports at the root of a read-only file system.
// Import them in the order fs.ReadDir lists them (lexical by name): a later
// file supersedes, per organisation, year and indicator, what an earlier one
// stated.
func Files() fs.FS {
	sub, err := fs.Sub(exports, "exports")
	if err != nil {
		// fs.Sub fails only on an invalid name, and "exports" is a constant.
		panic(err)
	}
	return sub
}

// Expected returns expected.csv: the observations importing every file of
// Files in order must leave current, in long format (organisation, year,
// indicator, breakdown, value), sorted by those columns.
func Expected() []byte { return bytes.Clone(expected) }

// ActivityUnits says what the activity_volume of the sample administrations
// that report one counts, as the coordinator would set it (samples/gen's
// profiles with an activity).
func ActivityUnits() map[string]string {
	return map[string]string{"BOSA": "files", "FIN": "files", "SFP": "decisions", "RSZ": "contacts", "RIZIV": "decisions", "RJV": "decisions"}
}

// Package assets embeds the stylesheets and scripts of the site and of the
// reports, and echarts.min.js (copied from node_modules by `make assets`, not
// committed): the server serves them, a standalone report inlines them.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed *.css *.js
var files embed.FS

// FS returns the assets at the root of a read-only file system.
func FS() fs.FS { return files }

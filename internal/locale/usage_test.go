package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// dynamicPrefixes are strict: key prefixes that code completes at run time
// ("problem."+code, "rule."+id, print "register.status." .Status …). A key
// under one of them is in use when the rest of it appears as a string in the
// code or templates (the code, id or status itself). Add a prefix here, and
// a line to docs/languages.md, when you build keys so.
var dynamicPrefixes = []string{
	"problem.", "rule.", "cli.severity.", "cli.status.", "status.", "register.status.",
	"error.", "role.", "unit.", "kind.", "lang.", "layout.", "form.group.", "form.unit.",
}

// openPrefixes are dynamic prefixes whose rest comes from data (reference
// codes, months, report sections, HTTP statuses): every key under one counts
// as used.
var openPrefixes = []string{"group.", "measure.", "tile.", "mail.month.", "second_line.", "outbox.status.",
	"criteria.state.", "criteria.status.", "round.flag.", "round.note.", "report.channels.",
	"report.improvement.", "report.languages.", "report.processing.", "report.secondline.", "report.types.",
	// unit.n_days is the plural example that locale_test.go checks.
	"unit.n_days"}

// literal finds quoted strings that may be keys or their dynamic parts.
var literal = regexp.MustCompile("[\"`]([A-Za-z0-9_.\\-]+)[\"`]")

// TestEveryKeyIsUsed fails when a key of the translation files is no longer
// used by any Go file or template of the repository (tests excluded).
func TestEveryKeyIsUsed(t *testing.T) {
	root := filepath.Join("..", "..")
	used := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "data", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var unused []string
	for _, key := range Keys("en") {
		if used[key] || usedDynamically(key, used) {
			continue
		}
		unused = append(unused, key)
	}
	sort.Strings(unused)
	for _, k := range unused {
		t.Errorf("key %q is no longer used: remove it from the three files, or document its dynamic prefix", k)
	}
}

func usedDynamically(key string, used map[string]bool) bool {
	for _, p := range dynamicPrefixes {
		rest, ok := strings.CutPrefix(key, p)
		if !ok {
			continue
		}
		if used[rest] {
			return true
		}
	}
	for _, p := range openPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	// A prefix the code concatenates ("report.flagged.kind." + note.Kind),
	// other than the strict ones above, covers the keys under it.
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		if p := key[:i+1]; used[p] && !slices.Contains(dynamicPrefixes, p) {
			return true
		}
	}
	return false
}

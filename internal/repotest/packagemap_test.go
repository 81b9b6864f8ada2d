// Package repotest holds tests of the repository as a whole rather than of
// one package: README's package map against `go list`, the commands README
// lists against the CLI's, and the relative links of README.md and docs/.
package repotest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository's root, seen from this package's folder, where
// go test runs it.
const root = "../.."

// module is the module path, cut from every import path.
const module = "github.com/fcmn/infocentre/"

// TestPackageMap checks README's package map: every package of the module
// has one row, every row names a package, and no package imports one that
// sits above it in the table (the map reads from the top, commands, to the
// leaves). Only the imports of non-test files count: a test may use a
// helper package from anywhere.
func TestPackageMap(t *testing.T) {
	rows := packageMapRows(t, filepath.Join(root, "README.md"))
	imports := modulePackages(t)

	rank := make(map[string]int, len(rows))
	for i, p := range rows {
		if _, dup := rank[p]; dup {
			t.Errorf("README's package map lists %s twice", p)
		}
		rank[p] = i
	}
	for p := range imports {
		if _, ok := rank[p]; !ok {
			t.Errorf("package %s is missing from README's package map: add a row where it sits between what imports it and what it imports", p)
		}
	}
	for _, p := range rows {
		if _, ok := imports[p]; !ok {
			t.Errorf("README's package map lists %s, which `go list ./...` does not know", p)
		}
	}
	for p, deps := range imports {
		r, ok := rank[p]
		if !ok {
			continue
		}
		for _, d := range deps {
			if dr, ok := rank[d]; ok && dr < r {
				t.Errorf("%s imports %s, which sits above it in README's package map: move one of them", p, d)
			}
		}
	}
}

// packageMapRows returns the packages of the table under "## Package map",
// in their order.
func packageMapRows(t *testing.T, readme string) []string {
	t.Helper()
	rows := tableFirstColumn(t, readme, "## Package map")
	if len(rows) == 0 {
		t.Fatalf("%s has no table under \"## Package map\"", readme)
	}
	return rows
}

// tableFirstColumn returns the code spans of the first column of the table
// in the section that starts with heading.
func tableFirstColumn(t *testing.T, file, heading string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cell := regexp.MustCompile("^\\| `([^`]+)`")
	var rows []string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			in = line == heading
			continue
		}
		if m := cell.FindStringSubmatch(line); in && m != nil {
			rows = append(rows, m[1])
		}
	}
	return rows
}

// modulePackages returns every package of the module (`go list ./...`,
// relative to the module) with the module's packages its non-test files
// import.
func modulePackages(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list ./...: %v\n%s", err, stderr)
	}
	pkgs := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		p := strings.TrimPrefix(fields[0], module)
		pkgs[p] = nil
		for _, imp := range fields[1:] {
			if rel, ok := strings.CutPrefix(imp, module); ok {
				pkgs[p] = append(pkgs[p], rel)
			}
		}
	}
	return pkgs
}

// TestReadmeListsEveryCommand checks that README's command table has a row
// for every command of the CLI (the table of commands in
// cmd/infocentre/main.go).
func TestReadmeListsEveryCommand(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "cmd", "infocentre", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	commands := regexp.MustCompile(`\{"([a-z-]+)", "cli\.command\.`).FindAllSubmatch(src, -1)
	if len(commands) < 10 {
		t.Fatalf("found %d commands in cmd/infocentre/main.go: has its table of commands changed shape?", len(commands))
	}
	listed := map[string]bool{}
	for _, row := range tableFirstColumn(t, filepath.Join(root, "README.md"), "## Command line") {
		if f := strings.Fields(row); len(f) > 1 && f[0] == "infocentre" {
			listed[f[1]] = true
		}
	}
	for _, c := range commands {
		if name := string(c[1]); !listed[name] {
			t.Errorf("README's command table has no row for `infocentre %s`", name)
		}
	}
}

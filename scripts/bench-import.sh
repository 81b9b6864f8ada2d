#!/bin/sh
# bench-import: the whole `infocentre import --db NEW FILE` process on the
# long CSV of the import benchmarks (internal/importer/longgen/cmd/genlong:
# 86,658 observations, every organisation of the catalogue, 2000–2100), in
# its two shapes — plain (BenchmarkImportCSV100k's) and exported
# (BenchmarkImportCSV100kAsExported's: Windows-1252, CRLF, a title line,
# French headers and labels, ';', decimal comma, dd/mm/yyyy) — each beside
# the yardstick: a whole process of DuckDB alone
# (internal/importer/longgen/cmd/importbaseline) opening a new database
# file, loading the same file with read_csv into a table, committed, closed.
# Each side runs RUNS times (default 5), paired, on a new database; the
# table shows medians of wall time and of peak resident memory
# (/usr/bin/time -v).
#
# Usage: scripts/bench-import.sh [runs]
set -eu
runs=${1:-5}
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench-import: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
go build -o "$work/infocentre" ./cmd/infocentre
go build -o "$work/genlong" ./internal/importer/longgen/cmd/genlong
go build -o "$work/importbaseline" ./internal/importer/longgen/cmd/importbaseline

# shape -> file name (as the benchmarks name them)
file() {
	case $1 in
	plain) echo "$work/long.csv" ;;
	exported) echo "$work/export plaintes.csv" ;;
	esac
}
# shape -> genlong and importbaseline flag
flag() { [ "$1" = exported ] && echo -exported || true; }

bench=bench-import
. scripts/benchlib.sh

echo "load before: $(uptime)"
printf '%-10s %8s %8s %10s %7s %8s %8s\n' shape rows seconds baseline_s ratio peak_MB base_MB
for shape in plain exported; do
	f=$(file "$shape")
	n=$("$work/genlong" -o "$f" $(flag "$shape"))
	n=${n#observations }
	: >"$work/cli" && : >"$work/base" && : >"$work/clipeak" && : >"$work/basepeak"
	for run in $(seq "$runs"); do
		set -- $(measure "$work/c$run" "$work/infocentre" import --lang en --db "$work/c$run.duckdb" "$f")
		echo "$1" >>"$work/cli" && echo "$2" >>"$work/clipeak"
		grep -q ": accepted$" "$work/c$run.log" && grep -q "observations: $n$" "$work/c$run.log" ||
			{ echo "bench-import: $shape: the CLI did not accept $n observations:" >&2; head -20 "$work/c$run.log" >&2; exit 1; }
		set -- $(measure "$work/b$run" "$work/importbaseline" -db "$work/b$run.duckdb" -csv "$f" $(flag "$shape"))
		echo "$1" >>"$work/base" && echo "$2" >>"$work/basepeak"
		grep -q "^rows $n$" "$work/b$run.log" || { echo "bench-import: $shape: the yardstick loaded otherwise:" >&2; cat "$work/b$run.log" >&2; exit 1; }
		rm -f "$work/c$run.duckdb"* "$work/b$run.duckdb"*
	done
	cli=$(median <"$work/cli") base=$(median <"$work/base")
	printf '%-10s %8d %8.2f %10.2f %7.2f %8d %8d\n' "$shape" "$n" "$cli" "$base" \
		"$(awk -v a="$cli" -v b="$base" 'BEGIN {print a / b}')" "$(median <"$work/clipeak")" "$(median <"$work/basepeak")"
done
echo "load after: $(uptime)"

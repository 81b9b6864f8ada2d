#!/bin/sh
# bench-register: the whole `infocentre register` process on a generated
# register of ROWS complaints (default 1,000,000) in every CSV shape the
# README accepts, each beside the yardstick: a whole process of DuckDB alone
# (internal/register/gen/cmd/registerbaseline) loading the same file with
# read_csv into a table of a new database file, committed, plus the same
# register_indicators.sql. Each side runs RUNS times (default 3), paired,
# on a new database; the table shows medians of wall time and the peak
# resident memory of the CLI (/usr/bin/time -v). Aims: ratio <= 1.5, peak
# <= 300 MB. The CLI runs as an administration would, with its defaults
# (DuckDB capped at 128MB). The XLSX shape (an Excel export: title line, French
# headers, date cells; XLSX_ROWS complaints, default 200,000, as a workbook
# holds at most 1,048,576 rows) has for yardstick bare excelize streaming
# every cell of the sheet, since DuckDB cannot read a workbook.
#
# Usage: [XLSX_ROWS=n] scripts/bench-register.sh [rows] [runs]
set -eu
rows=${1:-1000000}
runs=${2:-3}
xlsx_rows=${XLSX_ROWS:-200000}
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench-register: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
go build -o "$work/infocentre" ./cmd/infocentre
go build -o "$work/registerbaseline" ./internal/register/gen/cmd/registerbaseline
go build -o "$work/genregister" ./internal/register/gen/cmd/genregister

# The generator's register (English header, ISO dates, LF, codes), then the
# other shapes made from it: same complaints, same indicators.
canon="$work/canon.csv"
"$work/genregister" -rows "$rows" -o "$canon"
fr_header='Numéro de plainte;Date de réception;Canal;Langue;Recevable;Résultat;Type de plainte;Date accusé de réception;Date de clôture;Deuxième ligne'
nl_header='Klachtnummer;Datum ontvangst;Kanaal;Taal;Ontvankelijk;Uitkomst;Type klacht;Datum ontvangstmelding;Datum afsluiting;Tweede lijn'
# reshape HEADER SEP: dd/mm/yyyy dates, SEP between fields, HEADER first.
reshape() {
	awk -v header="$1" -v sep="$2" 'BEGIN {FS = ","; print header}
	NR > 1 {
		for (i = 1; i <= NF; i++) {
			v = $i
			if ((i == 2 || i == 8 || i == 9) && v != "") v = substr(v, 9, 2) "/" substr(v, 6, 2) "/" substr(v, 1, 4)
			printf "%s%s", v, (i < NF ? sep : "\n")
		}
	}' "$canon"
}
crlf() { sed 's/$/\r/'; }

mkdir -p "$work/shapes"
cp "$canon" "$work/shapes/en-lf-iso FIN.csv"
crlf <"$canon" >"$work/shapes/en-crlf-iso FIN.csv"
{ printf 'Organisation : FIN\r\n'; reshape "$fr_header" ';' | crlf; } >"$work/shapes/fr-title-crlf-ddmm FIN.csv"
reshape "$nl_header" ';' >"$work/shapes/nl-lf-ddmm FIN.csv"
awk 'BEGIN {FS = ","; OFS = ","} {for (i = 1; i <= NF; i++) $i = "\"" $i "\""; print}' "$canon" >"$work/shapes/en-quoted FIN.csv"
reshape "$fr_header" ';' | iconv -f UTF-8 -t CP1252 >"$work/shapes/fr-cp1252-ddmm FIN.csv"
"$work/genregister" -rows "$xlsx_rows" -xlsx -o "$work/shapes/fr-title-xlsx-dates FIN.xlsx"

# shape -> yardstick options: separator, lines above the header, date format, encoding
options() {
	case $1 in
	en-lf-iso | en-crlf-iso | en-quoted) echo ", 0 %Y-%m-%d utf-8" ;;
	fr-title-crlf-ddmm) echo "; 1 %d/%m/%Y utf-8" ;;
	nl-lf-ddmm) echo "; 0 %d/%m/%Y utf-8" ;;
	fr-cp1252-ddmm) echo "; 0 %d/%m/%Y latin-1" ;;
	esac
}

bench=bench-register
. scripts/benchlib.sh

echo "load before: $(uptime)"
printf '%-20s %9s %8s %10s %7s %8s %8s\n' shape rows seconds baseline_s ratio peak_MB base_MB
for shape in en-lf-iso en-crlf-iso fr-title-crlf-ddmm nl-lf-ddmm en-quoted fr-cp1252-ddmm fr-title-xlsx-dates; do
	file="$work/shapes/$shape FIN.csv" n=$rows
	if [ "$shape" = fr-title-xlsx-dates ]; then
		file="$work/shapes/$shape FIN.xlsx" n=$xlsx_rows
	else
		set -- $(options "$shape")
		delim=$1 skip=$2 datefmt=$3 enc=$4
	fi
	: >"$work/cli" && : >"$work/base" && : >"$work/clipeak" && : >"$work/basepeak"
	for run in $(seq "$runs"); do
		set -- $(measure "$work/c$run" "$work/infocentre" register --db "$work/c$run.duckdb" "$file")
		echo "$1" >>"$work/cli" && echo "$2" >>"$work/clipeak"
		grep -q "rows: $n" "$work/c$run.log" || { echo "bench-register: $shape: the CLI did not read $n rows:" >&2; head -20 "$work/c$run.log" >&2; exit 1; }
		if [ "$shape" = fr-title-xlsx-dates ]; then
			set -- $(measure "$work/b$run" "$work/registerbaseline" -xlsx "$file")
			counted="rows $((n + 2))" # the title line and the header
		else
			set -- $(measure "$work/b$run" "$work/registerbaseline" -db "$work/b$run.duckdb" -csv "$file" -delim "$delim" -skip "$skip" -dateformat "$datefmt" -encoding "$enc")
			counted="received $n"
		fi
		echo "$1" >>"$work/base" && echo "$2" >>"$work/basepeak"
		grep -q "$counted" "$work/b$run.log" || { echo "bench-register: $shape: the yardstick counted otherwise:" >&2; cat "$work/b$run.log" >&2; exit 1; }
		rm -f "$work/c$run.duckdb"* "$work/b$run.duckdb"*
	done
	cli=$(median <"$work/cli") base=$(median <"$work/base")
	printf '%-20s %9d %8.2f %10.2f %7.2f %8d %8d\n' "$shape" "$n" "$cli" "$base" \
		"$(awk -v a="$cli" -v b="$base" 'BEGIN {print a / b}')" "$(median <"$work/clipeak")" "$(median <"$work/basepeak")"
done
echo "load after: $(uptime)"

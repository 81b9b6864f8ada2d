#!/bin/sh
# bench-web: load-test the public site on loopback. Builds the binary, serves
# the demo data from a temp database, runs wrk against /healthz (the
# baseline: one database ping) and then /compare, and prints requests per
# second, p99 latency and the ratio. Aim: /compare >= 30 % of /healthz, p99
# <= 50 ms at 64 connections.
#
# Usage: scripts/bench-web.sh [duration, default 10s]   (needs wrk: apt-get install wrk)
set -eu

duration=${1:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
port=${BENCH_PORT:-18080}
addr=127.0.0.1:$port
compare_path=${BENCH_COMPARE_PATH:-/compare?indicator=received&year=2024}

command -v wrk >/dev/null || { echo "bench-web: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

go build -o "$work/infocentre" ./cmd/infocentre
"$work/infocentre" serve --demo --db "$work/bench.duckdb" --addr "$addr" >"$work/server.log" 2>&1 &
server=$!

# Wait for the demo data to load and the server to answer.
i=0
until curl -fsS "http://$addr/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ "$i" -gt 120 ] || ! kill -0 "$server" 2>/dev/null; then
		echo "bench-web: server did not come up; its log:" >&2
		cat "$work/server.log" >&2
		exit 1
	fi
	sleep 0.5
done
curl -fsS -o /dev/null "http://$addr$compare_path" # fill the page cache, as any first visitor does

run() { # name path -> prints "rps p99_ms"
	wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://$addr$2" >"$work/$1.txt"
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$1.txt")
	p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f", v}' "$work/$1.txt")
	errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/$1.txt")
	echo "$rps $p99"
	[ -z "$errors" ] || echo "bench-web: $1: $errors" >&2
}

set -- $(run healthz /healthz)
healthz_rps=$1 healthz_p99=$2
set -- $(run compare "$compare_path")
compare_rps=$1 compare_p99=$2

ratio=$(awk -v a="$compare_rps" -v b="$healthz_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
printf '%-10s %12s %10s\n' endpoint req/s p99_ms
printf '%-10s %12s %10s\n' /healthz "$healthz_rps" "$healthz_p99"
printf '%-10s %12s %10s\n' /compare "$compare_rps" "$compare_p99"
echo "compare/healthz throughput: ${ratio} % (aim >= 30 %), ${connections} connections, ${duration}"

#!/bin/sh
# bench-web: load-test the public site on loopback. Builds the binary, serves
# the demo data from a temp database, runs wrk against /healthz (the
# baseline: one database ping) and then /compare, and prints requests per
# second, p99 latency and the ratio. Aim: /compare >= 30 % of /healthz, p99
# <= 50 ms at 64 connections. Then, at 256 connections (BENCH_CONDITIONAL_
# CONNECTIONS), /healthz again and /compare revalidated with If-None-Match,
# as browsers and a reverse proxy ask once they hold the page (answered 304
# without rendering).
#
# Usage: scripts/bench-web.sh [duration, default 10s]   (needs wrk: apt-get install wrk)
set -eu

duration=${1:-10s}
connections=${BENCH_CONNECTIONS:-64}
conditional_connections=${BENCH_CONDITIONAL_CONNECTIONS:-256}
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

run() { # name path connections [header] -> prints "rps p99_ms"
	if [ -n "${4:-}" ]; then
		wrk -t"$threads" -c"$3" -d"$duration" --latency -H "$4" "http://$addr$2" >"$work/$1.txt"
	else
		wrk -t"$threads" -c"$3" -d"$duration" --latency "http://$addr$2" >"$work/$1.txt"
	fi
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$1.txt")
	p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f", v}' "$work/$1.txt")
	errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/$1.txt")
	echo "$rps $p99"
	[ -z "$errors" ] || echo "bench-web: $1: $errors" >&2
}

set -- $(run healthz /healthz "$connections")
healthz_rps=$1 healthz_p99=$2
set -- $(run compare "$compare_path" "$connections")
compare_rps=$1 compare_p99=$2

etag=$(curl -fsS -o /dev/null -D - "http://$addr$compare_path" | awk 'tolower($1) == "etag:" {sub(/\r$/, "", $2); print $2}')
[ -n "$etag" ] || { echo "bench-web: $compare_path has no ETag" >&2; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://$addr$compare_path")
[ "$status" = 304 ] || { echo "bench-web: If-None-Match $etag answered $status, want 304" >&2; exit 1; }
set -- $(run healthz256 /healthz "$conditional_connections")
healthz256_rps=$1 healthz256_p99=$2
set -- $(run conditional "$compare_path" "$conditional_connections" "If-None-Match: $etag")
conditional_rps=$1 conditional_p99=$2

ratio=$(awk -v a="$compare_rps" -v b="$healthz_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
conditional_ratio=$(awk -v a="$conditional_rps" -v b="$healthz256_rps" 'BEGIN {printf "%.0f", 100 * a / b}')
printf '%-24s %6s %12s %10s\n' endpoint conns req/s p99_ms
printf '%-24s %6s %12s %10s\n' /healthz "$connections" "$healthz_rps" "$healthz_p99"
printf '%-24s %6s %12s %10s\n' /compare "$connections" "$compare_rps" "$compare_p99"
printf '%-24s %6s %12s %10s\n' /healthz "$conditional_connections" "$healthz256_rps" "$healthz256_p99"
printf '%-24s %6s %12s %10s\n' "/compare If-None-Match" "$conditional_connections" "$conditional_rps" "$conditional_p99"
echo "compare/healthz throughput: ${ratio} % (aim >= 30 %), ${connections} connections, ${duration}"
echo "compare 304/healthz throughput: ${conditional_ratio} %, ${conditional_connections} connections, ${duration}"

#!/bin/sh
# bench-register: import a generated 1,000,000-complaint register and, in the
# same run, DuckDB's own read_csv of the file plus the same indicator SQL.
# Prints seconds for both, their ratio (aim: <= 1.5) and peak memory (aim:
# <= 300 MB; peak-MB is the process's VmHWM, import-MB what the import added
# to it, go-heap-MB the Go heap). DuckDB is capped at 200MB in both databases.
#
# Usage: scripts/bench-register.sh [runs, default 3]
set -eu
runs=${1:-3}
cd "$(dirname "$0")/.."
go test -run '^$' -bench '^BenchmarkRegister1M$' -benchtime 1x -count "$runs" ./internal/register

#!/bin/sh
# bench-backup: a backup of a running server whose database holds a
# register of ROWS complaints (default 1,000,000), taken with POST
# /api/v1/backups while indicator files are uploaded one after another,
# then `infocentre restore` and `infocentre verify` of that backup, each a
# whole process under /usr/bin/time -v. Reports the backup's time and the
# server's peak resident memory (VmHWM) before and after it, the slowest
# upload during the backup beside the slowest without one, and the time
# and peak memory of restore and verify.
#
# Usage: scripts/bench-backup.sh [rows]
set -eu
rows=${1:-1000000}
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "bench-backup: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
go build -o "$work/infocentre" ./cmd/infocentre
go build -o "$work/genregister" ./internal/register/gen/cmd/genregister
"$work/genregister" -rows "$rows" -o "$work/FIN register.csv"
db="$work/live.duckdb"
"$work/infocentre" register --db "$db" "$work/FIN register.csv" >/dev/null
"$work/infocentre" user add --db "$db" --email coord@example.be --role coordinator >/dev/null
token=$("$work/infocentre" token create --db "$db" --email coord@example.be | tail -n 1)
port=$((20000 + $$ % 20000))
"$work/infocentre" serve --db "$db" --addr "127.0.0.1:$port" --backup-every 0 2>"$work/serve.log" &
pid=$!
until grep -q 'web: listening' "$work/serve.log"; do sleep 0.2; done
base="http://127.0.0.1:$port"
hwm() { awk '/VmHWM/ {print int($2 / 1024) " MB"}' "/proc/$pid/status"; }
# uploads FILES...: each as its own submission; prints the slowest, in seconds.
uploads() {
	for f in "$@"; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" -F "file=@$f" "$base/api/v1/submissions"
	done | sort -n | tail -n 1
}
files=$(ls samples/exports/*.csv)
set -- $files
half=$(($# / 2))
first=$(echo "$files" | head -n "$half")
second=$(echo "$files" | tail -n +"$((half + 1))")
# shellcheck disable=SC2086
quiet=$(uploads $first)
echo "database: $(du -m "$db" | cut -f1) MB, $rows complaints; server peak before the backup: $(hwm)"
curl -s -o "$work/backup.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $token" "$base/api/v1/backups" >"$work/backup.time" &
bpid=$!
# shellcheck disable=SC2086
busy=$(uploads $second)
wait "$bpid"
echo "backup: $(cat "$work/backup.time") s, server peak after: $(hwm)"
echo "slowest upload: $quiet s without a backup, $busy s during it"
name=$(sed 's/^{"name":"\([^"]*\)".*/\1/' "$work/backup.json")
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
measure() {
	/usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"
	awk -F': ' '/Elapsed \(wall clock\)/ {w = $2} /Maximum resident/ {m = int($2 / 1024)} END {print w " wall, " m " MB peak"}' "$work/time.txt"
}
echo "backup file: $(du -m "$work/backups/$name" | cut -f1) MB"
echo "restore: $(measure "$work/infocentre" restore --from "$work/backups/$name" --db "$work/restored.duckdb")"
echo "verify: $(measure "$work/infocentre" verify --db "$work/backups/$name")"

# Shell functions of the bench-*.sh scripts, sourced by them; $bench names
# the script in its messages.

# measure OUT CMD...: runs CMD under /usr/bin/time -v, prints "seconds peak_MB".
measure() {
	out=$1
	shift
	/usr/bin/time -v -o "$out.time" "$@" >"$out.log" 2>&1 || { echo "$bench: $* failed:" >&2; cat "$out.log" "$out.time" >&2; exit 1; }
	awk '/Elapsed \(wall clock\)/ {n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; secs = s}
	     /Maximum resident set size/ {mb = $NF / 1024}
	     END {printf "%.3f %.0f\n", secs, mb}' "$out.time"
}

# median: the median of the numbers on standard input, one a line.
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

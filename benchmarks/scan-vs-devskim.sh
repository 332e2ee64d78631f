#!/usr/bin/env bash
# netsmart-migrate scan against DevSkim's regex scan on the same tree (issue #14, CLI targets). Not run in CI.
#
#   benchmarks/scan-vs-devskim.sh <tree> <netsmart-migrate> <devskim> <devskim-rules.json> [runs]
#
# <netsmart-migrate>: the ReadyToRun build, e.g. from
#   dotnet publish src/Netsmart.Migrate -c Release -r linux-x64 -p:PublishReadyToRun=true -o out/nm
# <devskim>: DevSkim 1.0.100 (dotnet tool install microsoft.cst.devskim.cli --version 1.0.100 --tool-path out/ds).
#
# Runs A (netsmart-migrate scan --format json) and B (devskim analyze) alternately, one warm-up pair and then [runs]
# pairs (default 7), each under /usr/bin/time -v, and prints every pair, the medians of the per-pair ratios A/B of wall
# time and peak memory (maximum resident set size), and each target as [met] or [MISSED]:
#   wall time  A/B <= 1.0   (no slower than DevSkim)
#   memory     A/B <= 2.0   (no more than twice DevSkim's)
set -euo pipefail

if [ $# -lt 4 ]; then
  sed -n '2,15p' "$0"
  exit 2
fi

tree=$1 nm=$2 ds=$3 rules=$4 runs=${5:-7}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() { # command... -> "wall_seconds peak_kib"
  /usr/bin/time -v -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { rss = $2 }
              END { printf "%.3f %d\n", wall, rss }' "$out/time"
}

run_a() { measure "$nm" scan "$tree" --format json --output "$out/nm.json"; }
run_b() { measure "$ds" analyze -I "$tree" -O "$out/ds.sarif" -r "$rules" --ignore-default-rules \
            --ignore-globs '**/bin/**,**/obj/**,**/.git/**'; }

echo "tree: $tree"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
run_a >/dev/null; run_b >/dev/null   # warm-up pair (file cache, tool start-up)
printf '%-5s %10s %10s %10s %10s %8s %8s\n' pair "A wall s" "B wall s" "A peak MB" "B peak MB" "wall A/B" "mem A/B"
: >"$out/ratios"
for i in $(seq 1 "$runs"); do
  read -r aw ar < <(run_a)
  read -r bw br < <(run_b)
  awk -v i="$i" -v aw="$aw" -v bw="$bw" -v ar="$ar" -v br="$br" 'BEGIN {
    printf "%-5d %10.2f %10.2f %10.1f %10.1f %8.2f %8.2f\n", i, aw, bw, ar / 1024, br / 1024, aw / bw, ar / br }'
  awk -v aw="$aw" -v bw="$bw" -v ar="$ar" -v br="$br" 'BEGIN { printf "%f %f\n", aw / bw, ar / br }' >>"$out/ratios"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wall=$(cut -d' ' -f1 "$out/ratios" | median)
mem=$(cut -d' ' -f2 "$out/ratios" | median)
verdict() { awk -v r="$1" -v limit="$2" 'BEGIN { print (r <= limit) ? "[met]" : "[MISSED]" }'; }
printf 'median wall time A/B %.2f  %s  target: no slower than DevSkim (<= 1.00)\n' "$wall" "$(verdict "$wall" 1.0)"
printf 'median peak memory A/B %.2f  %s  target: no more than twice DevSkim'"'"'s (<= 2.00)\n' "$mem" "$(verdict "$mem" 2.0)"

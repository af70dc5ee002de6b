#!/usr/bin/env bash
# A/B of two docker-debug builds on the local engine, runs alternating (A, B, A, B, ...) so that
# both see the same load: wall time, CPU time and peak RSS (GNU time), medians over RUNS runs of
# `--version`, a one-off session and a `--keep` reuse. Prints a markdown table.
#
#   bash bench/ab.sh OLD/bin/docker-debug NEW/bin/docker-debug
#   RUNS=15 bash bench/ab.sh A B
#
# It starts one target from docker-debug-test/target:latest and removes it and its sidecars at
# the end. Nothing else on the engine is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

A=${1:?usage: bench/ab.sh A_LAUNCHER B_LAUNCHER}
B=${2:?usage: bench/ab.sh A_LAUNCHER B_LAUNCHER}
RUNS=${RUNS:-9}
TOOLBOX=${TOOLBOX:-docker-debug-test/toolbox:latest}
TARGET_IMAGE=${TARGET_IMAGE:-docker-debug-test/target:latest}

die() { printf 'ab: %s\n' "$*" >&2; exit 1; }
{ [ -x "$A" ] && [ -x "$B" ]; } || die "both launchers must be executable"
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers: run scripts/test-engine.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/docker-debug-ab.XXXXXX")
target=$(docker run -d --label io.docker-debug.test=ab "$TARGET_IMAGE" sleep 1000000)
cleanup() {
  # Sidecars (kept ones too) go with their target; remove them at once anyway.
  docker ps -aq --filter "label=io.docker-debug.target=$target" 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker rm -f "$target" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# $1 case name, $2 A or B, rest: the command. Appends "wall cpu rss_kib" to $work/CASE.AB.
measure() {
  local name=$1 side=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 </dev/null || die "$name ($side) failed: $*"
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$work/t" >>"$work/$name.$side"
}

run_case() {
  local name=$1; shift
  for dd in "$A" "$B"; do "$dd" "$@" >/dev/null 2>&1 </dev/null || true; done   # warm-up
  for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) -eq 1 ]; then
      measure "$name" A "$A" "$@"; measure "$name" B "$B" "$@"
    else
      measure "$name" B "$B" "$@"; measure "$name" A "$A" "$@"
    fi
  done
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v c="$2" '{ print $c }' "$1" | median; }

run_case version --version
run_case one-off -i "$TOOLBOX" "$target" true
# The first --keep run of each build makes its sidecar (the warm-up); the timed runs reuse it.
run_case keep-reuse --keep -i "$TOOLBOX" "$target" true

printf '| case | A wall s | B wall s | B/A | A CPU s | B CPU s | A RSS MiB | B RSS MiB |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for name in version one-off keep-reuse; do
  aw=$(col "$work/$name.A" 1); bw=$(col "$work/$name.B" 1)
  ac=$(col "$work/$name.A" 2); bc=$(col "$work/$name.B" 2)
  ar=$(col "$work/$name.A" 3); br=$(col "$work/$name.B" 3)
  awk -v n="$name" -v aw="$aw" -v bw="$bw" -v ac="$ac" -v bc="$bc" -v ar="$ar" -v br="$br" 'BEGIN {
    printf "| %s | %.3f | %.3f | %.2f | %.3f | %.3f | %.1f | %.1f |\n", n, aw, bw, bw / aw, ac, bc, ar / 1024, br / 1024 }'
done
printf '\n%s runs each, alternating; load average at the end: %s\n' "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"

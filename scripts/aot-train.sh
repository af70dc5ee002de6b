#!/usr/bin/env bash
# Writes the JDK 25 AOT cache (JEP 483/514/515) of a laid-out docker-debug (the directory with
# bin/, lib/, runtime/): one training JVM runs --help, --version and sessions, and the cache
# keeps what they loaded, linked and profiled. Called by the build (pom.xml, package phase).
#
# Only on an engine named explicitly in DOCKER_DEBUG_TRAIN_HOST (.ci/run names the one
# scripts/test-engine.sh started), never the default socket or DOCKER_HOST by chance: the
# sessions are real (a target of its own, one-off commands with and without a TTY, removed at
# the end) and every session sweeps stale sidecars of the engine it uses. Without it, or when
# the local test images are missing there, the sessions stop at the failed connect, which still
# covers option parsing, planning, Jackson and the transport.
set -uo pipefail
dist=$(cd "${1:?usage: aot-train.sh DIST_DIR}" && pwd -P)
java=$dist/runtime/bin/java
cache=$dist/lib/docker-debug.aot
toolbox=docker-debug-test/toolbox:latest
target_image=docker-debug-test/target:latest
rm -f "$cache"

target=''
train_host=${DOCKER_DEBUG_TRAIN_HOST:-}
cleanup() {
  if [ -n "$target" ]; then
    ids=$(docker -H "$train_host" ps -aq --filter "label=io.docker-debug.target=$target" 2>/dev/null)
    [ -z "$ids" ] || docker -H "$train_host" rm -f $ids >/dev/null 2>&1
    docker -H "$train_host" rm -f "$target" >/dev/null 2>&1
  fi
}
trap cleanup EXIT

# Every path a user takes: help and version, what a shell runs at start-up (completion scripts),
# a subcommand's help, then (with an engine) sessions, -c, -t, --keep and its reuse, ps, info, rm.
base=(--help ';;' --version ';;' -h ';;' ps --help ';;' completion bash ';;' completion zsh ';;' completion fish)
runs=("${base[@]}")
if [ -n "$train_host" ] && [ -z "${DOCKER_DEBUG_AOT_NO_ENGINE:-}" ] && command -v docker >/dev/null 2>&1 &&
  docker -H "$train_host" image inspect "$toolbox" "$target_image" >/dev/null 2>&1 &&
  target=$(docker -H "$train_host" run -d --label io.docker-debug.training=true "$target_image" 2>/dev/null); then
  echo "aot-train: training on $train_host (target ${target:0:12})" >&2
  h=(-H "$train_host")
  runs+=(';;' "${h[@]}" -i "$toolbox" "$target" true
    ';;' "${h[@]}" -i "$toolbox" -c 'echo out; echo err >&2; exit 3' "$target"
    ';;' "${h[@]}" -t -i "$toolbox" "$target" sh -c 'head -c 1048576 /dev/zero'
    ';;' "${h[@]}" -i "$toolbox" "$target" no-such-command
    ';;' "${h[@]}" --keep -i "$toolbox" "$target" true
    ';;' "${h[@]}" --keep -i "$toolbox" "$target" true
    ';;' "${h[@]}" ps
    ';;' "${h[@]}" ps -q
    ';;' "${h[@]}" info
    ';;' "${h[@]}" rm --all --target "$target")
else
  target=''
  echo "aot-train: no DOCKER_DEBUG_TRAIN_HOST, or no test images there: training without an engine" >&2
  runs+=(';;' -H unix:///nonexistent/docker-debug-training.sock -i training training-target true)
fi

# The launcher's JVM flags (src/dist/bin/docker-debug): the cache is only used with the same GC and heap layout.
train() {
  (cd "$dist" && timeout 300 "$java" -XX:AOTCacheOutput=lib/docker-debug.aot -Xlog:aot=off -Xlog:cds=off \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED \
    -cp lib/docker-debug.jar io.dockerdebug.cli.AotTraining "$@" </dev/null >/dev/null)
}
train "${runs[@]}"
if [ ! -f "$cache" ] && [ -n "$target" ]; then
  echo "aot-train: the training on the engine wrote no cache: training without an engine" >&2
  train "${base[@]}" ';;' -H unix:///nonexistent/docker-debug-training.sock -i training training-target true
fi
[ -f "$cache" ] || { echo "aot-train: the AOT cache was not written" >&2; exit 1; }

#!/usr/bin/env bash
# A shell next to a demo container, from a clone, with no other set-up: where no engine answers,
# installs docker.io and busybox-static as needed and starts dockerd (root, Debian/Ubuntu); starts
# the demo target docker-debug-demo where it does not run (scripts/engine-lib.sh, shared with
# scripts/test-engine.sh); builds the launcher with scripts/build.sh where it is not built; then
# runs it on the demo target. The toolbox is docker-debug-test/toolbox, built here from Debian's
# static busybox (no registry needed), unless the options name one with -i.
#   demo.sh [OPTIONS]     docker-debug's options (before the container)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'demo: %s\n' "$*" >&2; }
# shellcheck source=scripts/engine-lib.sh
. scripts/engine-lib.sh

# Debian/Ubuntu packages, installed as root where their program is missing.
need() {
  local program=$1 package=$2
  [ -x "$program" ] || command -v "$program" >/dev/null 2>&1 && return
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "$program is missing: install $package (or run this as root on Debian/Ubuntu)"
    exit 1
  fi
  log "installing $package"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
}

if ! engine_up; then
  if [ -n "${DOCKER_HOST:-}" ]; then
    log "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST"
    exit 1
  fi
  need dockerd docker.io
  [ "$(id -u)" = 0 ] || { log "no Docker engine answers; run this as root to start dockerd"; exit 1; }
  start_dockerd
fi
if ! docker image inspect docker-debug-test/toolbox:latest docker-debug-test/target:latest >/dev/null 2>&1; then
  need /bin/busybox busybox-static
fi
start_demo_target

launcher=target/docker-debug/bin/docker-debug
if [ ! -x "$launcher" ]; then
  jdk=${DOCKER_DEBUG_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
  [ -x "$jdk/bin/java" ] || { log "no JDK 25 at $jdk: set DOCKER_DEBUG_JDK to one"; exit 1; }
  command -v mvn >/dev/null 2>&1 || { log "mvn is missing: install maven"; exit 1; }
  log "building the launcher (scripts/build.sh)"
  bash scripts/build.sh
fi

image=(-i docker-debug-test/toolbox:latest)
for a in "$@"; do
  case $a in
    -i | --image | --image=* | -i?*) image=() ;;
  esac
done
exec "$launcher" "${image[@]}" "$@" docker-debug-demo

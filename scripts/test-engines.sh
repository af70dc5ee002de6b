#!/usr/bin/env bash
# The extra engines the integration suite also runs on, beside the shared default one
# (Debian 12's docker.io 20.10, overlay2, from scripts/test-engine.sh):
#   d26      Debian 13's dockerd 26.1, overlay2
#   d26snap  Debian 13's dockerd 26.1 with the containerd snapshotter (GraphDriver.Data is null)
#   d20vfs   Debian 12's dockerd 20.10 with --storage-driver vfs
# Debian 13's dockerd comes from `apt-get download docker.io` with trixie sources kept apart
# from the system's (/var/lib/dde/apt; the mirror is the one of the system's own apt sources),
# unpacked with dpkg -x into /opt/dde/docker-26; it runs with Debian 12's containerd and runc.
# Each engine gets every docker-debug-test/* image of the shared engine. Idempotent. Prints
# nothing on stdout.
#   test-engines.sh          start all (after scripts/test-engine.sh)
#   test-engines.sh stop     stop all and delete their data
set -euo pipefail
cd "$(dirname "$0")"

log() { printf 'test-engines: %s\n' "$*" >&2; }
# shellcheck source=scripts/engine-lib.sh
. ./engine-lib.sh
ENGINES=(d26 d26snap d20vfs)

if [ "${1:-}" = stop ]; then
  for e in "${ENGINES[@]}"; do bash extra-dockerd.sh stop "$e"; done
  exit 0
fi

D26=/opt/dde/docker-26
if [ ! -x "$D26/usr/sbin/dockerd" ]; then
  apt=/var/lib/dde/apt
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/deb"
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || { log "no Debian mirror in this system's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/): Debian 13's docker.io is downloaded from it"; exit 1; }
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$apt/sources.list"
  opts=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt/lists"
        -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  log "downloading Debian 13's docker.io"
  apt-get "${opts[@]}" update -qq
  (cd "$apt/deb" && rm -f docker.io_*.deb && apt-get "${opts[@]}" download -qq docker.io)
  rm -rf "$D26.tmp" && mkdir -p "$D26.tmp"
  dpkg -x "$apt"/deb/docker.io_*.deb "$D26.tmp"
  rm -rf "$D26" && mv "$D26.tmp" "$D26"
fi
log "$("$D26/usr/sbin/dockerd" --version)"

bash extra-dockerd.sh start d26 26 --storage-driver overlay2
DDE_DAEMON_JSON='{"features":{"containerd-snapshotter":true}}' bash extra-dockerd.sh start d26snap 26
bash extra-dockerd.sh start d20vfs 20 --storage-driver vfs
for e in "${ENGINES[@]}"; do
  h=$(bash extra-dockerd.sh host "$e")
  log "$e: $(DOCKER_HOST=$h docker version --format '{{.Server.Version}}') $(DOCKER_HOST=$h docker info --format '{{.Driver}} {{.DriverStatus}}') at $h"
done

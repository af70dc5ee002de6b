#!/usr/bin/env bash
# Podman as the fifth engine of the integration suite, through its Docker-compatible API:
#   Debian 12's podman 4.3 (rootful) + catatonit, `podman system service` on
#   unix:///run/dde/podman/podman.sock, every docker-debug-test/* image of the shared engine
#   loaded with `docker save | podman load` (tagged with the same names as on docker).
# containers.conf sets default_ulimits that fit under the machine's hard limits (podman's own
# default of 1048576 open files is refused where the hard limit is lower).
# Idempotent, safe when two run at once (flock). Prints nothing on stdout.
#   test-podman.sh          install, start, load images
#   test-podman.sh stop     stop the service (images and containers stay in podman's storage)
#   test-podman.sh host     print its DOCKER_HOST
set -euo pipefail

RUN=/run/dde/podman
SOCK=$RUN/podman.sock
HOST=unix://$SOCK

log() { printf 'test-podman: %s\n' "$*" >&2; }

case ${1:-start} in
  host) echo "$HOST"; exit 0 ;;
  stop)
    if [ -f "$RUN/pid" ] && kill -0 "$(cat "$RUN/pid")" 2>/dev/null; then kill -TERM "$(cat "$RUN/pid")"; fi
    rm -f "$RUN/pid"; exit 0 ;;
  start) ;;
  *) log "usage: $0 [start|stop|host]"; exit 2 ;;
esac

mkdir -p "$RUN"
exec 9>"$RUN/lock"
flock 9

if ! command -v podman >/dev/null 2>&1 || ! command -v catatonit >/dev/null 2>&1; then
  log "installing podman catatonit"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman catatonit crun runc conmon netavark aardvark-dns \
    containernetworking-plugins slirp4netns uidmap fuse-overlayfs >/dev/null
fi

# The limits fit under the machine's hard limits (podman's default of 1048576 open files is
# refused where the hard limit is lower); runc, as docker uses: crun refuses hybrid cgroups.
conf=/etc/containers/containers.conf
want='[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"'
restart=no
if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
  mkdir -p /etc/containers
  printf '%s\n' "$want" >"$conf.tmp" && mv "$conf.tmp" "$conf"
  restart=yes
fi

answers() { curl -fsS --max-time 5 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; }
if [ $restart = yes ] && [ -f "$RUN/pid" ] && kill -0 "$(cat "$RUN/pid")" 2>/dev/null; then
  kill -TERM "$(cat "$RUN/pid")"
  for _ in $(seq 1 40); do kill -0 "$(cat "$RUN/pid")" 2>/dev/null || break; sleep 0.25; done
fi
if ! { [ -f "$RUN/pid" ] && kill -0 "$(cat "$RUN/pid")" 2>/dev/null && answers; }; then
  log "starting podman system service on $HOST"
  rm -f "$SOCK"
  # setsid: the service outlives this script and the test JVM that may have called it.
  setsid podman system service --time=0 "$HOST" </dev/null >>"$RUN/service.log" 2>&1 9>&- &
  echo $! >"$RUN/pid"
  for _ in $(seq 1 240); do
    answers && break
    sleep 0.25
  done
  answers || { tail -20 "$RUN/service.log" >&2; log "podman did not answer"; exit 1; }
fi

# Every docker-debug-test/* image of the shared engine, copied when missing or rebuilt since.
missing=() ids=()
for img in $(DOCKER_HOST=unix:///var/run/docker.sock docker images --format '{{.Repository}}:{{.Tag}}' 'docker-debug-test/*' | grep -v '<none>'); do
  id=$(DOCKER_HOST=unix:///var/run/docker.sock docker image inspect -f '{{.Id}}' "$img")
  if [ "$(cat "$RUN/image-${img//[\/:]/_}" 2>/dev/null)" != "$id" ] || ! podman image exists "$img"; then
    missing+=("$img"); ids+=("$id")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "loading ${missing[*]}"
  DOCKER_HOST=unix:///var/run/docker.sock docker save "${missing[@]}" | podman load -q >/dev/null
  for i in "${!missing[@]}"; do
    # podman load names them localhost/docker-debug-test/...: a short name finds them.
    echo "${ids[$i]}" >"$RUN/image-${missing[$i]//[\/:]/_}"
  done
fi
log "podman $(podman version --format '{{.Server.Version}}' 2>/dev/null || podman --version) at $HOST"

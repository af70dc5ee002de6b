#!/usr/bin/env bash
# An extra dockerd beside the shared one, with everything of its own: --data-root, --exec-root,
# --pidfile, unix socket, and a bridge (never --bridge none: that made a second daemon delete
# the first one's docker0). It uses Debian 12's containerd and runc; VERSION 20 is Debian 12's
# dockerd, VERSION 26 is Debian 13's (downloaded and unpacked by scripts/test-engines.sh).
#
#   extra-dockerd.sh start NAME VERSION [DOCKERD FLAGS...]   start (idempotent), load test images
#   extra-dockerd.sh restart NAME                              stop, then start with the same flags
#   extra-dockerd.sh stop NAME                                 stop and delete everything of NAME
#   extra-dockerd.sh host NAME                                 print its DOCKER_HOST
#
# NAME: up to 8 of [a-z0-9]. State: /run/dde/NAME, data: /var/lib/dde/NAME.
set -euo pipefail

D26=/opt/dde/docker-26

log() { printf 'extra-dockerd: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

cmd=${1:-}; name=${2:-}
[ -n "$cmd" ] && [ -n "$name" ] || die "usage: $0 start|restart|stop|host NAME [VERSION FLAGS...]"
[[ $name =~ ^[a-z0-9]{1,8}$ ]] || die "NAME must be 1-8 of [a-z0-9]: $name"
run=/run/dde/$name
data=/var/lib/dde/$name
sock=$run/docker.sock
bridge=ddx-$name
host="unix://$sock"

running() { [ -f "$run/pid" ] && kill -0 "$(cat "$run/pid")" 2>/dev/null; }
answers() { DOCKER_HOST=$host docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# A /24 in 10.214.0.0/16 that no interface uses yet, kept for NAME.
pick_subnet() {
  if [ -f "$run/subnet" ]; then cat "$run/subnet"; return; fi
  local used; used=$(ip -4 -o addr show | awk '{print $4}')
  for i in $(seq 1 250); do
    if ! grep -q "^10\.214\.$i\." <<<"$used"; then echo "10.214.$i"; return; fi
  done
  die "no free subnet in 10.214.0.0/16"
}

make_bridge() {
  local net; net=$(pick_subnet); echo "$net" >"$run/subnet"
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "$net.1/24" dev "$bridge"
  fi
  ip link set "$bridge" up
}

# Every local test image of the shared engine (docker-debug-test/*), copied when missing or rebuilt
# since (the shared engine's image id is noted per image: the containerd store has other ids).
load_images() {
  local missing=() ids=() img id
  mkdir -p "$run/images"
  for img in $(DOCKER_HOST=unix:///var/run/docker.sock docker images --format '{{.Repository}}:{{.Tag}}' 'docker-debug-test/*' | grep -v '<none>'); do
    id=$(DOCKER_HOST=unix:///var/run/docker.sock docker image inspect -f '{{.Id}}' "$img")
    if [ "$(cat "$run/images/${img//[\/:]/_}" 2>/dev/null)" != "$id" ] \
      || ! DOCKER_HOST=$host docker image inspect "$img" >/dev/null 2>&1; then
      missing+=("$img"); ids+=("$id")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "$name: loading ${missing[*]}"
    DOCKER_HOST=unix:///var/run/docker.sock docker save "${missing[@]}" | DOCKER_HOST=$host docker load -q >/dev/null
    for i in "${!missing[@]}"; do echo "${ids[$i]}" >"$run/images/${missing[$i]//[\/:]/_}"; done
  fi
}

start() {
  if running && answers; then load_images; return; fi
  mkdir -p "$run" "$data"
  make_bridge
  local dockerd=/usr/sbin/dockerd path=$PATH
  case $version in
    20) ;;
    26) dockerd=$D26/usr/sbin/dockerd; path=$D26/usr/sbin:$D26/usr/bin:$PATH
        [ -x "$dockerd" ] || die "$dockerd missing: run scripts/test-engines.sh" ;;
    *) die "VERSION must be 20 or 26: $version" ;;
  esac
  # DDE_DAEMON_JSON: the daemon's config file (e.g. features), kept for restarts.
  if [ -n "${DDE_DAEMON_JSON:-}" ]; then echo "$DDE_DAEMON_JSON" >"$run/daemon.json"; fi
  [ -f "$run/daemon.json" ] || echo '{}' >"$run/daemon.json"
  log "$name: starting dockerd $version ${flags[*]}"
  # setsid: the daemon outlives the script and the test JVM that may have called it.
  PATH=$path setsid "$dockerd" --host "$host" --data-root "$data" --exec-root "$run/exec" \
    --pidfile "$run/pid" --config-file "$run/daemon.json" --bridge "$bridge" --iptables=false \
    --ip-masq=false "${flags[@]}" </dev/null >>"$run/dockerd.log" 2>&1 &
  for _ in $(seq 1 240); do
    answers && break
    sleep 0.25
  done
  answers || { tail -20 "$run/dockerd.log" >&2; die "$name: dockerd did not answer"; }
  load_images
}

stop_daemon() {
  if running; then
    local pid; pid=$(cat "$run/pid")
    kill -TERM "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$run/pid"
}

case $cmd in
  start)
    version=${3:-}; shift 3 || die "start needs VERSION"
    flags=("$@")
    mkdir -p "$run"
    printf '%s\n' "$version" "${flags[@]}" >"$run/args"
    start ;;
  restart)
    [ -f "$run/args" ] || die "$name was never started"
    mapfile -t args <"$run/args"
    version=${args[0]}; flags=("${args[@]:1}")
    stop_daemon
    start ;;
  stop)
    stop_daemon
    # The managed containerd's mounts and the data root go with the daemon.
    { grep -o " ${data}[^ ]*\| ${run}[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
    ip link del "$bridge" 2>/dev/null || true
    rm -rf "$run" "$data" ;;
  host) echo "$host" ;;
  *) die "unknown command $cmd" ;;
esac

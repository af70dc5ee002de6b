# shellcheck shell=bash
# What scripts/test-engine.sh, scripts/test-engines.sh and scripts/demo.sh share: an engine that
# answers, busybox images built with no registry, the demo target, the system's Debian mirror.
# Sourced; the caller defines log().

# The engine the docker CLI talks to (DOCKER_HOST, else the default socket) answers.
engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Starts dockerd on the default socket when no engine answers (root; containerd is started by
# dockerd itself when no system containerd runs).
start_dockerd() {
  engine_up && return
  log "starting dockerd"
  nohup dockerd --host unix:///var/run/docker.sock >/var/log/docker-debug-test-dockerd.log 2>&1 &
  for _ in $(seq 1 120); do
    engine_up && break
    sleep 0.5
  done
  engine_up || { log "dockerd did not answer; see /var/log/docker-debug-test-dockerd.log"; exit 1; }
}

# A rootfs of Debian's static busybox with every applet linked, imported as an image.
# $1 image name, $2 extra setup function, remaining: docker import -c changes
build_busybox_image() {
  local name=$1 setup=$2; shift 2
  if docker image inspect "$name" >/dev/null 2>&1; then return; fi
  log "building $name"
  local root; root=$(mktemp -d)
  mkdir -p "$root"/{bin,etc,tmp,root,proc,sys,dev}
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  "$setup" "$root"
  local changes=(-c 'ENV PATH=/bin')
  for c in "$@"; do changes+=(-c "$c"); done
  tar -C "$root" -c . | docker import "${changes[@]}" - "$name" >/dev/null
  rm -rf "$root"
}

toolbox_setup() { echo toolbox >"$1/etc/docker-debug-toolbox"; }
target_setup() {
  echo "hello from the target" >"$1/etc/target-marker"
  mkdir -p "$1/data"
}

# The toolbox and the target image, then the demo target docker-debug-demo running.
start_demo_target() {
  build_busybox_image docker-debug-test/toolbox:latest toolbox_setup 'CMD ["sh"]'
  build_busybox_image docker-debug-test/target:latest target_setup 'CMD ["sleep","1000000"]'
  if [ "$(docker inspect -f '{{.State.Running}}' docker-debug-demo 2>/dev/null)" != true ]; then
    docker rm -f docker-debug-demo >/dev/null 2>&1 || true
    docker run -d --name docker-debug-demo docker-debug-test/target:latest >/dev/null
  fi
}

# The URI of the Debian archive in the system's own apt sources: the first enabled `deb` entry
# for the system's own release (VERSION_CODENAME), in one-line (.list) or deb822 (.sources) form.
# Prints nothing when there is none (not Debian, or no such entry). $1: the etc directory (/etc).
debian_mirror() {
  local etc=${1:-/etc} codename f
  codename=$(. "$etc/os-release" 2>/dev/null && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}") || return 0
  [ -n "$codename" ] || return 0
  {
    for f in "$etc/apt/sources.list" "$etc"/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      # deb [options] URI SUITE COMPONENT...
      sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk -v s="$codename" '$1 == "deb" && $3 == s { print $2 }'
    done
    for f in "$etc"/apt/sources.list.d/*.sources; do
      [ -f "$f" ] || continue
      # Stanzas of "Field: value" lines, separated by blank lines.
      sed -e '/^[[:space:]]*#/d' "$f" | awk -v s="$codename" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " s " ") && tolower(enabled) != "no") {
            split(uris, u, " "); print u[1]
          }
          types = ""; uris = ""; suites = ""; enabled = ""
        }
        /^[ \t]*$/ { flush(); next }
        { line = $0; field = tolower(line); sub(/:.*/, "", field); sub(/^[^:]*:[ \t]*/, "", line); sub(/[ \t]+$/, "", line) }
        field == "types" { types = line } field == "uris" { uris = line }
        field == "suites" { suites = line } field == "enabled" { enabled = line }
        END { flush() }'
    done
  } | awk 'NR == 1'
}

#!/usr/bin/env bash
# Provides everything the test suite needs on Debian, as root, with no registry:
# docker.io, busybox-static, tmux, fish and zsh installed; dockerd answering; the local test images built.
# Idempotent: a second run only checks.
set -euo pipefail

log() { printf 'test-engine: %s\n' "$*" >&2; }

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 && dpkg -s busybox-static >/dev/null 2>&1 || need_pkgs+=(busybox-static)
command -v tmux >/dev/null 2>&1 || need_pkgs+=(tmux)
# The shells whose completion scripts the tests load (bash is there already).
command -v fish >/dev/null 2>&1 || need_pkgs+=(fish)
command -v zsh >/dev/null 2>&1 || need_pkgs+=(zsh)
command -v mandb >/dev/null 2>&1 || need_pkgs+=(man-db)      # DebPackageIT: man -w
command -v dpkg-deb >/dev/null 2>&1 || need_pkgs+=(dpkg)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! engine_up; then
  log "starting dockerd"
  # containerd is started by dockerd itself when no system containerd runs.
  nohup dockerd --host unix:///var/run/docker.sock >/var/log/docker-debug-test-dockerd.log 2>&1 &
  for _ in $(seq 1 120); do
    engine_up && break
    sleep 0.5
  done
  engine_up || { log "dockerd did not answer; see /var/log/docker-debug-test-dockerd.log"; exit 1; }
fi
log "engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

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
# FROM scratch in spirit: one static binary, no shell, no /bin.
scratch_setup() {
  local root=$1
  rm -rf "$root"/bin/* "$root/etc/passwd" "$root/etc/group"
  rmdir "$root/bin"
  # busybox runs the applet named by argv[1] only when started under its own name.
  cp /bin/busybox "$root/busybox"
  echo "scratch target" >"$root/marker"
}

# A target for --user: a root directory others may enter (mktemp's is 0700, which vfs keeps) and a user 1000.
user_setup() {
  target_setup "$1"
  chmod 755 "$1"
  echo 'app:x:1000:1000:app:/tmp:/bin/sh' >>"$1/etc/passwd"
  echo 'app:x:1000:' >>"$1/etc/group"
}
# A target that makes a System V shared memory segment (busybox has no ipcmk): util-linux's, with its libraries.
ipc_setup() {
  target_setup "$1"
  local f
  for f in /usr/bin/ipcmk $(ldd /usr/bin/ipcmk | grep -o '/[^ ]*'); do cp --parents -L "$f" "$1"; done
}
build_busybox_image docker-debug-test/toolbox:latest toolbox_setup 'CMD ["sh"]'
build_busybox_image docker-debug-test/ipc:latest ipc_setup 'CMD ["sleep","1000000"]'
build_busybox_image docker-debug-test/user:latest user_setup 'CMD ["sleep","1000000"]'
build_busybox_image docker-debug-test/target:latest target_setup 'CMD ["sleep","1000000"]'
build_busybox_image docker-debug-test/noshell:latest scratch_setup 'ENTRYPOINT ["/busybox","sleep"]' 'CMD ["1000000"]'
# An image of another platform (arm64) for the image-target tests: the busybox rootfs with its config's
# architecture rewritten (docker import --platform needs an experimental engine).
if ! docker image inspect docker-debug-test/arm64:latest >/dev/null 2>&1; then
  log "building docker-debug-test/arm64:latest"
  arm=$(mktemp -d)
  docker save docker-debug-test/noshell:latest | tar -C "$arm" -x
  sed -i 's/"architecture":"amd64"/"architecture":"arm64"/' "$arm"/*.json
  sed -i 's|docker-debug-test/noshell|docker-debug-test/arm64|g' "$arm/manifest.json" "$arm/repositories"
  tar -C "$arm" -c . | docker load >/dev/null
  rm -rf "$arm"
fi
# A target to try the tool on by hand (the README's first command).
if [ "$(docker inspect -f '{{.State.Running}}' docker-debug-demo 2>/dev/null)" != true ]; then
  docker rm -f docker-debug-demo >/dev/null 2>&1 || true
  docker run -d --name docker-debug-demo docker-debug-test/target:latest >/dev/null
fi
# TLS/plain-TCP second engine, sshd and a registry for the engine-resolution tests.
bash "$(dirname "$0")/test-servers.sh"
# The extra engines the suite also runs on (dockerd 26.1 overlay2 and containerd snapshotter, vfs).
bash "$(dirname "$0")/test-engines.sh"
# Podman 4.3 through its Docker API, the fifth engine.
bash "$(dirname "$0")/test-podman.sh"
# Chromium and its driver for the web page's browser tests.
bash "$(dirname "$0")/test-browser.sh"
log "ready"

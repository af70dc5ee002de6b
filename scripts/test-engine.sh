#!/usr/bin/env bash
# Provides everything the test suite needs on Debian, as root, with no registry:
# docker.io, busybox-static, tmux, fish, zsh and shellcheck installed; dockerd answering; the local test images built.
# Idempotent: a second run only checks.
set -euo pipefail

log() { printf 'test-engine: %s\n' "$*" >&2; }
# shellcheck source=scripts/engine-lib.sh
. "$(dirname "$0")/engine-lib.sh"

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 && dpkg -s busybox-static >/dev/null 2>&1 || need_pkgs+=(busybox-static)
command -v tmux >/dev/null 2>&1 || need_pkgs+=(tmux)
# The shells whose completion scripts the tests load (bash is there already).
command -v fish >/dev/null 2>&1 || need_pkgs+=(fish)
command -v zsh >/dev/null 2>&1 || need_pkgs+=(zsh)
command -v mandb >/dev/null 2>&1 || need_pkgs+=(man-db)      # DebPackageIT: man -w
command -v dpkg-deb >/dev/null 2>&1 || need_pkgs+=(dpkg)
# The redis target (its server and client from Debian's redis-tools) and the port-forward benchmark's clients.
command -v redis-benchmark >/dev/null 2>&1 || need_pkgs+=(redis-tools)
# The sidecar's scripts (src/main/resources/io/dockerdebug/debug/*.sh) are checked in the build.
command -v shellcheck >/dev/null 2>&1 || need_pkgs+=(shellcheck)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

start_dockerd
log "engine $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# FROM scratch in spirit: one static binary, no shell, no /bin.
scratch_setup() {
  local root=$1
  rm -rf "${root:?}"/bin/* "$root/etc/passwd" "$root/etc/group"
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
build_busybox_image docker-debug-test/ipc:latest ipc_setup 'CMD ["sleep","1000000"]'
build_busybox_image docker-debug-test/user:latest user_setup 'CMD ["sleep","1000000"]'
build_busybox_image docker-debug-test/noshell:latest scratch_setup 'ENTRYPOINT ["/busybox","sleep"]' 'CMD ["1000000"]'
# A toolbox whose programs are linked dynamically against musl, as alpine's and nicolaka/netshoot's
# are: busybox built from Debian's source with musl-gcc, musl's loader beside it, the applets as
# absolute links (/bin/ls -> /bin/busybox). Its programs do not run where that loader is missing.
build_musl_toolbox() {
  local name=docker-debug-test/musl-toolbox:latest
  if docker image inspect "$name" >/dev/null 2>&1; then return; fi
  log "building $name"
  if ! command -v musl-gcc >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq musl-tools >/dev/null
  fi
  local work; work=$(mktemp -d)
  # Debian's source package, through apt with the system's own mirrors as deb-src entries (lists kept apart).
  mkdir -p "$work/apt/parts" "$work/apt/lists/partial" "$work/src"
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    if [ -f "$f" ]; then sed -n 's/^deb \(.*debian.*\)/deb-src \1/p' "$f" >>"$work/apt/parts/src.list"; fi
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    if [ -f "$f" ] && grep -q '^URIs:.*debian' "$f"; then
      sed 's/^Types: deb$/Types: deb-src/' "$f" >"$work/apt/parts/${f##*/}"
    fi
  done
  local apt=(-qq -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/apt/parts"
    -o Dir::State::Lists="$work/apt/lists")
  apt-get "${apt[@]}" update >/dev/null
  (cd "$work/src" && apt-get "${apt[@]}" source busybox >/dev/null 2>&1)
  local src; src=$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'busybox-*' | head -n 1)
  [ -n "$src" ] || { log "no busybox source"; exit 1; }
  # Only what the tests use: a shell, ls, vi, ps and the programs a session's scripts call.
  make -C "$src" -s allnoconfig >/dev/null
  local o
  for o in BUSYBOX SH_IS_ASH ASH FEATURE_SH_MATH FEATURE_SH_MATH_64 ASH_BASH_COMPAT ASH_EXPAND_PRMT ASH_ECHO ASH_PRINTF ASH_TEST ASH_JOB_CONTROL ASH_CMDCMD ASH_GETOPTS ASH_ALIAS \
      FEATURE_EDITING FEATURE_TAB_COMPLETION LS FEATURE_LS_FILETYPES FEATURE_LS_FOLLOWLINKS \
      FEATURE_LS_RECURSIVE FEATURE_LS_SORTFILES FEATURE_LS_TIMESTAMPS FEATURE_LS_USERNAME \
      CAT ECHO PRINTF TEST TRUE FALSE PWD ENV ID KILL SLEEP MKDIR MKTEMP RM RMDIR CHMOD LN CP MV TOUCH \
      READLINK FEATURE_READLINK_FOLLOW REALPATH CHROOT HEAD TAIL WC SED GREP TR UNAME \
      VI FEATURE_VI_COLON FEATURE_VI_YANKMARK FEATURE_VI_SEARCH FEATURE_VI_USE_SIGNALS \
      FEATURE_VI_DOT_CMD FEATURE_VI_READONLY FEATURE_VI_SETOPTS FEATURE_VI_SET FEATURE_VI_WIN_RESIZE \
      FEATURE_VI_ASK_TERMINAL PS FEATURE_PS_WIDE LONG_OPTS; do
    sed -i "s/^# CONFIG_$o is not set\$/CONFIG_$o=y/" "$src/.config"
  done
  # The options these depend on, at their defaults (yes ends on SIGPIPE: not a failure).
  { yes '' || true; } | make -C "$src" -s oldconfig >/dev/null 2>&1
  make -C "$src" -s -j"$(nproc)" CC=musl-gcc busybox >/dev/null
  local root=$work/root loader
  loader=$(ls /lib/ld-musl-*.so.1 2>/dev/null | head -n 1)
  [ -n "$loader" ] || { log "no musl loader"; exit 1; }
  mkdir -p "$root"/{bin,etc,tmp,root,proc,sys,dev,lib}
  cp "$src/busybox" "$root/bin/busybox"
  cp -L "$loader" "$root/lib/${loader##*/}"
  local applet applets
  applets=$("$root/bin/busybox" --list)
  for applet in $applets; do
    [ "$applet" = busybox ] || ln -s /bin/busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  echo musl-toolbox >"$root/etc/docker-debug-toolbox"
  chmod 1777 "$root/tmp"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'CMD ["sh"]' - "$name" >/dev/null
  rm -rf "$work"
}
build_musl_toolbox
# A redis target: Debian's redis server and client with their libraries (redis-check-rdb is the
# server when started under another name), no protected mode (published ports come from outside).
redis_setup() {
  target_setup "$1"
  local f
  for f in /usr/bin/redis-cli $(ldd /usr/bin/redis-check-rdb /usr/bin/redis-cli | grep -o '/[^ :]*' | sort -u); do
    cp --parents -L "$f" "$1"
  done
  cp /usr/bin/redis-check-rdb "$1/usr/bin/redis-server"
}
build_busybox_image docker-debug-test/redis:latest redis_setup \
  'CMD ["/usr/bin/redis-server","--protected-mode","no","--save","","--appendonly","no"]'
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
# The toolbox, the target image and a target to try the tool on by hand (scripts/demo.sh).
start_demo_target
# TLS/plain-TCP second engine, sshd and a registry for the engine-resolution tests.
bash "$(dirname "$0")/test-servers.sh"
# The extra engines the suite also runs on (dockerd 26.1 overlay2 and containerd snapshotter, vfs).
bash "$(dirname "$0")/test-engines.sh"
# Podman 4.3 through its Docker API, the fifth engine.
bash "$(dirname "$0")/test-podman.sh"
# Chromium and its driver for the web page's browser tests.
bash "$(dirname "$0")/test-browser.sh"
log "ready"

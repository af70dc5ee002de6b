#!/usr/bin/env bash
# Builds target/docker-debug_VERSION_ARCH.deb from the laid-out target/docker-debug (called by
# mvn package on Linux, after the archive): the install under /usr/lib/docker-debug, the
# launcher linked as /usr/bin/docker-debug, man pages, and bash, zsh and fish completion
# written by the launcher itself. The bundled runtime needs only the C library.
#
#   scripts/deb.sh DIST_DIR VERSION OUT_DIR
set -euo pipefail
dist=$(cd "${1:?usage: deb.sh DIST_DIR VERSION OUT_DIR}" && pwd -P)
version=${2:?version}
out=${3:?output directory}
root=$(cd "$(dirname "$0")/.." && pwd -P)
command -v dpkg-deb >/dev/null 2>&1 || { echo "deb.sh: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1; }
arch=$(dpkg --print-architecture 2>/dev/null) || case $(uname -m) in
  x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;;
esac
deb_version=${version//-/\~}   # 1.0.0-rc1 sorts before 1.0.0 as 1.0.0~rc1

stage=$(mktemp -d "${TMPDIR:-/tmp}/docker-debug-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
pkg=$stage/pkg
lib=$pkg/usr/lib/docker-debug
mkdir -p "$lib" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/docker-debug" \
  "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
  "$pkg/usr/share/fish/vendor_completions.d" "$pkg/DEBIAN"
# cp -a: the AOT cache checks the jars' modification times.
cp -a "$dist/bin" "$dist/lib" "$dist/runtime" "$lib/"
ln -s ../lib/docker-debug/bin/docker-debug "$pkg/usr/bin/docker-debug"
for page in "$dist"/man/man1/*.1; do
  gzip -9n <"$page" >"$pkg/usr/share/man/man1/$(basename "$page").gz"
done
launcher=$lib/bin/docker-debug
"$launcher" completion bash >"$pkg/usr/share/bash-completion/completions/docker-debug"
"$launcher" completion zsh >"$pkg/usr/share/zsh/vendor-completions/_docker-debug"
"$launcher" completion fish >"$pkg/usr/share/fish/vendor_completions.d/docker-debug.fish"
cp "$root/LICENSE" "$pkg/usr/share/doc/docker-debug/copyright"
chmod -R u=rwX,go=rX "$pkg"

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: docker-debug
Version: $deb_version
Architecture: $arch
Maintainer: docker-debug developers <docker-debug@users.noreply.github.com>
Installed-Size: $size
Depends: libc6
Suggests: openssh-client
Section: admin
Priority: optional
Homepage: https://github.com/zeromake/docker-debug
Description: open a debugging shell inside any running Docker container
 docker-debug starts a sidecar container from a tool image that shares the
 target container's processes, network and file system, and opens a shell in
 it: debugging tools for containers that ship none. Bundles its own Java
 runtime; talks to the Docker engine directly (no docker CLI needed).
CONTROL
mkdir -p "$out"
deb=$out/docker-debug_${deb_version}_${arch}.deb
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
echo "$deb"

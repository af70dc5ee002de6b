#!/usr/bin/env bash
# Copies the pinned front-end libraries (web/package.json + package-lock.json) into the web
# page's folder with their licences and a SHA256SUMS, for committing. Run after changing a
# version; the build itself never touches npm.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=src/main/web/vendor
(cd web && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
rm -rf "$dest"
mkdir -p "$dest"
nm=web/node_modules/@xterm
cp "$nm/xterm/lib/xterm.js" "$dest/xterm.js"
cp "$nm/xterm/css/xterm.css" "$dest/xterm.css"
cp "$nm/xterm/LICENSE" "$dest/LICENSE.xterm"
cp "$nm/addon-fit/lib/addon-fit.js" "$dest/addon-fit.js"
cp "$nm/addon-fit/LICENSE" "$dest/LICENSE.addon-fit"
{
  echo "# @xterm/xterm $(node -p "require('./$nm/xterm/package.json').version"), @xterm/addon-fit $(node -p "require('./$nm/addon-fit/package.json').version") (web/package-lock.json)"
  (cd "$dest" && sha256sum xterm.js xterm.css addon-fit.js LICENSE.xterm LICENSE.addon-fit)
} >"$dest/SHA256SUMS"
rm -rf web/node_modules
echo "web-vendor: copied into $dest"

#!/usr/bin/env bash
# The real browser of the web page's tests (ServeBrowserIT): Debian's chromium, its driver and
# a font, so that screenshots show text. Idempotent; safe when two runs meet (apt's lock is awaited).
set -euo pipefail

log() { printf 'test-browser: %s\n' "$*" >&2; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
log "$(chromium --version 2>/dev/null || echo 'chromium missing')"

#!/bin/sh
# The interactive shell of a rooted session (--chroot), looked up inside the target's root: bash
# if the target or the toolbox has it. Not a login shell: a profile resets PATH.
if command -v bash >/dev/null 2>&1; then
  exec bash
fi
exec sh

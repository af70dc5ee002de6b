#!/bin/sh
# The interactive shell of a session: bash if the toolbox has it, else sh, as a login shell.
if command -v bash >/dev/null 2>&1; then
  exec bash -l
fi
exec sh -l

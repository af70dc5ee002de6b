#!/bin/sh
# relay.sh PORT: one forwarded connection, relayed to PORT on the target's loopback (the sidecar
# shares the target's network namespace) by the toolbox's nc: busybox's when there is one (it
# half-closes on stdin EOF; netshoot and busybox images both have it).
if busybox nc --help >/dev/null 2>&1; then
  exec busybox nc 127.0.0.1 "$1"
fi
exec nc 127.0.0.1 "$1"

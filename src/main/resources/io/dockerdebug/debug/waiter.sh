#!/bin/sh
# The main process of a sidecar kept by --keep: it holds no attach of ours (the client is gone
# between sessions), so it waits until killed; it goes away with its target's pid namespace.
#
# This text is also how a kept sidecar is recognised (OwnSidecars compares the container's
# command), by this version and by every other: it stays one line, byte for byte.
while :; do sleep 3600; done

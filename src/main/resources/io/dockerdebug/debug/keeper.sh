#!/bin/sh
# The sidecar's main process, and its dead-man's switch. It reads the stdin of an attach that the
# client holds until the client's connection ends (even by SIGKILL), then kills every other
# process of its own container, so that nothing an exec started outlives it: Podman never removes
# a container that still has exec sessions, and in a shared pid namespace the engine does not end
# them with the main process. Shell builtins only (a toolbox need not have kill or cat);
# /proc/PID/cgroup is readable for any user, so sessions run with --user are found too. The cgroup
# alone does not tell: rootless Podman on cgroup v1 puts every container in one, target included;
# so a process must also be in the sidecar's mount namespace (the target's never is; a chroot does
# not change it).
#
# This text is also how a sidecar is recognised (OwnSidecars compares the container's command),
# by this version and by every other: it stays one line, byte for byte.
#
# -ef (same file) is not in POSIX test, but busybox ash, dash and bash all have it.
# shellcheck disable=SC3013
while read -r _; do :; done; cg() { r=; while IFS= read -r l; do r="$r$l;"; done <"/proc/$1/cgroup"; }; cg $$; me=$r; for d in /proc/[0-9]*; do p=${d#/proc/}; [ "$p" = $$ ] && continue; cg "$p" 2>/dev/null && [ "$r" = "$me" ] && [ "/proc/$p/ns/mnt" -ef /proc/$$/ns/mnt ] && kill -9 "$p" 2>/dev/null; done; exit 0

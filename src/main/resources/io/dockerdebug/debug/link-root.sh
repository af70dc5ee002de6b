#!/bin/sh
# link-root.sh LINK PID CD COMMAND...: without an overlay MergedDir, or for a target with a tmpfs
# (whose contents exist only in the target's mount namespace), the target's root is reached
# through the shared pid namespace: LINK (the mount dir) becomes a link to /proc/PID/root, PID
# as find_pid reads it. Then COMMAND runs in CD ("" for the exec's own directory).
# getcwd() fails inside another mount namespace's root, so PWD is exported for the shell (ash and
# bash take an exported PWD that names the current directory), and so is a prompt that shows
# $PWD (busybox ash's default "\w" calls getcwd() and shows "(unknown)"; ash always has a PS1,
# so it is set unconditionally; a login shell's profile may set its own).
link=$1; pid=$2; cd=$3; shift 3
find_pid
[ -e "$link" ] || { mkdir -p "${link%/*}" 2>/dev/null; ln -s "/proc/$pid/root" "$link"; }
[ -z "$cd" ] || { cd "$cd" && export PWD="$cd"; }
# $PWD is for the shell to expand at each prompt, not now.
# shellcheck disable=SC2016
export PS1='$PWD \$ '
exec "$@"

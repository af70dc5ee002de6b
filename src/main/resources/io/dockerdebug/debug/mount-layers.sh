#!/bin/sh
# mount-layers.sh DIR LOWER UPPER WORK CD N [INDEX DEST]... COMMAND...: a target that does not
# run (a stopped container, or an image) is seen through its overlay layers, mounted at DIR in
# the sidecar's own mount namespace (CAP_SYS_ADMIN) unless already mounted there (a kept
# sidecar): LOWER is the lowerdir list; UPPER and WORK the container's own writable layer (so
# that changes reach it), or "" for an image, whose upper layer is a tmpfs thrown away with the
# sidecar. Then each of the N volumes, bound by the planner at /.docker-debug-volumes/INDEX, is
# bound at DIR/DEST. Then COMMAND runs in CD ("" for DIR).
dir=$1; lower=$2; upper=$3; work=$4; cd=$5; n=$6; shift 6
fail() { echo "docker-debug: cannot mount the target's files: $*" >&2; exit 125; }
m=
while read -r _ p _; do [ "$p" = "$dir" ] && m=1; done </proc/mounts
if [ -z "$m" ]; then
  mkdir -p "$dir" || fail "no $dir"
  if [ -z "$upper" ]; then
    r=/.docker-debug-throwaway
    { mkdir -p $r && mount -t tmpfs tmpfs $r && mkdir $r/upper $r/work; } || fail "no tmpfs"
    upper=$r/upper; work=$r/work
  fi
  mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$dir" || fail "the overlay mount was refused"
fi
while [ "$n" -gt 0 ]; do
  i=$1; d=$2; shift 2; n=$((n-1))
  [ -n "$m" ] && continue
  mkdir -p "$dir$d" 2>/dev/null
  mount -o bind "/.docker-debug-volumes/$i" "$dir$d" || fail "cannot bind the volume at $d"
done
cd "${cd:-$dir}" || exit 125
export PWD="${cd:-$dir}"
exec "$@"

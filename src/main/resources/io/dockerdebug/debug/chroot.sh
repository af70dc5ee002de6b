#!/bin/sh
# chroot.sh PID CD COMMAND...: a rooted session (--chroot). COMMAND runs under
# chroot /proc/PID/root (PID as find_pid reads it), so that / is the target's root, in CD ("" for
# /). This shell stays outside as its parent: it keeps the sidecar's root, so /proc/$$/root (seen
# through the target's own /proc, which shows the shared pid namespace) is the toolbox from
# inside, and its PATH directories come after the target's. Nothing is written into the target
# (no link, no history: HISTFILE and LESSHISTFILE are /dev/null), so a read-only target works
# and docker diff stays as it was. A toolbox of static programs (busybox:musl, ...) runs there as
# it is; one linked against a loader the target lacks (alpine's and netshoot's musl) runs through
# via_loader. Ctrl-C is caught (not ignored, which the command would inherit) so that this parent
# waits.

# A toolbox whose programs need a loader the target lacks: each program on the toolbox's PATH
# gets a wrapper in a directory of the sidecar (never the target), reached from inside as
# /proc/$$/root/tmp/..., that runs it through the toolbox's own loader with the toolbox's library
# directories (LOADER --library-path DIRS --argv0 NAME PROGRAM). A wrapper is a script whose
# interpreter is that loader running the toolbox's shell (by a link named sh, which busybox reads
# as the applet). Links in the toolbox are followed in its own root when the wrapper runs (inside
# the chroot an absolute link such as alpine's /bin/ls -> /bin/busybox would name the target's
# file). Sets $w, $p (the wrappers' directory for PATH) and $sh.
via_loader() {
  l=
  for f in /lib/ld-musl-*.so.1 /lib64/ld-linux-*.so.2 /lib/ld-linux*.so.*; do
    [ -e "$f" ] && { l=$(readlink -f "$f"); break; }
  done
  [ -n "$l" ] || fail "the toolbox's programs need libraries the target lacks, and the toolbox has no loader of its own (use a toolbox of static programs, such as busybox:musl)"
  lp=
  for d in /lib /usr/local/lib /usr/lib /lib64 /usr/lib64 /lib/*-linux-* /usr/lib/*-linux-*; do
    [ -d "$d" ] && lp=$lp${lp:+:}$tb$d
  done
  w=/tmp/.docker-debug-chroot-$$
  rm -rf "$w"
  mkdir -p "$w/bin" "$w/i" || fail "cannot make the toolbox's wrappers in the sidecar's /tmp"
  ln -s "$tb$(readlink -f /bin/sh)" "$w/i/sh" || fail "the toolbox has no /bin/sh"
  rl=$(readlink -f "$(command -v readlink)")
  case $tb$l$lp$w$rl in *[!A-Za-z0-9/._:+-]*) fail "the toolbox's loader or libraries have unusual names";; esac
  IFS=:
  for d in $PATH; do
    unset IFS
    case $d in /*) ;; *) continue;; esac
    case $d in *[!A-Za-z0-9/._+-]*) continue;; esac
    for f in "$d"/*; do
      n=${f##*/}
      case $n in *[!A-Za-z0-9._+-]*) continue;; esac
      { [ -f "$f" ] && [ -x "$f" ] && [ ! -e "$w/bin/$n" ]; } || continue
      # The wrapper: the format is the script written, its $p and $@ are the wrapper's own.
      # shellcheck disable=SC2016
      printf '#!%s %s\np=%s\nwhile [ -L "%s$p" ]; do t=$(%s --argv0 readlink %s "%s$p") || break; case $t in /*) p=$t;; *) p=${p%%/*}/$t;; esac; done\nexec %s --library-path %s --argv0 %s "%s$p" "$@"\n' \
        "$tb$l" "$tb$w/i/sh" "$f" "$tb" "$tb$l" "$tb$rl" "$tb" "$tb$l" "$lp" "$n" "$tb" >"$w/bin/$n"
    done
  done
  unset IFS
  chmod 755 "$w"/bin/* 2>/dev/null
  sh=$tb$w/bin/sh; p=:$tb$w/bin
  chroot "$t" "$sh" -c : 2>/dev/null || fail "the toolbox's programs do not run there, even through its own loader (use a toolbox of static programs, such as busybox:musl)"
}

pid=$1; cd=$2; shift 2
find_pid
t=/proc/$pid/root; tb=/proc/$$/root; c=; w=
while IFS= read -r l; do case $l in CapEff:*) c=${l#CapEff:};; esac; done </proc/$$/status
c=${c#"${c%%[!	 ]*}"}
fail() { [ -z "$w" ] || rm -rf "$w"; echo "docker-debug: cannot run the session inside the target's root: $*" >&2; exit 125; }
[ "$(( 0x${c:-0} >> 18 & 1 ))" = 1 ] || fail "the session lacks CAP_SYS_CHROOT (run it as root: without --user, and without --cap-drop SYS_CHROOT), or leave out --chroot"
[ -d "$t/" ] || fail "the target's root is not readable (add --cap-add SYS_PTRACE), or leave out --chroot"
[ -d "$t/proc/$$/root/" ] || fail "the target has no /proc mounted, through which its root reaches the toolbox; leave out --chroot to see its files under the mount dir"
command -v chroot >/dev/null 2>&1 || fail "the toolbox has no chroot program (use one that has, such as busybox)"
sh=$tb/bin/sh; p=
if chroot "$t" "$sh" -c : 2>/dev/null; then
  IFS=:
  for d in $PATH; do p=$p:$tb$d; done
  unset IFS
else
  via_loader
fi
# Where the session looks for the target's programs first (its own PATH is in its environment,
# which is not read), then the toolbox's.
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin$p" HISTFILE=/dev/null LESSHISTFILE=/dev/null
trap : INT QUIT
# $1 and $@ are the inner shell's: the working directory, then the command.
# shellcheck disable=SC2016
chroot "$t" "$sh" -c 'cd "$1" || exit 125; shift; exec "$@"' sh "${cd:-/}" "$@"
r=$?; [ -z "$w" ] || rm -rf "$w"; exit "$r"

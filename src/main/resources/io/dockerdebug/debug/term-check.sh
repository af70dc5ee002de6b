#!/bin/sh
# term-check.sh COMMAND...: runs the command of a TTY session with the user's TERM only when the
# toolbox's terminfo knows it (else clear, top and tput fail there, e.g. for xterm-kitty);
# otherwise with xterm-256color, or xterm, as docker exec -t users get. Both layouts of a
# terminfo directory ("x/xterm" and "78/xterm") are looked at.
has() {
  for d in ${TERMINFO:+"$TERMINFO"} "$HOME/.terminfo" /etc/terminfo /lib/terminfo /usr/share/terminfo /usr/lib/terminfo; do
    for f in "$d"/*/"$1"; do
      [ -e "$f" ] && return 0
    done
  done
  return 1
}
has "$TERM" || { if has xterm-256color; then TERM=xterm-256color; else TERM=xterm; fi; }
export TERM
exec "$@"

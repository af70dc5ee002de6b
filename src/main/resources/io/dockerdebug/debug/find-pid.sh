#!/bin/sh
# find_pid: turns $pid, the target's process in the pid namespace the sidecar shares with it as
# the planner gives it (SidecarPlanner.targetPidInSidecar), into a pid. A pid stays as it is;
# "cgroup:ID" becomes the first process whose cgroup names the target's id (the target joined
# another container's pid namespace, whose pid 1 is that container, never the target). Without
# such a process: one line and exit 125. Defined here; chroot.sh and link-root.sh call it (the
# loader puts this file before them).
find_pid() {
  case $pid in
    cgroup:*)
      id=${pid#cgroup:}
      pid=
      for d in /proc/[0-9]*; do
        while IFS= read -r l; do
          case $l in *"$id"*) pid=${d#/proc/}; break 2;; esac
        done 2>/dev/null <"$d/cgroup"
      done
      [ -n "$pid" ] || { echo "docker-debug: no process of the target is visible in the pid namespace it joined" >&2; exit 125; }
      ;;
  esac
}

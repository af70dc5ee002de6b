#!/usr/bin/env bash
# Benchmarks docker-debug against the docker CLI on the local engine, side by side in one run:
# the commands alternate (round-robin, a different one first each round), every case gets a
# warm-up run and then RUNS timed runs (default 7); medians and the ratio per pair are printed
# as a markdown table, with the machine, the date and a start-up profile by phase.
#
#   bash bench/run.sh            # needs scripts/test-engine.sh (engine, local images) and scripts/build.sh
#   RUNS=11 bash bench/run.sh    # more runs
#   bash bench/run.sh port-forward   # only the port-forward part (a redis target, three ways in)
#
# It starts its own targets from docker-debug-test/target:latest and docker-debug-test/redis:latest
# and removes them (and every sidecar of them) at the end. Nothing else on the engine is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
TOOLBOX=${TOOLBOX:-docker-debug-test/toolbox:latest}
TARGET_IMAGE=${TARGET_IMAGE:-docker-debug-test/target:latest}
DD=${DOCKER_DEBUG:-$PWD/target/docker-debug/bin/docker-debug}
TTY_BYTES=${TTY_BYTES:-268435456}
MOUNT=/mnt/container

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
log() { printf 'bench: %s\n' "$*" >&2; }

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers: run scripts/test-engine.sh"
for image in "$TOOLBOX" "$TARGET_IMAGE"; do
  docker image inspect "$image" >/dev/null 2>&1 || die "image $image is missing: run scripts/test-engine.sh"
done
[ -x "$DD" ] || die "$DD is missing: run scripts/build.sh"
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time (peak RSS)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null || die "cannot install GNU time"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/docker-debug-bench.XXXXXX")
target=''
side=''
serve_pid=''
redis=''
forward_pid=''
cleanup() {
  [ -z "$forward_pid" ] || { kill "$forward_pid" 2>/dev/null; wait "$forward_pid" 2>/dev/null || true; }
  for t in "$target" "$redis"; do
    [ -n "$t" ] || continue
    # Sidecars (kept ones too) go with their target; remove them at once anyway.
    ids=$(docker ps -aq --filter "label=io.docker-debug.target=$t" 2>/dev/null || true)
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
    docker rm -f "$t" >/dev/null 2>&1 || true
  done
  [ -z "$side" ] || docker rm -f "$side" >/dev/null 2>&1 || true
  [ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- port-forward: a redis target reached through docker-debug port-forward, a published port,
# and docker exec (redis-cli inside the target); the same client, runs alternating ---
REDIS_IMAGE=${REDIS_IMAGE:-docker-debug-test/redis:latest}
VALUE_MIB=${VALUE_MIB:-64}
bench_port_forward() {
  docker image inspect "$REDIS_IMAGE" >/dev/null 2>&1 || die "image $REDIS_IMAGE is missing: run scripts/test-engine.sh"
  command -v redis-benchmark >/dev/null 2>&1 || die "redis-tools is missing: run scripts/test-engine.sh"
  redis=$(docker run -d --label io.docker-debug.bench=true -p 127.0.0.1::6379 "$REDIS_IMAGE")
  local published forwarded w
  published=$(docker port "$redis" 6379/tcp | head -n 1 | sed 's/.*://')
  "$DD" port-forward -i "$TOOLBOX" "$redis" 0:6379 >"$work/forward.out" 2>"$work/forward.err" &
  forward_pid=$!
  for ((w = 0; w < 6000; w++)); do
    forwarded=$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) -> 6379$/\1/p' "$work/forward.out")
    [ -n "$forwarded" ] && break
    kill -0 "$forward_pid" 2>/dev/null || die "port-forward ended: $(cat "$work/forward.err")"
    sleep 0.01
  done
  [ -n "$forwarded" ] || die "port-forward did not start"
  for ((w = 0; w < 6000; w++)); do
    [ "$(redis-cli -p "$published" ping 2>/dev/null)" = PONG ] && break
    sleep 0.01
  done
  head -c $((VALUE_MIB * 1048576)) /dev/urandom >"$work/value"
  local bytes=$((VALUE_MIB * 1048576))
  # One SET and one GET of the value; the GET's length is checked (redis-cli adds a newline).
  value_via() { # port | exec
    local got
    if [ "$1" = exec ]; then
      docker exec -i "$redis" /usr/bin/redis-cli -x set v <"$work/value" >/dev/null
      got=$(docker exec "$redis" /usr/bin/redis-cli --raw get v | wc -c)
    else
      redis-cli -p "$1" -x set v <"$work/value" >/dev/null
      got=$(redis-cli -p "$1" --raw get v | wc -c)
    fi
    [ "$got" = $((bytes + 1)) ] || die "the value came back with $got bytes, not $((bytes + 1))"
  }
  rate_via() { # port: SET requests per second, 50 clients
    redis-benchmark -p "$1" -c 50 -n "${REQUESTS:-20000}" -t set -q </dev/null | tr '\r' '\n' \
      | sed -n 's/^SET: \([0-9.]*\) requests per second.*/\1/p' | tail -n 1
  }
  local -A times=() rates=()
  local round name start kinds=(forward published exec) port r
  value_via "$forwarded"; value_via "$published"; value_via exec
  for ((round = 0; round < RUNS; round++)); do
    log "port-forward round $((round + 1))/$RUNS"
    for ((i = 0; i < 3; i++)); do
      name=${kinds[(i + round) % 3]}
      case $name in forward) port=$forwarded;; published) port=$published;; exec) port=exec;; esac
      start=$(now_us)
      value_via "$port"
      times[$name]="${times[$name]:-} $(($(now_us) - start))"
      if [ "$name" != exec ]; then
        r=$(rate_via "$port")
        [ -n "$r" ] || die "redis-benchmark gave no rate through $name"
        rates[$name]="${rates[$name]:-} $r"
      fi
    done
  done
  kill "$forward_pid"; wait "$forward_pid" 2>/dev/null || true; forward_pid=''
  local fmed pmed emed
  fmed=$(median "${times[forward]}"); pmed=$(median "${times[published]}"); emed=$(median "${times[exec]}")
  fmib() { awk -v us="$1" -v b="$((2 * bytes))" 'BEGIN {printf "%.0f MiB/s", b / 1048576 / (us / 1e6)}'; }
  fmedr() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
  echo
  echo "Port-forward to a redis target (Docker $(docker version --format '{{.Server.Version}}'); load average before: $1;" \
    "$RUNS runs per way, alternating; medians):"
  echo
  echo "| measurement | docker-debug port-forward | published port (-p) | docker exec … redis-cli |"
  echo "|---|---|---|---|"
  printf '| %d MiB value, SET then GET, wall time | %s | %s | %s |\n' "$VALUE_MIB" "$(secs "$fmed")" "$(secs "$pmed")" "$(secs "$emed")"
  printf '| the same as throughput (both ways) | %s | %s | %s |\n' "$(fmib "$fmed")" "$(fmib "$pmed")" "$(fmib "$emed")"
  printf '| redis-benchmark SET, 50 clients, %s requests (requests/s) | %.0f | %.0f | |\n' "${REQUESTS:-20000}" \
    "$(fmedr "${rates[forward]}")" "$(fmedr "${rates[published]}")"
}

# Helpers shared by the parts (the results section uses them too).
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
median() { printf '%s\n' $1 | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
secs() { awk -v us="$1" 'BEGIN {printf "%.3f s", us / 1e6}'; }
if [ "${1:-}" = port-forward ]; then
  bench_port_forward "$(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

target=$(docker run -d --label io.docker-debug.bench=true "$TARGET_IMAGE")
merged=$(docker inspect -f '{{.GraphDriver.Data.MergedDir}}' "$target")
# A sidecar made by the docker CLI, for the exec comparisons (reuse, TTY throughput).
side=$(docker run -d -i --rm --label io.docker-debug.bench=true --pid "container:$target" \
  --network "container:$target" -v "$merged:$MOUNT" "$TOOLBOX" sh)

# The JVM's floor: a hello world on the same bundled runtime, with the launcher's flags and an
# AOT cache of its own (trained by one run), so that "--version" is compared with what any Java
# program pays on this runtime.
runtime_java="$(dirname "$(readlink -f "$DD")")/../runtime/bin/java"
jdk_bin=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
"$jdk_bin/javac" --release 25 -d "$work/hello" "$work/hello/Hello.java" || die "cannot compile the hello world"
"$jdk_bin/jar" cf "$work/hello/hello.jar" -C "$work/hello" Hello.class
hello_flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED -cp "$work/hello/hello.jar")
"$runtime_java" -XX:AOTCacheOutput="$work/hello/hello.aot" -Xlog:aot=off -Xlog:cds=off "${hello_flags[@]}" Hello >/dev/null 2>&1 \
  && [ -f "$work/hello/hello.aot" ] || die "cannot make the hello world's AOT cache"

# What TAB runs: the bash completion script, sourced here once as a shell does at start-up.
"$DD" completion bash >"$work/completion.bash" 2>/dev/null || die "docker-debug completion bash failed"
# shellcheck disable=SC1090,SC1091
source "$work/completion.bash"

has_keep=false
if "$DD" --help 2>/dev/null | grep -q -- '--keep'; then
  has_keep=true
fi

# --- the cases: each runs one command, silent, and fails the benchmark when it fails ---
rss_of() { # name command...: runs under GNU time, keeps the client's peak RSS (KiB)
  local name=$1; shift
  /usr/bin/time -f %M -o "$work/rss" "$@"
  rss[$name]="${rss[$name]:-} $(tail -n 1 "$work/rss")"
}
case_dd_session() { rss_of dd_session "$DD" -i "$TOOLBOX" "$target" true 2>/dev/null; }
case_cli_session() {
  # What docker-debug does, step by step with the docker CLI.
  local m cid
  m=$(docker inspect -f '{{.GraphDriver.Data.MergedDir}}' "$target")
  cid=$(docker run -d -i --rm --pid "container:$target" --network "container:$target" \
    -v "$m:$MOUNT" "$TOOLBOX" sh)
  docker exec "$cid" true
  docker rm -f "$cid" >/dev/null
}
case_floor() { docker run --rm --pid "container:$target" --network "container:$target" "$TOOLBOX" true; }
case_dd_reuse() { "$DD" --keep -i "$TOOLBOX" "$target" true 2>/dev/null; }
case_cli_exec() { docker exec "$side" true; }
case_dd_version() { "$DD" --version >/dev/null; }
case_dd_help() { "$DD" --help >/dev/null; }
case_docker_version() { docker --version >/dev/null; }
case_hello() { "$runtime_java" -XX:AOTCache="$work/hello/hello.aot" "${hello_flags[@]}" Hello >/dev/null; }
case_dd_tab() { # docker-debug <TAB>: subcommands and containers
  local COMP_WORDS=(docker-debug '') COMP_CWORD=1 COMP_LINE='docker-debug ' COMP_POINT=13 COMPREPLY=()
  _complete_docker-debug >/dev/null 2>&1
  [ "${#COMPREPLY[@]}" -gt 0 ]
}
case_cli_ps_format() { docker ps --format '{{.Names}}' >/dev/null; }
tty_cmd="head -c $TTY_BYTES /dev/zero"
case_dd_tty() { rss_of dd_tty "$DD" -t -i "$TOOLBOX" "$target" sh -c "$tty_cmd" >/dev/null 2>"$work/tty.err"; }
case_cli_tty() { rss_of cli_tty docker exec -t "$side" sh -c "$tty_cmd" >/dev/null; }

cases=(dd_session cli_session floor dd_version dd_help docker_version hello dd_tab cli_ps_format dd_tty cli_tty cli_exec)
if $has_keep; then
  cases+=(dd_reuse)
fi

declare -A samples=() rss=()
run_case() { # name: one timed run, in microseconds
  local name=$1 start end
  start=$(now_us)
  if ! "case_$name" </dev/null; then
    die "case $name failed"
  fi
  end=$(now_us)
  samples[$name]="${samples[$name]:-} $((end - start))"
}

# Warm-up (page cache, engine caches, the kept sidecar for dd_reuse), and a check that the TTY
# cases really move TTY_BYTES bytes.
log "warm-up"
for name in "${cases[@]}"; do "case_$name" </dev/null >/dev/null || die "case $name failed"; done
rss=()
got=$("$DD" -t -i "$TOOLBOX" "$target" sh -c "$tty_cmd" </dev/null 2>/dev/null | wc -c)
[ "$got" = "$TTY_BYTES" ] || die "docker-debug -t moved $got bytes, not $TTY_BYTES"
got=$(docker exec -t "$side" sh -c "$tty_cmd" </dev/null | wc -c)
[ "$got" = "$TTY_BYTES" ] || die "docker exec -t moved $got bytes, not $TTY_BYTES"

n=${#cases[@]}
for ((round = 0; round < RUNS; round++)); do
  log "round $((round + 1))/$RUNS"
  for ((i = 0; i < n; i++)); do
    run_case "${cases[(i + round) % n]}"
  done
done

# --- results ---
med() { median "${samples[$1]}"; }
max_of() { printf '%s\n' $1 | sort -n | tail -n 1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f×", a / b}'; }
mibs() { awk -v us="$1" -v bytes="$TTY_BYTES" 'BEGIN {printf "%.0f MiB/s", bytes / 1048576 / (us / 1e6)}'; }
mib() { awk -v kib="$1" 'BEGIN {printf "%.0f MiB", kib / 1024}'; }

java_version=$("$(dirname "$(readlink -f "$DD")")/../runtime/bin/java" -version 2>&1 | head -n 1 || true)
echo
echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -m | awk '/^Mem:/ {printf "%.1f GiB", $2 / 1024}') RAM, $(uname -sr);" \
  "Docker $(docker version --format '{{.Server.Version}}') (storage $(docker info --format '{{.Driver}}'));" \
  "docker-debug runtime: $java_version; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $RUNS runs per case after a warm-up, alternating; medians."
echo
echo "| measurement | docker-debug | docker CLI | ratio |"
echo "|---|---|---|---|"
printf '| one-off session (`true`) vs the same steps with the CLI (inspect, run -d, exec, rm -f) | %s | %s | %s |\n' \
  "$(secs "$(med dd_session)")" "$(secs "$(med cli_session)")" "$(ratio "$(med dd_session)" "$(med cli_session)")"
printf '| one-off session vs the engine floor (`docker run --rm … true`) | %s | %s | %s |\n' \
  "$(secs "$(med dd_session)")" "$(secs "$(med floor)")" "$(ratio "$(med dd_session)" "$(med floor)")"
if $has_keep; then
  printf '| reused sidecar (`--keep`, next run) vs `docker exec` into a running sidecar | %s | %s | %s |\n' \
    "$(secs "$(med dd_reuse)")" "$(secs "$(med cli_exec)")" "$(ratio "$(med dd_reuse)" "$(med cli_exec)")"
fi
printf '| `--version` vs a hello world (same runtime and flags, its own AOT cache) | %s | %s | %s |\n' \
  "$(secs "$(med dd_version)")" "$(secs "$(med hello)")" "$(ratio "$(med dd_version)" "$(med hello)")"
printf '| `--help` vs a hello world | %s | %s | %s |\n' \
  "$(secs "$(med dd_help)")" "$(secs "$(med hello)")" "$(ratio "$(med dd_help)" "$(med hello)")"
printf '| completion: what TAB runs (`docker-debug <TAB>`, bash) vs `docker ps --format` | %s | %s | %s |\n' \
  "$(secs "$(med dd_tab)")" "$(secs "$(med cli_ps_format)")" "$(ratio "$(med dd_tab)" "$(med cli_ps_format)")"
printf '| `--version` vs `docker --version` | %s | %s | %s |\n' \
  "$(secs "$(med dd_version)")" "$(secs "$(med docker_version)")" "$(ratio "$(med dd_version)" "$(med docker_version)")"
printf '| `--help` vs `docker --version` | %s | %s | %s |\n' \
  "$(secs "$(med dd_help)")" "$(secs "$(med docker_version)")" "$(ratio "$(med dd_help)" "$(med docker_version)")"
printf '| TTY: %d MiB out of the sidecar (`-t`) vs `docker exec -t`, wall time | %s | %s | %s |\n' \
  $((TTY_BYTES / 1048576)) "$(secs "$(med dd_tty)")" "$(secs "$(med cli_tty)")" "$(ratio "$(med dd_tty)" "$(med cli_tty)")"
printf '| TTY throughput, session set-up included (higher is better) | %s | %s | %s |\n' \
  "$(mibs "$(med dd_tty)")" "$(mibs "$(med cli_tty)")" "$(ratio "$(med cli_tty)" "$(med dd_tty)")"
printf '| peak RSS of the client, one-off session (max of runs) | %s | | |\n' "$(mib "$(max_of "${rss[dd_session]}")")"
printf '| peak RSS of the client, TTY 256 MiB (max of runs) | %s | %s (docker exec) | |\n' \
  "$(mib "$(max_of "${rss[dd_tty]}")")" "$(mib "$(max_of "${rss[cli_tty]}")")"
echo
echo "Engine floor alone: $(secs "$(med floor)"); docker exec into a running container: $(secs "$(med cli_exec)")."
echo

# --- start-up profile by phase ---
echo "Start-up profile (one run each):"
aot=$(DOCKER_DEBUG_JAVA_OPTS=-Xlog:aot=info "$DD" --version 2>&1 | grep -c 'Opened AOT cache' || true)
echo "- AOT cache used by the launcher: $([ "$aot" -gt 0 ] && echo yes || echo NO)"
for what in "--version" "--help" "session"; do
  if [ "$what" = session ]; then
    args=(-i "$TOOLBOX" "$target" true)
  else
    args=("$what")
  fi
  DOCKER_DEBUG_JAVA_OPTS=-Xlog:class+load=info:file="$work/classes" "$DD" "${args[@]}" </dev/null >/dev/null 2>&1
  from_cache=$(grep -c 'source: shared objects file' "$work/classes" || true)
  server_classes=$(grep -c 'org\.eclipse\.jetty\|io\.dockerdebug\.server' "$work/classes" || true)
  total=$(grep -c 'class,load' "$work/classes" || true)
  # Without the cache, what the path itself touches (the cache loads all it holds at start).
  DOCKER_DEBUG_JAVA_OPTS="-XX:AOTMode=off -Xlog:class+load=info:file=$work/classes-touched" "$DD" "${args[@]}" </dev/null >/dev/null 2>&1
  touched=$(grep -c 'class,load' "$work/classes-touched" || true)
  echo "- $what: $total classes loaded, $from_cache from the AOT cache, $((total - from_cache)) parsed at run time" \
    "(top jars: $(grep -v 'shared objects file' "$work/classes" | grep -o 'source: file:[^ ]*' | sed 's|.*/||' | sort | uniq -c | sort -rn | head -n 3 | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}'));" \
    "$touched loaded without the AOT cache"
done
"$runtime_java" -XX:AOTCache="$work/hello/hello.aot" -Xlog:class+load=info:file="$work/classes" "${hello_flags[@]}" Hello >/dev/null 2>&1
"$runtime_java" -XX:AOTMode=off -Xlog:class+load=info:file="$work/classes-touched" "${hello_flags[@]}" Hello >/dev/null 2>&1
echo "- hello world: $(grep -c 'class,load' "$work/classes" || true) classes loaded with its AOT cache," \
  "$(grep -c 'class,load' "$work/classes-touched" || true) without"
echo "- phases of a one-off session (--debug, ms since JVM start):"
"$DD" --debug -i "$TOOLBOX" "$target" true </dev/null 2>&1 >/dev/null | grep 'phase' | sed 's/^.*phase /    /' || true

# --- docker-debug serve: start-up to "serving", the websocket terminal, many sessions ---
# A client of our own (bench/ServeBench.java, run by the JDK) does what a page does.
echo
echo "docker-debug serve:"
echo
jdk_java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
starts=()
for ((i = 0; i < 3; i++)); do
  start=$(now_us)
  "$DD" serve >"$work/serve.log" 2>&1 &
  serve_pid=$!
  for ((w = 0; w < 6000; w++)); do
    grep -q 'serving on' "$work/serve.log" && break
    sleep 0.01
  done
  grep -q 'serving on' "$work/serve.log" || die "serve did not start: $(cat "$work/serve.log")"
  starts+=($(($(now_us) - start)))
  if [ $i -lt 2 ]; then
    kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=''
  fi
done
echo "| measurement | value | |"
echo "|---|---|---|"
printf '| serve: start-up to the "serving on" line (median of 3) | %s | |\n' "$(secs "$(median "${starts[*]}")")"
url=$(sed -n 's/^docker-debug: serving on //p' "$work/serve.log")
# The token in the environment, not in the client's arguments (ps shows those to every user).
DOCKER_DEBUG_SERVE_TOKEN=$(sed -n 's/^docker-debug: for scripts: Authorization: token //p' "$work/serve.log") \
  timeout 900 "$jdk_java" bench/ServeBench.java "$url" "$target" "$TOOLBOX" "$TTY_BYTES" "$serve_pid" \
  || die "the serve benchmark failed"
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=''

bench_port_forward "$load_before"

#!/usr/bin/env bash
# Extra servers on 127.0.0.1 for the engine-resolution tests (called by scripts/test-engine.sh):
#  - a second dockerd with --tlsverify on tcp://127.0.0.1:23760 (CA, server and client certs made
#    here with openssl), its own data/exec roots, pidfile, socket and bridge; the same engine
#    in plain TCP on 127.0.0.1:23750 through socat (for tcp:// without TLS);
#  - on tcp://127.0.0.1:23761, the same engine behind TLS whose server certificate a stranger CA
#    signed (socat; for "a server the client's CA did not sign is refused");
#  - sshd on 127.0.0.1:22220 with a generated key, and an `ssh` wrapper that uses it;
#  - Debian's docker-registry on 127.0.0.1:25000 with htpasswd auth and the toolbox image pushed.
# Everything lives under $STATE (paths and ports are fixed; the tests read them from here).
# Idempotent: a second run only checks.
set -euo pipefail

STATE=/var/lib/docker-debug-test-servers
TLS_PORT=23760
PLAIN_PORT=23750
STRANGER_PORT=23761
SSH_PORT=22220
REGISTRY_PORT=25000
REGISTRY_USER=debugger
REGISTRY_PASSWORD=s3cret-pass
BRIDGE=ddtest0
BRIDGE_ADDR=10.213.77.1/24
SOCK=/run/docker-debug-test-servers/docker.sock

log() { printf 'test-servers: %s\n' "$*" >&2; }

need_pkgs=()
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
[ -x /usr/sbin/sshd ] || need_pkgs+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need_pkgs+=(openssh-client)
command -v docker-registry >/dev/null 2>&1 || need_pkgs+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_pkgs+=(apache2-utils)
command -v socat >/dev/null 2>&1 || need_pkgs+=(socat)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # policy-rc.d: do not start the packaged services (sshd, registry) on their default ports.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

mkdir -p "$STATE" "$(dirname "$SOCK")"
cd "$STATE"

# --- certificates -----------------------------------------------------------------------------
if [ ! -f certs/client/key.pem ]; then
  log "generating CA, server and client certificates"
  rm -rf certs && mkdir -p certs/ca certs/server certs/client certs/other
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=docker-debug test CA" \
    -keyout certs/ca/key.pem -out certs/ca/ca.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout certs/server/key.pem -out certs/server/req.pem 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >certs/server/ext.cnf
  openssl x509 -req -in certs/server/req.pem -CA certs/ca/ca.pem -CAkey certs/ca/key.pem -CAcreateserial \
    -days 3650 -extfile certs/server/ext.cnf -out certs/server/cert.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=docker-debug client" \
    -keyout certs/client/key.pem -out certs/client/req.pem 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >certs/client/ext.cnf
  openssl x509 -req -in certs/client/req.pem -CA certs/ca/ca.pem -CAkey certs/ca/key.pem -CAcreateserial \
    -days 3650 -extfile certs/client/ext.cnf -out certs/client/cert.pem 2>/dev/null
  cp certs/ca/ca.pem certs/client/ca.pem
  # A client certificate from a CA the engine does not trust: the "wrong certs" case.
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=stranger" \
    -keyout certs/other/key.pem -out certs/other/cert.pem 2>/dev/null
  cp certs/ca/ca.pem certs/other/ca.pem
  rm -f certs/*/req.pem
fi

# --- second dockerd (TLS) ------------------------------------------------------------------------
engine2_up() { docker -H "unix://$SOCK" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if ! engine2_up; then
  log "starting the TLS dockerd on 127.0.0.1:$TLS_PORT"
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_ADDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  if [ -f engine/docker.pid ] && kill -0 "$(cat engine/docker.pid)" 2>/dev/null; then
    kill "$(cat engine/docker.pid)"; sleep 1
  fi
  mkdir -p engine/data /run/docker-debug-test-servers/exec
  nohup dockerd --data-root "$STATE/engine/data" --exec-root /run/docker-debug-test-servers/exec \
    --pidfile "$STATE/engine/docker.pid" -H "unix://$SOCK" -H "tcp://127.0.0.1:$TLS_PORT" \
    --tlsverify --tlscacert certs/ca/ca.pem --tlscert certs/server/cert.pem --tlskey certs/server/key.pem \
    --bridge "$BRIDGE" --iptables=false --ip6tables=false >"$STATE/engine/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do engine2_up && break; sleep 0.5; done
  engine2_up || { log "the TLS dockerd did not answer; see $STATE/engine/dockerd.log"; exit 1; }
fi
for image in docker-debug-test/toolbox:latest docker-debug-test/target:latest; do
  if ! docker -H "unix://$SOCK" image inspect "$image" >/dev/null 2>&1; then
    log "loading $image into the TLS engine"
    docker save "$image" | docker -H "unix://$SOCK" load >/dev/null
  fi
done

# Plain TCP to the same engine (docker refuses plain TCP next to --tlsverify, so socat forwards).
plain_up() { docker -H "tcp://127.0.0.1:$PLAIN_PORT" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
# -t: once the client half-closes (stdin's EOF), keep forwarding the engine's side; socat's
# default closes the whole connection 0.5 s later and cuts off a command still running (under
# load the engine then records exit 126 for an exec whose attach broke).
PLAIN_FORWARD=(socat -t 86400 "TCP-LISTEN:$PLAIN_PORT,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$SOCK")
old_pid=$(cat "$STATE/socat.pid" 2>/dev/null || true)
if [ -n "$old_pid" ] && [ "$(cat "/proc/$old_pid/comm" 2>/dev/null)" = socat ] &&
   [ "$(tr '\0' ' ' <"/proc/$old_pid/cmdline")" != "${PLAIN_FORWARD[*]} " ]; then
  # A forward started by an earlier version of this script: its connections live on in their children.
  log "restarting the plain TCP forward with the options above"
  kill "$old_pid"
  for _ in $(seq 1 40); do plain_up || break; sleep 0.25; done
fi
if ! plain_up; then
  log "forwarding tcp://127.0.0.1:$PLAIN_PORT to the second engine"
  nohup "${PLAIN_FORWARD[@]}" >/dev/null 2>&1 &
  echo $! >"$STATE/socat.pid"
  for _ in $(seq 1 40); do plain_up && break; sleep 0.25; done
  plain_up || { log "plain TCP forward did not answer"; exit 1; }
fi

# --- a TLS endpoint with a server certificate from a stranger CA ------------------------------------
# The engine itself, so that a client that trusted any certificate would get through to it.
if [ ! -f certs/stranger-server/cert.pem ]; then
  log "generating a stranger CA and a server certificate signed by it"
  rm -rf certs/stranger-ca certs/stranger-server && mkdir -p certs/stranger-ca certs/stranger-server
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=docker-debug stranger CA" \
    -keyout certs/stranger-ca/key.pem -out certs/stranger-ca/ca.pem 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout certs/stranger-server/key.pem -out certs/stranger-server/req.pem 2>/dev/null
  openssl x509 -req -in certs/stranger-server/req.pem -CA certs/stranger-ca/ca.pem -CAkey certs/stranger-ca/key.pem \
    -CAcreateserial -days 3650 -extfile certs/server/ext.cnf -out certs/stranger-server/cert.pem 2>/dev/null
  rm -f certs/stranger-server/req.pem
fi
stranger_up() {
  [ "$(curl -s --max-time 5 --cacert certs/stranger-ca/ca.pem "https://127.0.0.1:$STRANGER_PORT/_ping" 2>/dev/null)" = OK ]
}
if ! stranger_up; then
  log "serving the engine on tcp://127.0.0.1:$STRANGER_PORT with the stranger CA's certificate"
  old_pid=$(cat "$STATE/stranger.pid" 2>/dev/null || true)
  if [ -n "$old_pid" ] && [ "$(cat "/proc/$old_pid/comm" 2>/dev/null)" = socat ]; then kill "$old_pid"; sleep 0.5; fi
  nohup socat -t 86400 \
    "OPENSSL-LISTEN:$STRANGER_PORT,bind=127.0.0.1,reuseaddr,fork,cert=$STATE/certs/stranger-server/cert.pem,key=$STATE/certs/stranger-server/key.pem,verify=0" \
    "UNIX-CONNECT:$SOCK" >/dev/null 2>&1 &
  echo $! >"$STATE/stranger.pid"
  for _ in $(seq 1 40); do stranger_up && break; sleep 0.25; done
  stranger_up || { log "the stranger TLS endpoint did not answer"; exit 1; }
fi

# --- sshd ---------------------------------------------------------------------------------------
mkdir -p ssh bin && chmod 700 ssh
[ -f ssh/host_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -f ssh/host_ed25519
[ -f ssh/id_ed25519 ] || ssh-keygen -q -t ed25519 -N '' -f ssh/id_ed25519
cp ssh/id_ed25519.pub ssh/authorized_keys
cat >ssh/sshd_config <<CFG
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $STATE/ssh/host_ed25519
AuthorizedKeysFile $STATE/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile $STATE/ssh/sshd.pid
StrictModes no
CFG
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 ssh/host_ed25519.pub)" >ssh/known_hosts
cat >ssh/ssh_config <<CFG
Host *
  IdentityFile $STATE/ssh/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $STATE/ssh/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
CFG
# Put bin/ first on PATH to make `ssh` (ours and the docker CLI's) use the test key and known hosts.
printf '#!/bin/sh\nexec /usr/bin/ssh -F %s "$@"\n' "$STATE/ssh/ssh_config" >bin/ssh && chmod +x bin/ssh
ssh_up() { bin/ssh -p "$SSH_PORT" root@127.0.0.1 true >/dev/null 2>&1; }
if ! ssh_up; then
  log "starting sshd on 127.0.0.1:$SSH_PORT"
  mkdir -p /run/sshd
  if [ -f ssh/sshd.pid ] && kill -0 "$(cat ssh/sshd.pid)" 2>/dev/null; then kill "$(cat ssh/sshd.pid)"; sleep 0.5; fi
  /usr/sbin/sshd -f "$STATE/ssh/sshd_config" -E "$STATE/ssh/sshd.log"
  for _ in $(seq 1 40); do ssh_up && break; sleep 0.25; done
  ssh_up || { log "sshd did not answer; see $STATE/ssh/sshd.log"; exit 1; }
fi

# --- registry -----------------------------------------------------------------------------------
mkdir -p registry/data
[ -f registry/htpasswd ] || htpasswd -Bbc registry/htpasswd "$REGISTRY_USER" "$REGISTRY_PASSWORD" 2>/dev/null
cat >registry/config.yml <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
auth:
  htpasswd:
    realm: docker-debug-test
    path: $STATE/registry/htpasswd
CFG
registry_up() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REGISTRY_PORT/v2/" 2>/dev/null)" = 401 ]; }
if ! registry_up; then
  log "starting docker-registry on 127.0.0.1:$REGISTRY_PORT"
  if [ -f registry/registry.pid ] && kill -0 "$(cat registry/registry.pid)" 2>/dev/null; then kill "$(cat registry/registry.pid)"; sleep 0.5; fi
  nohup docker-registry serve "$STATE/registry/config.yml" >"$STATE/registry/registry.log" 2>&1 &
  echo $! >registry/registry.pid
  for _ in $(seq 1 40); do registry_up && break; sleep 0.25; done
  registry_up || { log "docker-registry did not answer; see $STATE/registry/registry.log"; exit 1; }
fi
# A docker CLI config of our own for the push (the user's ~/.docker is left alone), and the
# same credentials in plain "auths" form for the tests.
auth=$(printf '%s:%s' "$REGISTRY_USER" "$REGISTRY_PASSWORD" | base64 -w0)
mkdir -p registry/docker-config
printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}\n' "$REGISTRY_PORT" "$auth" >registry/docker-config/config.json
# The toolbox plus a layer of its own (so that a pull downloads something and shows progress).
PUSHED=127.0.0.1:$REGISTRY_PORT/docker-debug-test/toolbox:latest
pushed() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u "$REGISTRY_USER:$REGISTRY_PASSWORD" \
        -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://127.0.0.1:$REGISTRY_PORT/v2/docker-debug-test/toolbox/manifests/latest")" = 200 ] &&
    [ -f registry/pushed-v2 ]
}
if ! pushed; then
  log "pushing a toolbox image with an extra layer to the registry"
  docker rm -f docker-debug-test-registry-build >/dev/null 2>&1 || true
  docker run --name docker-debug-test-registry-build docker-debug-test/toolbox:latest \
    sh -c 'echo "from the registry" >/etc/registry-marker' >/dev/null
  docker commit -c 'CMD ["sh"]' docker-debug-test-registry-build "$PUSHED" >/dev/null
  docker rm -f docker-debug-test-registry-build >/dev/null
  docker --config registry/docker-config push "$PUSHED" >/dev/null
  docker rmi "$PUSHED" >/dev/null
  touch registry/pushed-v2
fi
log "ready: tls 127.0.0.1:$TLS_PORT, stranger tls 127.0.0.1:$STRANGER_PORT, plain 127.0.0.1:$PLAIN_PORT, ssh 127.0.0.1:$SSH_PORT, registry 127.0.0.1:$REGISTRY_PORT"

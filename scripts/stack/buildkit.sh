#!/usr/bin/env bash
# A real standalone BuildKit (v0.26.3) for the test stack (DESIGN.md section 5, items 7 and 8).
#
#   scripts/stack/buildkit.sh up      install buildkitd + buildctl, issue buildkitd's server certificate, write
#                                     buildkitd.toml, (re)start buildkitd if anything changed, add the registry
#                                     host alias, check both addresses answer (idempotent)
#   scripts/stack/buildkit.sh image   build a moby/buildkit-like image from the same binaries, push it to the
#                                     plain registry, prove it serves `buildctl debug workers` (idempotent)
#   scripts/stack/buildkit.sh down    stop buildkitd (idempotent)
#   scripts/stack/buildkit.sh env     print the KILN_BUILDKIT_* settings for .stack/env, one KEY=VALUE a line
#
# Binaries: from ../shared/buildkit (xz, sha256 pinned below) or, where that is absent, the official release
# tarball from GitHub. They are decompressed once per machine into /var/lib/kiln-stack/buildkit/<version>/bin.
#
# buildkitd is a machine-wide singleton like the stack's dockerd: pidfile and unix socket in /run/kiln-stack,
# state in /var/lib/kiln-stack/buildkitd, log in the checkout's .stack/logs. OCI worker with Debian's runc
# (containerd worker off). It listens on the unix socket (no TLS) and on 127.0.0.1:1234 with mTLS: the server
# certificate is issued from the stack's test CA, the client certificate is the stack's client.pem.
# buildkitd.toml trusts the stack's three registries by their 127.0.0.1 addresses only: the host alias
# kiln-registry.test (-> 127.0.0.1) is deliberately NOT listed, so that tests can show that a daemon not told
# about a plain-HTTP registry refuses it ("server gave HTTP response to HTTPS client").
#
# Input from scripts/stack-up.sh (defaults for a standalone call): KILN_TLS_DIR, KILN_REGISTRY, DOCKER_HOST.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUILDKIT_VERSION=v0.26.3
# sha256 of the binaries in ../shared/buildkit after `xz -d` (../shared/buildkit/README.md).
SHARED_BUILDKITD_SHA256=1ac3baed5878c60f21c48a0820d76e4a9736fcefbea28d66014fdb37762dfbf5
SHARED_BUILDCTL_SHA256=69ac5461e1e475d26118c041646edee222ba6d30923bebc44577d8866f7b17b6
# The official release tarball (used only where ../shared/buildkit is absent). Its sha256 could not be looked
# up from these machines (no GitHub access): this is a placeholder. Fill it in from the release page
# (`sha256sum buildkit-v0.26.3.linux-<arch>.tar.gz` of a trusted download); while empty, the tarball is accepted
# over HTTPS with a warning, and the installed binaries' hashes are recorded so later runs detect tampering.
RELEASE_TARBALL_SHA256_AMD64=""
RELEASE_TARBALL_SHA256_ARM64=""
# KILN_BUILDKIT_RELEASE_URL: a mirror of the release directory (any URL curl takes, file:// included).
RELEASE_URL_BASE="${KILN_BUILDKIT_RELEASE_URL:-https://github.com/moby/buildkit/releases/download/$BUILDKIT_VERSION}"

SHARED_BUILDKIT_DIR="$(cd "$KILN_ROOT/.." && pwd)/shared/buildkit"

IS_ROOT=false
[[ "$(id -u)" == 0 ]] && IS_ROOT=true
if $IS_ROOT; then
  BK_HOME="/var/lib/kiln-stack/buildkit"
  DEFAULT_TLS_DIR="/var/lib/kiln-stack/tls"
else
  BK_HOME="$STACK_DIR/buildkit"
  DEFAULT_TLS_DIR="$STACK_DIR/tls"
fi
TLS_DIR="${KILN_TLS_DIR:-$DEFAULT_TLS_DIR}"
REGISTRY="${KILN_REGISTRY:-127.0.0.1:5000}"
AUTH_REGISTRY=127.0.0.1:5001
TLS_REGISTRY=127.0.0.1:5002

BK_BIN="$BK_HOME/$BUILDKIT_VERSION/bin"
BUILDKITD="$BK_BIN/buildkitd"
BUILDCTL="$BK_BIN/buildctl"
BKD_CONFIG="$BK_HOME/buildkitd.toml"
BKD_ROOT="/var/lib/kiln-stack/buildkitd"
BKD_SOCK="$KILN_GLOBAL_RUN/buildkitd.sock"
BKD_HOST="unix://$BKD_SOCK"
BKD_TCP_ADDR="127.0.0.1:1234"
BKD_TCP="tcp://$BKD_TCP_ADDR"
BKD_PIDFILE="$KILN_GLOBAL_RUN/buildkitd.pid"
BKD_STATEFILE="$KILN_GLOBAL_RUN/buildkitd.inputs" # hash of what the running daemon was started with
BKD_LOG="$STACK_LOGS/buildkitd.log"
BKD_SERVER_CERT="$TLS_DIR/buildkitd.pem"
BKD_SERVER_KEY="$TLS_DIR/buildkitd-key.pem"
# Client side of the mTLS address: the stack's client certificate (extendedKeyUsage clientAuth, same CA).
BKD_CLIENT_CERT="$TLS_DIR/client.pem"
BKD_CLIENT_KEY="$TLS_DIR/client-key.pem"
RUNC=/usr/sbin/runc

REGISTRY_ALIAS_HOST="kiln-registry.test"
REGISTRY_ALIAS="$REGISTRY_ALIAS_HOST:${REGISTRY##*:}"

IMAGE_REPO="kiln/buildkit"
IMAGE="$REGISTRY/$IMAGE_REPO:$BUILDKIT_VERSION"
IMAGE_SRC="$KILN_ROOT/scripts/stack/buildkit-image"
IMAGE_STAMP="$STACK_RUN/buildkit-image.stamp"
IMAGE_REF_FILE="$STACK_RUN/buildkit-image.ref" # <IMAGE>@sha256:...
# Bump when the image recipe below changes (the stamp then no longer matches and the image is rebuilt).
IMAGE_RECIPE_VERSION=2

say() { echo "buildkit: $*"; }
die() {
  echo "buildkit: $*" >&2
  exit 1
}
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

go_arch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) die "unsupported machine architecture $(uname -m)" ;;
  esac
}

# ---------------------------------------------------------------------------------------------------------
# Binaries.
# Where the installed binaries came from and their expected hashes: "<source> <buildkitd sha> <buildctl sha>".
INSTALL_RECORD="$BK_HOME/$BUILDKIT_VERSION/installed"

installed_ok() { # EXPECTED_BUILDKITD_SHA EXPECTED_BUILDCTL_SHA
  [[ -x "$BUILDKITD" && -x "$BUILDCTL" ]] || return 1
  [[ "$(sha256_of "$BUILDKITD")" == "$1" && "$(sha256_of "$BUILDCTL")" == "$2" ]]
}

install_from_shared() {
  if installed_ok "$SHARED_BUILDKITD_SHA256" "$SHARED_BUILDCTL_SHA256"; then return 0; fi
  command -v xz >/dev/null 2>&1 || die "xz is not installed (Debian: xz-utils)"
  say "installing buildkitd and buildctl $BUILDKIT_VERSION from $SHARED_BUILDKIT_DIR into $BK_BIN"
  mkdir -p "$BK_BIN"
  local name want got
  for name in buildkitd buildctl; do
    if [[ "$name" == buildkitd ]]; then want="$SHARED_BUILDKITD_SHA256"; else want="$SHARED_BUILDCTL_SHA256"; fi
    xz -dc "$SHARED_BUILDKIT_DIR/$name.xz" >"$BK_BIN/.$name.tmp"
    got="$(sha256_of "$BK_BIN/.$name.tmp")"
    if [[ "$got" != "$want" ]]; then
      rm -f "$BK_BIN/.$name.tmp"
      die "sha256 mismatch for $SHARED_BUILDKIT_DIR/$name.xz (decompressed): expected $want, got $got"
    fi
    chmod 755 "$BK_BIN/.$name.tmp"
    mv -f "$BK_BIN/.$name.tmp" "$BK_BIN/$name"
  done
  echo "shared $SHARED_BUILDKITD_SHA256 $SHARED_BUILDCTL_SHA256" >"$INSTALL_RECORD"
}

install_from_release() {
  local record
  if record="$(cat "$INSTALL_RECORD" 2>/dev/null)" && [[ "$record" == release\ * ]]; then
    local _src d c
    read -r _src d c <<<"$record"
    if installed_ok "$d" "$c"; then return 0; fi
  fi
  local arch tarball url want got tmp
  arch="$(go_arch)"
  tarball="buildkit-$BUILDKIT_VERSION.linux-$arch.tar.gz"
  url="$RELEASE_URL_BASE/$tarball"
  if [[ "$arch" == amd64 ]]; then want="$RELEASE_TARBALL_SHA256_AMD64"; else want="$RELEASE_TARBALL_SHA256_ARM64"; fi
  command -v curl >/dev/null 2>&1 || die "curl is not installed"
  say "$SHARED_BUILDKIT_DIR is absent: downloading $url"
  mkdir -p "$BK_BIN"
  tmp="$(mktemp -d "$BK_HOME/.download.XXXXXX")"
  # shellcheck disable=SC2064 # expand now: tmp is local
  trap "rm -rf '$tmp'" EXIT
  curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp/$tarball" "$url" || die "could not download $url"
  got="$(sha256_of "$tmp/$tarball")"
  if [[ -n "$want" ]]; then
    [[ "$got" == "$want" ]] || die "sha256 mismatch for $tarball: expected $want, got $got"
  else
    echo "buildkit: warning: no pinned sha256 for $tarball (RELEASE_TARBALL_SHA256_${arch^^} in $0 is a placeholder); downloaded sha256 $got" >&2
  fi
  tar -xzf "$tmp/$tarball" -C "$tmp" || die "could not unpack $tarball"
  [[ -f "$tmp/bin/buildkitd" && -f "$tmp/bin/buildctl" ]] || die "$tarball lacks bin/buildkitd or bin/buildctl"
  local name
  for name in buildkitd buildctl; do
    chmod 755 "$tmp/bin/$name"
    mv -f "$tmp/bin/$name" "$BK_BIN/$name"
  done
  rm -rf "$tmp"
  trap - EXIT
  echo "release $(sha256_of "$BUILDKITD") $(sha256_of "$BUILDCTL")" >"$INSTALL_RECORD"
}

install_binaries() {
  mkdir -p "$BK_HOME"
  if [[ -f "$SHARED_BUILDKIT_DIR/buildkitd.xz" && -f "$SHARED_BUILDKIT_DIR/buildctl.xz" ]]; then
    install_from_shared
  else
    install_from_release
  fi
  local version
  version="$("$BUILDKITD" --version 2>&1)" || die "$BUILDKITD --version failed: $version"
  [[ "$version" == *" $BUILDKIT_VERSION "* ]] || die "$BUILDKITD reports '$version', expected $BUILDKIT_VERSION"
}

# ---------------------------------------------------------------------------------------------------------
# TLS: a server certificate for 127.0.0.1/localhost from the stack's CA (made by stack-up's "tls" step).
server_cert_ok() {
  [[ -s "$BKD_SERVER_CERT" && -s "$BKD_SERVER_KEY" ]] || return 1
  openssl verify -CAfile "$TLS_DIR/ca.pem" "$BKD_SERVER_CERT" >/dev/null 2>&1 || return 1
  openssl x509 -in "$BKD_SERVER_CERT" -noout -checkend 86400 >/dev/null 2>&1 || return 1
  # The key belongs to the certificate.
  [[ "$(openssl x509 -in "$BKD_SERVER_CERT" -noout -pubkey 2>/dev/null)" == "$(openssl pkey -in "$BKD_SERVER_KEY" -pubout 2>/dev/null)" ]]
}
ensure_certs() {
  local f
  for f in ca.pem ca-key.pem client.pem client-key.pem; do
    [[ -s "$TLS_DIR/$f" ]] || die "$TLS_DIR/$f is missing: run scripts/stack-up.sh (its tls step makes the CA)"
  done
  server_cert_ok && return 0
  say "issuing buildkitd's server certificate ($BKD_SERVER_CERT)"
  local tmp
  tmp="$(mktemp -d)"
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >"$tmp/ext"
  openssl req -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/csr" -subj "/CN=kiln-buildkitd" 2>/dev/null
  openssl x509 -req -sha256 -days 825 -in "$tmp/csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca-key.pem" \
    -CAcreateserial -CAserial "$tmp/ca.srl" -out "$tmp/cert.pem" -extfile "$tmp/ext" 2>/dev/null
  chmod 600 "$tmp/key.pem"
  mv -f "$tmp/key.pem" "$BKD_SERVER_KEY"
  mv -f "$tmp/cert.pem" "$BKD_SERVER_CERT"
  rm -rf "$tmp"
  server_cert_ok || die "the new buildkitd certificate does not verify against $TLS_DIR/ca.pem"
}

# ---------------------------------------------------------------------------------------------------------
# buildkitd.
buildkitd_toml() {
  cat <<EOF
# Written by scripts/stack/buildkit.sh; changes here are overwritten.
root = "$BKD_ROOT"

[grpc]
  address = ["$BKD_HOST", "$BKD_TCP"]

  # TLS applies to the tcp address only (unix sockets are served without TLS). A CA makes client
  # certificates mandatory (mTLS).
  [grpc.tls]
    cert = "$BKD_SERVER_CERT"
    key = "$BKD_SERVER_KEY"
    ca = "$TLS_DIR/ca.pem"

[worker.oci]
  enabled = true
  binary = "$RUNC"
  gc = true

[worker.containerd]
  enabled = false

# The stack's registries, by their loopback addresses only. $REGISTRY_ALIAS_HOST is left out on purpose.
[registry."$REGISTRY"]
  http = true

[registry."$AUTH_REGISTRY"]
  http = true

[registry."$TLS_REGISTRY"]
  ca = ["$TLS_DIR/ca.pem"]
EOF
}

buildkitd_alive() { pidfile_alive "$BKD_PIDFILE" "$BKD_CONFIG"; }
buildctl_unix() { timeout 20 "$BUILDCTL" --addr "$BKD_HOST" "$@"; }
buildctl_tcp() {
  timeout 20 "$BUILDCTL" --addr "$BKD_TCP" --tlscacert "$TLS_DIR/ca.pem" \
    --tlscert "$BKD_CLIENT_CERT" --tlskey "$BKD_CLIENT_KEY" "$@"
}
answers() { buildctl_unix debug workers >/dev/null 2>&1; }

# What the running daemon depends on: config, binaries, runc, certificates.
daemon_inputs() {
  {
    cat "$BKD_CONFIG"
    sha256_of "$BUILDKITD"
    sha256_of "$RUNC"
    cat "$BKD_SERVER_CERT" "$BKD_SERVER_KEY" "$TLS_DIR/ca.pem"
  } | sha256sum | cut -d' ' -f1
}

start_buildkitd() {
  mkdir -p "$KILN_GLOBAL_RUN" "$STACK_LOGS" "$BKD_ROOT"
  if port_listening "${BKD_TCP_ADDR##*:}"; then
    local pid
    pid="$(port_listener_pid "${BKD_TCP_ADDR##*:}")"
    die "port ${BKD_TCP_ADDR##*:} (buildkitd mTLS) is in use by pid ${pid:-?}: $(pid_cmdline "${pid:-0}")"
  fi
  rm -f "$BKD_SOCK" # a stale socket of a daemon that died (no live daemon owns it: checked by the caller)
  say "starting buildkitd (log: $BKD_LOG)"
  echo "--- $(date -u +%FT%TZ) starting $BUILDKITD --config $BKD_CONFIG" >>"$BKD_LOG"
  # setsid: outlive stack-up's shell. The child records its own pid, then becomes buildkitd.
  # shellcheck disable=SC2016 # expanded by the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@" </dev/null' _ "$BKD_PIDFILE" \
    "$BUILDKITD" --config "$BKD_CONFIG" >>"$BKD_LOG" 2>&1 &
  local i
  for ((i = 0; i < 240; i++)); do
    answers && return 0
    if ((i > 8)) && ! buildkitd_alive; then
      tail -n 30 "$BKD_LOG" >&2 || true
      die "buildkitd exited during startup (log: $BKD_LOG)"
    fi
    sleep 0.25
  done
  tail -n 30 "$BKD_LOG" >&2 || true
  die "buildkitd did not answer on $BKD_HOST within 60s (log: $BKD_LOG)"
}

stop_buildkitd() {
  if buildkitd_alive; then
    say "stopping buildkitd (pid $(cat "$BKD_PIDFILE"))"
    stop_pid "$(cat "$BKD_PIDFILE")" 30 || return 1
  fi
  rm -f "$BKD_PIDFILE" "$BKD_STATEFILE"
  # buildkitd removes its socket on a clean exit; not after SIGKILL.
  [[ -S "$BKD_SOCK" ]] && rm -f "$BKD_SOCK"
  return 0
}

check_daemon() {
  local workers
  workers="$(buildctl_unix debug workers -v 2>&1)" || die "buildctl --addr $BKD_HOST debug workers failed: $workers"
  [[ "$workers" == *linux/arm64* ]] || die "buildkitd's worker does not list linux/arm64 (QEMU binfmt missing?): $workers"
  local tcp
  tcp="$(buildctl_tcp debug workers 2>&1)" || die "buildctl --addr $BKD_TCP (mTLS) debug workers failed: $tcp"
  # mTLS is enforced: the same call without a client certificate must be refused.
  if timeout 20 "$BUILDCTL" --addr "$BKD_TCP" --tlscacert "$TLS_DIR/ca.pem" debug workers >/dev/null 2>&1; then
    die "buildkitd at $BKD_TCP accepted a client without a certificate"
  fi
}

ensure_hosts_alias() {
  if getent ahostsv4 "$REGISTRY_ALIAS_HOST" 2>/dev/null | awk '{print $1}' | grep -qx 127.0.0.1; then return 0; fi
  if ! $IS_ROOT; then
    echo "buildkit: note: $REGISTRY_ALIAS_HOST does not resolve to 127.0.0.1; as root, add '127.0.0.1 $REGISTRY_ALIAS_HOST' to /etc/hosts" >&2
    return 0
  fi
  say "adding $REGISTRY_ALIAS_HOST to /etc/hosts"
  # Append in place: /etc/hosts may be a bind mount (containers), which a rename would not update.
  if [[ -s /etc/hosts && "$(tail -c1 /etc/hosts)" != "" ]]; then echo >>/etc/hosts; fi
  echo "127.0.0.1 $REGISTRY_ALIAS_HOST # kiln test stack: the plain registry under a non-loopback name" >>/etc/hosts
  getent ahostsv4 "$REGISTRY_ALIAS_HOST" | awk '{print $1}' | grep -qx 127.0.0.1 ||
    die "$REGISTRY_ALIAS_HOST still does not resolve to 127.0.0.1"
}

up() {
  install_binaries
  ensure_hosts_alias
  if ! $IS_ROOT; then
    if answers; then return 0; fi
    echo "buildkit: note: no buildkitd answers at $BKD_HOST and this is not root; the standalone BuildKit tests need it" >&2
    return 0
  fi
  [[ -x "$RUNC" ]] || die "$RUNC is missing (Debian package runc)"
  ensure_certs
  mkdir -p "$BK_HOME"
  local content changed=false
  content="$(buildkitd_toml)"
  if [[ ! -f "$BKD_CONFIG" || "$(cat "$BKD_CONFIG")" != "$content" ]]; then
    printf '%s\n' "$content" >"$BKD_CONFIG.tmp"
    mv -f "$BKD_CONFIG.tmp" "$BKD_CONFIG"
    changed=true
  fi
  local inputs
  inputs="$(daemon_inputs)"
  if buildkitd_alive; then
    if ! $changed && [[ "$(cat "$BKD_STATEFILE" 2>/dev/null)" == "$inputs" ]] && answers; then
      check_daemon
      return 0
    fi
    say "restarting buildkitd (configuration, binaries or certificates changed, or not answering)"
    stop_buildkitd || die "could not stop the running buildkitd"
  else
    rm -f "$BKD_PIDFILE"
    if [[ -S "$BKD_SOCK" ]] && answers; then
      die "a buildkitd not started by this stack answers on $BKD_SOCK; stop it first"
    fi
  fi
  start_buildkitd
  echo "$inputs" >"$BKD_STATEFILE"
  check_daemon
}

down() {
  stop_buildkitd || {
    echo "buildkit: could not stop buildkitd" >&2
    return 1
  }
  local leftover
  leftover="$(pids_matching "$BKD_CONFIG")"
  if [[ -n "$leftover" ]]; then
    echo "buildkit: processes still running: $leftover" >&2
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------------
# The moby/buildkit-like image.
MANIFEST_ACCEPT="application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"
registry_digest() { # REPO REF -> the Docker-Content-Digest the registry answers with
  curl -sf --max-time 10 -I -H "Accept: $MANIFEST_ACCEPT" "http://$REGISTRY/v2/$1/manifests/$2" |
    tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }'
}
# The shared libraries runc needs, as ldd lists them (absolute paths; the vdso has none).
runc_libs() { ldd "$RUNC" | grep -o '/[^ ]*' | sort -u; }
busybox_static() {
  local b=/bin/busybox
  [[ -x "$b" ]] || die "$b is missing (Debian package busybox-static)"
  # Debian's busybox (dynamic) also installs /bin/busybox: insist on the static one.
  if ldd "$b" >/dev/null 2>&1; then die "$b is dynamically linked: install busybox-static"; fi
  echo "$b"
}

image_inputs() {
  local lib
  {
    echo "recipe $IMAGE_RECIPE_VERSION"
    cat "$IMAGE_SRC/Dockerfile"
    sha256_of "$BUILDKITD"
    sha256_of "$BUILDCTL"
    sha256_of "$RUNC"
    for lib in $(runc_libs); do echo "$lib $(sha256_of "$lib")"; done
    sha256_of "$(busybox_static)"
  } | sha256sum | cut -d' ' -f1
}

# prove_image REF: a privileged container of REF serves `buildctl debug workers` through docker exec.
prove_image() {
  local ref="$1" ctr="kiln-stack-buildkit-probe-$$" i ok=false out=""
  docker rm -f "$ctr" >/dev/null 2>&1 || true
  docker run -d --name "$ctr" --privileged "$ref" >/dev/null || die "docker run $ref failed"
  for ((i = 0; i < 120; i++)); do
    if out="$(docker exec "$ctr" buildctl debug workers 2>&1)"; then
      ok=true
      break
    fi
    [[ "$(docker inspect -f '{{.State.Running}}' "$ctr" 2>/dev/null)" == true ]] || break
    sleep 0.5
  done
  if ! $ok; then
    docker logs --tail 30 "$ctr" >&2 || true
    docker rm -f "$ctr" >/dev/null 2>&1 || true
    die "a container of $ref did not serve 'buildctl debug workers': $out"
  fi
  say "container of $ref answers: $(echo "$out" | tail -n +2 | tr -s ' ' | tr '\n' ' ')"
  docker rm -f "$ctr" >/dev/null
}

image() {
  [[ -x "$BUILDKITD" && -x "$BUILDCTL" ]] || die "buildkit binaries are not installed: run '$0 up' first"
  local hash ref=""
  hash="$(image_inputs)"
  if [[ "$(cat "$IMAGE_STAMP" 2>/dev/null)" == "$hash" ]] && ref="$(cat "$IMAGE_REF_FILE" 2>/dev/null)" &&
    [[ "$(registry_digest "$IMAGE_REPO" "$BUILDKIT_VERSION")" == "${ref##*@}" ]]; then
    return 0
  fi
  say "building $IMAGE from the installed binaries"
  local ctx="$STACK_DIR/build/buildkit-image" root lib
  rm -rf "$ctx"
  root="$ctx/rootfs"
  mkdir -p "$root"/{bin,usr/bin,etc/buildkit,tmp,run/buildkit,var/lib/buildkit,proc,sys,dev}
  cp "$IMAGE_SRC/Dockerfile" "$ctx/"
  cp "$BUILDKITD" "$BUILDCTL" "$root/usr/bin/"
  cp "$RUNC" "$root/usr/bin/runc"
  for lib in $(runc_libs); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib" # the file itself at the path the loader asks for, not a symlink into the host's tree
  done
  cp "$(busybox_static)" "$root/bin/busybox"
  local applet
  for applet in $("$root/bin/busybox" --list); do
    [[ "$applet" == busybox ]] && continue
    [[ -e "$root/bin/$applet" ]] || ln -s busybox "$root/bin/$applet"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  # The runc in the image must start (its libraries are complete) before buildkitd depends on it.
  if $IS_ROOT; then
    chroot "$root" /usr/bin/runc --version >/dev/null || die "runc does not run inside the assembled rootfs"
  fi
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf "$ctx/rootfs.tar" .
  rm -rf "$root"
  # SOURCE_DATE_EPOCH: a fixed image config timestamp, so the same inputs give the same digest.
  SOURCE_DATE_EPOCH=0 docker buildx build --builder default --platform "linux/$(go_arch)" --provenance=false \
    --sbom=false --push -t "$IMAGE" "$ctx"
  rm -rf "$ctx"
  local digest
  digest="$(registry_digest "$IMAGE_REPO" "$BUILDKIT_VERSION")"
  [[ "$digest" == sha256:* ]] || die "the registry has no manifest for $IMAGE after the push"
  ref="$IMAGE@$digest"
  prove_image "$ref"
  echo "$ref" >"$IMAGE_REF_FILE"
  echo "$hash" >"$IMAGE_STAMP"
  say "pushed $ref"
}

env_lines() {
  local image_ref=""
  image_ref="$(cat "$IMAGE_REF_FILE" 2>/dev/null || true)"
  printf '%s\n' \
    "KILN_BUILDKIT_VERSION=$BUILDKIT_VERSION" \
    "KILN_BUILDKIT_HOST=$BKD_HOST" \
    "KILN_BUILDKIT_TCP=$BKD_TCP" \
    "KILN_BUILDKIT_TLS_CA=$TLS_DIR/ca.pem" \
    "KILN_BUILDKIT_TLS_CERT=$BKD_CLIENT_CERT" \
    "KILN_BUILDKIT_TLS_KEY=$BKD_CLIENT_KEY" \
    "KILN_BUILDCTL=$BUILDCTL" \
    "KILN_BUILDKITD=$BUILDKITD" \
    "KILN_BUILDKIT_IMAGE=$image_ref" \
    "KILN_REGISTRY_ALIAS=$REGISTRY_ALIAS"
}

case "${1:-}" in
  up) up ;;
  image) image ;;
  down) down ;;
  env) env_lines ;;
  *) die "usage: $0 up|image|down|env" ;;
esac

#!/usr/bin/env bash
# A third Docker daemon with Docker's CLASSIC image store (overlay2, no containerd snapshotter), as on GitHub's
# hosted runners (docker-ce 28 on ubuntu-24.04). The stack's first two daemons use the containerd image store,
# which behaves differently where the action depends on it: classic `docker save` drops digest references and
# classic `docker load` reads only RepoTags (the runner cache of the BuildKit image), and the classic store's
# embedded BuildKit exports no gha/registry/local cache (issue 16).
#
#   scripts/stack/classic-daemon.sh up     start it unless it already runs with this configuration (idempotent)
#   scripts/stack/classic-daemon.sh down   stop it and the containerd it started, remove its bridge (idempotent)
#   scripts/stack/classic-daemon.sh host   print its DOCKER_HOST
#
# Everything the first daemon owns by default is separate (socket, pidfile, data root, exec root, containerd
# namespaces, cgroup parent, bridge), as for scripts/stack/second-daemon.sh, whose comments explain the choices:
# an own bridge because the Engine's BuildKit needs one for RUN steps, and --iptables=false so the host's firewall
# is never touched. Needs root; without root `up` only checks and notes that the daemon is missing.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKER3_SOCK="$KILN_GLOBAL_RUN/docker-classic.sock"
DOCKER3_HOST="unix://$DOCKER3_SOCK"
DOCKER3_PIDFILE="$KILN_GLOBAL_RUN/docker-classic.pid"
DOCKER3_EXEC_ROOT="$KILN_GLOBAL_RUN/docker-classic"
DOCKER3_CONFIG="$KILN_GLOBAL_RUN/docker-classic.json"
DOCKER3_DATA_ROOT="/var/lib/kiln-stack/docker-classic"
DOCKER3_BRIDGE="kiln-docker3"
DOCKER3_BRIDGE_ADDR="198.18.1.1/24"
DOCKER3_LOG="$STACK_LOGS/docker-classic.log"
# overlay2 is what GitHub's runners use; it needs a data root on a filesystem overlayfs accepts as upper (ext4,
# xfs). Where that fails (overlay-on-overlay in a container), KILN_CLASSIC_STORAGE_DRIVER=vfs is the fallback:
# both are classic graph drivers, which is all the tests depend on.
DOCKER3_DRIVER="${KILN_CLASSIC_STORAGE_DRIVER:-overlay2}"
DOCKER3_CONFIG_JSON="{ \"features\": { \"containerd-snapshotter\": false }, \"storage-driver\": \"$DOCKER3_DRIVER\" }"

IS_ROOT=false
[[ "$(id -u)" == 0 ]] && IS_ROOT=true

say() { echo "classic-daemon: $*"; }
die() {
  echo "classic-daemon: $*" >&2
  exit 1
}

reachable() { DOCKER_HOST="$DOCKER3_HOST" timeout 15 docker info -f '{{.ID}}' >/dev/null 2>&1; }
# The classic store reports its graph driver ("overlay2") in .Driver; the containerd store reports a snapshotter.
has_classic_store() {
  local status
  status="$(DOCKER_HOST="$DOCKER3_HOST" timeout 15 docker info -f '{{.Driver}} {{json .DriverStatus}}' 2>/dev/null)" ||
    return 1
  [[ "$status" == "$DOCKER3_DRIVER "* && "$status" != *io.containerd.snapshotter.v1* ]]
}
alive() { pidfile_alive "$DOCKER3_PIDFILE" "$DOCKER3_SOCK"; }
containerd_pids() { pids_matching "$DOCKER3_EXEC_ROOT/containerd/"; }

ensure_bridge() {
  if ! ip link show "$DOCKER3_BRIDGE" >/dev/null 2>&1; then
    ip link add "$DOCKER3_BRIDGE" type bridge
  fi
  if ! ip -4 addr show dev "$DOCKER3_BRIDGE" | grep -qF "inet $DOCKER3_BRIDGE_ADDR "; then
    ip addr flush dev "$DOCKER3_BRIDGE"
    ip addr add "$DOCKER3_BRIDGE_ADDR" dev "$DOCKER3_BRIDGE"
  fi
  ip link set "$DOCKER3_BRIDGE" up
}

start() {
  mkdir -p "$KILN_GLOBAL_RUN" "$STACK_LOGS" "$DOCKER3_DATA_ROOT"
  rm -f "$DOCKER3_PIDFILE"
  say "starting dockerd with the classic $DOCKER3_DRIVER store (log: $DOCKER3_LOG)"
  setsid dockerd \
    --config-file "$DOCKER3_CONFIG" \
    --host "$DOCKER3_HOST" \
    --pidfile "$DOCKER3_PIDFILE" \
    --data-root "$DOCKER3_DATA_ROOT" \
    --exec-root "$DOCKER3_EXEC_ROOT" \
    --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent kiln-docker-classic \
    --containerd-namespace kiln-docker-classic \
    --containerd-plugins-namespace kiln-docker-classic-plugins \
    --bridge "$DOCKER3_BRIDGE" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    >>"$DOCKER3_LOG" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 240; i++)); do
    reachable && break
    if ((i > 8)) && ! alive; then
      tail -n 30 "$DOCKER3_LOG" >&2 || true
      die "dockerd exited during startup (log: $DOCKER3_LOG)"
    fi
    sleep 0.25
  done
  if ! reachable; then
    tail -n 30 "$DOCKER3_LOG" >&2 || true
    die "dockerd did not answer on $DOCKER3_HOST within 60s (log: $DOCKER3_LOG)"
  fi
  has_classic_store || die "dockerd at $DOCKER3_HOST does not run the classic $DOCKER3_DRIVER image store"
}

stop() {
  local failed=0 pid
  if alive; then
    say "stopping dockerd (pid $(cat "$DOCKER3_PIDFILE"))"
    stop_pid "$(cat "$DOCKER3_PIDFILE")" 60 || failed=1
  fi
  rm -f "$DOCKER3_PIDFILE"
  for pid in $(containerd_pids); do
    stop_pid "$pid" 20 || failed=1
  done
  return "$failed"
}

up() {
  if ! $IS_ROOT; then
    reachable && return 0
    echo "classic-daemon: note: no classic-store Docker daemon at $DOCKER3_HOST and this is not root; the classic-store tests need it" >&2
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed"
  mkdir -p "$KILN_GLOBAL_RUN"
  local changed=false
  if [[ ! -f "$DOCKER3_CONFIG" || "$(cat "$DOCKER3_CONFIG")" != "$DOCKER3_CONFIG_JSON" ]]; then
    printf '%s\n' "$DOCKER3_CONFIG_JSON" >"$DOCKER3_CONFIG.tmp"
    mv "$DOCKER3_CONFIG.tmp" "$DOCKER3_CONFIG"
    changed=true
  fi
  ensure_bridge
  if alive; then
    if ! $changed && reachable && has_classic_store; then return 0; fi
    say "restarting dockerd (configuration changed or not answering)"
    stop || die "could not stop the running classic-store dockerd"
  else
    local pid
    for pid in $(containerd_pids); do stop_pid "$pid" 20 || die "could not stop stale containerd $pid"; done
  fi
  start
}

down() {
  local failed=0
  stop || failed=1
  if $IS_ROOT && ip link show "$DOCKER3_BRIDGE" >/dev/null 2>&1; then
    ip link del "$DOCKER3_BRIDGE" || failed=1
  fi
  local leftover
  leftover="$(pids_matching "$DOCKER3_EXEC_ROOT/")$(pids_matching "$DOCKER3_SOCK")"
  if [[ -n "$leftover" ]]; then
    echo "classic-daemon: processes still running: $leftover" >&2
    failed=1
  fi
  return "$failed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  host) echo "$DOCKER3_HOST" ;;
  *) die "usage: $0 up|down|host" ;;
esac

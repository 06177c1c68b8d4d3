#!/usr/bin/env bash
# A second Docker daemon, the second BuildKit node of the per-platform `nodes` tests (issue 5).
#
#   scripts/stack/second-daemon.sh up     start it unless it already runs with this configuration (idempotent)
#   scripts/stack/second-daemon.sh down   stop it and the containerd it started, remove its bridge (idempotent)
#
# It shares the machine with the stack's first dockerd, so everything that daemon owns by default is separate:
# socket, pidfile, data root (images, containerd content, BuildKit cache), exec root (its own containerd, netns,
# runc state), daemon.json and cgroup parent. It stays in the host's network namespace so that its BuildKit
# reaches the registries on 127.0.0.1 (127.0.0.0/8 is an insecure registry by default, as for the first daemon).
#
# Networking: the first daemon owns docker0 and its iptables chains. `--bridge=none` is not an option: the
# Engine's BuildKit runs every RUN step in a sandbox on the default network and fails with "network bridge not
# found" without one (moby builder-next executor_linux.go, bridgeProvider). So the daemon gets its own bridge
# (created here, from the RFC 2544 benchmark range that nothing else on a test machine uses) and
# `--iptables=false --ip-forward=false --ip-masq=false`, so it never touches the host's firewall or sysctls.
# RUN steps on this node have no route beyond the host; the tests' builds need none.
#
# Machine-wide like the first daemon: its pidfile and socket live in /run/kiln-stack, so any checkout's
# stack-down stops it. Needs root; without root `up` only checks and notes that the daemon is missing.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKER2_SOCK="$KILN_GLOBAL_RUN/docker2.sock"
DOCKER2_HOST="unix://$DOCKER2_SOCK"
DOCKER2_PIDFILE="$KILN_GLOBAL_RUN/docker2.pid"
DOCKER2_EXEC_ROOT="$KILN_GLOBAL_RUN/docker2"
DOCKER2_CONFIG="$KILN_GLOBAL_RUN/docker2.json"
DOCKER2_DATA_ROOT="/var/lib/kiln-stack/docker2"
DOCKER2_BRIDGE="kiln-docker2"
DOCKER2_BRIDGE_ADDR="198.18.0.1/24"
DOCKER2_LOG="$STACK_LOGS/dockerd2.log"
DOCKER2_CONFIG_JSON='{ "features": { "containerd-snapshotter": true } }'

IS_ROOT=false
[[ "$(id -u)" == 0 ]] && IS_ROOT=true

say() { echo "second-daemon: $*"; }
die() {
  echo "second-daemon: $*" >&2
  exit 1
}

reachable() { DOCKER_HOST="$DOCKER2_HOST" timeout 15 docker info -f '{{.ID}}' >/dev/null 2>&1; }
has_containerd_store() {
  local status
  status="$(DOCKER_HOST="$DOCKER2_HOST" timeout 15 docker info -f '{{json .DriverStatus}}' 2>/dev/null)" || return 1
  [[ "$status" == *io.containerd.snapshotter.v1* ]]
}
alive() { pidfile_alive "$DOCKER2_PIDFILE" "$DOCKER2_SOCK"; }

# The containerd a dockerd starts runs with `--config <exec-root>/containerd/containerd.toml`.
containerd_pids() { pids_matching "$DOCKER2_EXEC_ROOT/containerd/"; }

ensure_bridge() {
  if ! ip link show "$DOCKER2_BRIDGE" >/dev/null 2>&1; then
    ip link add "$DOCKER2_BRIDGE" type bridge
  fi
  if ! ip -4 addr show dev "$DOCKER2_BRIDGE" | grep -qF "inet $DOCKER2_BRIDGE_ADDR "; then
    ip addr flush dev "$DOCKER2_BRIDGE"
    ip addr add "$DOCKER2_BRIDGE_ADDR" dev "$DOCKER2_BRIDGE"
  fi
  ip link set "$DOCKER2_BRIDGE" up
}

# cgroupfs: with systemd's cgroup driver (cgroup v2 hosts such as GitHub's runners) dockerd accepts only a
# "*.slice" cgroup parent. Own containerd namespaces: where a system containerd exists, dockerd attaches to it, and
# the first daemon's "moby" namespace must not be shared.
start() {
  mkdir -p "$KILN_GLOBAL_RUN" "$STACK_LOGS" "$DOCKER2_DATA_ROOT"
  rm -f "$DOCKER2_PIDFILE" # dockerd refuses a pidfile naming a live process; a stale one is ours
  say "starting dockerd (log: $DOCKER2_LOG)"
  setsid dockerd \
    --config-file "$DOCKER2_CONFIG" \
    --host "$DOCKER2_HOST" \
    --pidfile "$DOCKER2_PIDFILE" \
    --data-root "$DOCKER2_DATA_ROOT" \
    --exec-root "$DOCKER2_EXEC_ROOT" \
    --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent kiln-docker2 \
    --containerd-namespace kiln-docker2 \
    --containerd-plugins-namespace kiln-docker2-plugins \
    --bridge "$DOCKER2_BRIDGE" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    >>"$DOCKER2_LOG" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 240; i++)); do
    reachable && break
    if ((i > 8)) && ! alive; then
      tail -n 30 "$DOCKER2_LOG" >&2 || true
      die "dockerd exited during startup (log: $DOCKER2_LOG)"
    fi
    sleep 0.25
  done
  if ! reachable; then
    tail -n 30 "$DOCKER2_LOG" >&2 || true
    die "dockerd did not answer on $DOCKER2_HOST within 60s (log: $DOCKER2_LOG)"
  fi
  has_containerd_store || die "dockerd at $DOCKER2_HOST runs without the containerd image store"
}

stop() {
  local failed=0 pid
  if alive; then
    say "stopping dockerd (pid $(cat "$DOCKER2_PIDFILE"))"
    stop_pid "$(cat "$DOCKER2_PIDFILE")" 60 || failed=1
  fi
  rm -f "$DOCKER2_PIDFILE"
  # dockerd stops the containerd it started; make sure, in case dockerd had to be killed.
  for pid in $(containerd_pids); do
    stop_pid "$pid" 20 || failed=1
  done
  return "$failed"
}

up() {
  if ! $IS_ROOT; then
    reachable && return 0
    echo "second-daemon: note: no second Docker daemon at $DOCKER2_HOST and this is not root; the nodes tests need it" >&2
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed"
  mkdir -p "$KILN_GLOBAL_RUN"
  local changed=false
  if [[ ! -f "$DOCKER2_CONFIG" || "$(cat "$DOCKER2_CONFIG")" != "$DOCKER2_CONFIG_JSON" ]]; then
    printf '%s\n' "$DOCKER2_CONFIG_JSON" >"$DOCKER2_CONFIG.tmp"
    mv "$DOCKER2_CONFIG.tmp" "$DOCKER2_CONFIG"
    changed=true
  fi
  ensure_bridge
  if alive; then
    if ! $changed && reachable && has_containerd_store; then return 0; fi
    say "restarting dockerd (configuration changed or not answering)"
    stop || die "could not stop the running second dockerd"
  else
    # A containerd left behind by a dockerd that died on its own would hold the exec root.
    local pid
    for pid in $(containerd_pids); do stop_pid "$pid" 20 || die "could not stop stale containerd $pid"; done
  fi
  start
}

down() {
  local failed=0
  stop || failed=1
  if $IS_ROOT && ip link show "$DOCKER2_BRIDGE" >/dev/null 2>&1; then
    ip link del "$DOCKER2_BRIDGE" || failed=1
  fi
  local leftover
  leftover="$(pids_matching "$DOCKER2_EXEC_ROOT/")$(pids_matching "$DOCKER2_SOCK")"
  if [[ -n "$leftover" ]]; then
    echo "second-daemon: processes still running: $leftover" >&2
    failed=1
  fi
  return "$failed"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  host) echo "$DOCKER2_HOST" ;;
  *) die "usage: $0 up|down|host" ;;
esac

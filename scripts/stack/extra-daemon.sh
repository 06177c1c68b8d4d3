# An extra Docker daemon beside the stack's first one (sourced by second-daemon.sh and classic-daemon.sh, which set
# XD_NAME, XD_ID, XD_BRIDGE, XD_BRIDGE_ADDR, XD_CONFIG_JSON, XD_PURPOSE and define has_expected_store, then call
# extra_daemon_main "$@").
#
# It shares the machine with the stack's first dockerd, so everything that daemon owns by default is separate:
# socket, pidfile, data root (images, containerd content, BuildKit cache), exec root (its own containerd, netns,
# runc state), daemon.json, cgroup parent and containerd namespaces. It stays in the host's network namespace so
# that its BuildKit reaches the registries on 127.0.0.1 (127.0.0.0/8 is an insecure registry by default).
#
# Networking: the first daemon owns docker0 and its iptables chains. `--bridge=none` is not an option: the
# Engine's BuildKit runs every RUN step in a sandbox on the default network and fails with "network bridge not
# found" without one (moby builder-next executor_linux.go, bridgeProvider). So the daemon gets its own bridge
# (created here, from the RFC 2544 benchmark range that nothing else on a test machine uses) and
# `--iptables=false --ip-forward=false --ip-masq=false`, so it never touches the host's firewall or sysctls.
# RUN steps on it have no route beyond the host; the tests' builds need none.
#
# Machine-wide like the first daemon: its pidfile and socket live in /run/kiln-stack, so any checkout's
# stack-down stops it. Needs root; without root `up` only checks and notes that the daemon is missing.
# shellcheck shell=bash disable=SC2034

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

XD_SOCK="$KILN_GLOBAL_RUN/$XD_ID.sock"
XD_HOST="unix://$XD_SOCK"
XD_PIDFILE="$KILN_GLOBAL_RUN/$XD_ID.pid"
XD_EXEC_ROOT="$KILN_GLOBAL_RUN/$XD_ID"
XD_CONFIG="$KILN_GLOBAL_RUN/$XD_ID.json"
XD_DATA_ROOT="/var/lib/kiln-stack/$XD_ID"
XD_LOG="$STACK_LOGS/$XD_ID.log"

IS_ROOT=false
[[ "$(id -u)" == 0 ]] && IS_ROOT=true

say() { echo "$XD_NAME: $*"; }
die() {
  echo "$XD_NAME: $*" >&2
  exit 1
}

reachable() { DOCKER_HOST="$XD_HOST" timeout 15 docker info -f '{{.ID}}' >/dev/null 2>&1; }
alive() { pidfile_alive "$XD_PIDFILE" "$XD_SOCK"; }

# The containerd a dockerd starts runs with `--config <exec-root>/containerd/containerd.toml`.
containerd_pids() { pids_matching "$XD_EXEC_ROOT/containerd/"; }

ensure_bridge() {
  if ! ip link show "$XD_BRIDGE" >/dev/null 2>&1; then
    ip link add "$XD_BRIDGE" type bridge
  fi
  if ! ip -4 addr show dev "$XD_BRIDGE" | grep -qF "inet $XD_BRIDGE_ADDR "; then
    ip addr flush dev "$XD_BRIDGE"
    ip addr add "$XD_BRIDGE_ADDR" dev "$XD_BRIDGE"
  fi
  ip link set "$XD_BRIDGE" up
}

# cgroupfs: with systemd's cgroup driver (cgroup v2 hosts such as GitHub's runners) dockerd accepts only a
# "*.slice" cgroup parent. Own containerd namespaces: where a system containerd exists, dockerd attaches to it, and
# the first daemon's "moby" namespace must not be shared.
start() {
  mkdir -p "$KILN_GLOBAL_RUN" "$STACK_LOGS" "$XD_DATA_ROOT"
  rm -f "$XD_PIDFILE" # dockerd refuses a pidfile naming a live process; a stale one is ours
  say "starting dockerd (log: $XD_LOG)"
  setsid dockerd \
    --config-file "$XD_CONFIG" \
    --host "$XD_HOST" \
    --pidfile "$XD_PIDFILE" \
    --data-root "$XD_DATA_ROOT" \
    --exec-root "$XD_EXEC_ROOT" \
    --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent "kiln-$XD_ID" \
    --containerd-namespace "kiln-$XD_ID" \
    --containerd-plugins-namespace "kiln-$XD_ID-plugins" \
    --bridge "$XD_BRIDGE" \
    --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    >>"$XD_LOG" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 240; i++)); do
    reachable && break
    if ((i > 8)) && ! alive; then
      tail -n 30 "$XD_LOG" >&2 || true
      die "dockerd exited during startup (log: $XD_LOG)"
    fi
    sleep 0.25
  done
  if ! reachable; then
    tail -n 30 "$XD_LOG" >&2 || true
    die "dockerd did not answer on $XD_HOST within 60s (log: $XD_LOG)"
  fi
  has_expected_store || die "dockerd at $XD_HOST does not run the expected image store ($XD_CONFIG_JSON)"
}

stop() {
  local failed=0 pid
  if alive; then
    say "stopping dockerd (pid $(cat "$XD_PIDFILE"))"
    stop_pid "$(cat "$XD_PIDFILE")" 60 || failed=1
  fi
  rm -f "$XD_PIDFILE"
  # dockerd stops the containerd it started; make sure, in case dockerd had to be killed.
  for pid in $(containerd_pids); do
    stop_pid "$pid" 20 || failed=1
  done
  return "$failed"
}

up() {
  if ! $IS_ROOT; then
    reachable && return 0
    echo "$XD_NAME: note: no Docker daemon at $XD_HOST and this is not root; $XD_PURPOSE" >&2
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || die "dockerd is not installed"
  mkdir -p "$KILN_GLOBAL_RUN"
  local changed=false
  if [[ ! -f "$XD_CONFIG" || "$(cat "$XD_CONFIG")" != "$XD_CONFIG_JSON" ]]; then
    printf '%s\n' "$XD_CONFIG_JSON" >"$XD_CONFIG.tmp"
    mv "$XD_CONFIG.tmp" "$XD_CONFIG"
    changed=true
  fi
  ensure_bridge
  if alive; then
    if ! $changed && reachable && has_expected_store; then return 0; fi
    say "restarting dockerd (configuration changed or not answering)"
    stop || die "could not stop the running dockerd"
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
  if $IS_ROOT && ip link show "$XD_BRIDGE" >/dev/null 2>&1; then
    ip link del "$XD_BRIDGE" || failed=1
  fi
  local leftover
  leftover="$(pids_matching "$XD_EXEC_ROOT/")$(pids_matching "$XD_SOCK")"
  if [[ -n "$leftover" ]]; then
    echo "$XD_NAME: processes still running: $leftover" >&2
    failed=1
  fi
  return "$failed"
}

extra_daemon_main() {
  case "${1:-}" in
    up) up ;;
    down) down ;;
    host) echo "$XD_HOST" ;;
    *) die "usage: $0 up|down|host" ;;
  esac
}

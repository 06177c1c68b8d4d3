#!/usr/bin/env bash
# Stops everything scripts/stack-up.sh started: the registries, Azurite and s3rver of this checkout, the
# standalone buildkitd, and dockerd (with the containerd it spawned) only if the stack started it. Data under
# .stack/ is kept, so the next stack-up is quick. Idempotent. Verifies that none of the stack's processes remain.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=stack/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/stack/lib.sh"
cd "$KILN_ROOT"

failed=0
stopped=()

for name in "${!KILN_SERVICES[@]}"; do
  file="$STACK_RUN/$name.pid"
  if pidfile_alive "$file" ""; then
    if stop_pidfile "$file" "" 10; then stopped+=("$name"); else
      echo "stack-down: could not stop $name (pid $(cat "$file"))" >&2
      failed=1
    fi
  else
    rm -f "$file"
  fi
done

# The standalone buildkitd (machine-wide, like dockerd; its state stays in /var/lib/kiln-stack/buildkitd).
if pidfile_alive "$KILN_GLOBAL_RUN/buildkitd.pid" buildkitd; then stopped+=(buildkitd); fi
bash "$KILN_ROOT/scripts/stack/buildkit.sh" down || failed=1

# The second daemon first: the check below for leftover dockerd processes would count it.
bash "$KILN_ROOT/scripts/stack/second-daemon.sh" down || failed=1
bash "$KILN_ROOT/scripts/stack/classic-daemon.sh" down || failed=1

if pidfile_alive "$DOCKERD_PIDFILE" dockerd; then
  containerd_pid=""
  pidfile_alive "$CONTAINERD_PIDFILE" containerd && containerd_pid="$(cat "$CONTAINERD_PIDFILE")"
  if stop_pidfile "$DOCKERD_PIDFILE" dockerd 60; then stopped+=(dockerd); else
    echo "stack-down: could not stop dockerd" >&2
    failed=1
  fi
  # dockerd stops the containerd it started; make sure, in case dockerd had to be killed.
  if [[ -n "$containerd_pid" ]] && pid_running "$containerd_pid"; then
    stop_pid "$containerd_pid" 20 || failed=1
  fi
  rm -f "$CONTAINERD_PIDFILE"
else
  rm -f "$DOCKERD_PIDFILE"
  # containerd left behind by a dockerd that died on its own.
  if pidfile_alive "$CONTAINERD_PIDFILE" /var/run/docker/containerd/; then
    stop_pid "$(cat "$CONTAINERD_PIDFILE")" 20 && stopped+=(containerd) || failed=1
  fi
  rm -f "$CONTAINERD_PIDFILE"
fi

# Verify: nothing that runs from this checkout's .stack/ and, if we owned dockerd, no daemon of ours remains.
leftover=()
for pid in $(pids_matching "$STACK_DIR/"); do
  leftover+=("$pid: $(pid_cmdline "$pid")")
done
if [[ " ${stopped[*]-} " == *" dockerd "* ]]; then
  for pid in $(pids_matching /var/run/docker/containerd/) $(pgrep -x dockerd || true); do
    pid_running "$pid" && leftover+=("$pid: $(pid_cmdline "$pid")")
  done
fi
if ((${#leftover[@]} > 0)); then
  echo "stack-down: processes still running:" >&2
  printf '  %s\n' "${leftover[@]}" >&2
  failed=1
fi

if ((failed)); then
  echo "stack-down: FAILED" >&2
  exit 1
fi
if ((${#stopped[@]} > 0)); then
  echo "stack-down: stopped ${stopped[*]}"
else
  echo "stack-down: nothing was running"
fi

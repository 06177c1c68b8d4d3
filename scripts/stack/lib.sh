# Shared helpers for scripts/stack-up.sh and scripts/stack-down.sh (sourced, not executed).
# shellcheck shell=bash disable=SC2034

KILN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STACK_DIR="$KILN_ROOT/.stack"
STACK_LOGS="$STACK_DIR/logs"
STACK_RUN="$STACK_DIR/run"
# dockerd is a machine-wide singleton: whichever checkout started it records it here, so that a stack-up in a
# fresh clone (CI) adopts it instead of mistaking it for a foreign daemon, and any stack-down can stop it.
KILN_GLOBAL_RUN="/run/kiln-stack"
DOCKERD_PIDFILE="$KILN_GLOBAL_RUN/dockerd.pid"
CONTAINERD_PIDFILE="$KILN_GLOBAL_RUN/containerd.pid"
DOCKER_SOCK_HOST="unix:///var/run/docker.sock"

# Background services started from this checkout: name -> "port".
declare -A KILN_SERVICES=(
  [registry-plain]=5000
  [registry-auth]=5001
  [registry-tls]=5002
  [azurite]=10000
  [s3]=9000
  [github-emulator]=10090
)

# pid_cmdline PID: the process's command line with spaces, empty if it does not exist.
pid_cmdline() {
  [[ -r "/proc/$1/cmdline" ]] || return 0
  tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true
}

# pid_running PID: exists and is not a zombie (this machine's init reaps orphans only after a while).
pid_running() {
  kill -0 "$1" 2>/dev/null || return 1
  [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]]
}

# pidfile_alive FILE PATTERN: true if FILE names a live process whose command line contains PATTERN.
pidfile_alive() {
  local file="$1" pattern="$2" pid
  [[ -s "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_running "$pid" || return 1
  [[ "$(pid_cmdline "$pid")" == *"$pattern"* ]]
}

# stop_pid PID [TIMEOUT_SECONDS]: SIGTERM, wait, then SIGKILL. Returns once the process is gone.
stop_pid() {
  local pid="$1" timeout="${2:-10}" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  return 1
}

# stop_pidfile FILE PATTERN [TIMEOUT]: stops the process FILE names (if it is alive and matches), removes FILE.
stop_pidfile() {
  local file="$1" pattern="$2" timeout="${3:-10}"
  if pidfile_alive "$file" "$pattern"; then
    stop_pid "$(cat "$file")" "$timeout" || return 1
  fi
  rm -f "$file"
}

# port_listener_pid PORT: pid of the process listening on 127.0.0.1/0.0.0.0:PORT (empty if none).
port_listener_pid() {
  ss -ltnpH "( sport = :$1 )" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true
}

port_listening() {
  [[ -n "$(ss -ltnH "( sport = :$1 )" 2>/dev/null)" ]]
}

# Child processes of PID (direct children only).
child_pids() {
  local parent="$1" stat pid ppid
  for stat in /proc/[0-9]*/stat; do
    read -r pid _ _ ppid _ 2>/dev/null <"$stat" || continue
    [[ "$ppid" == "$parent" ]] && echo "$pid"
  done
  return 0
}

# Pids of live processes whose command line contains STRING (excluding this shell and its parents).
pids_matching() {
  local needle="$1" d pid
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
    [[ "$(pid_cmdline "$pid")" == *"$needle"* ]] && pid_running "$pid" && echo "$pid"
  done
  return 0
}

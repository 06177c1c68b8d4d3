#!/usr/bin/env bash
# A second Docker daemon (containerd image store), the second BuildKit node of the per-platform `nodes` tests.
#
#   scripts/stack/second-daemon.sh up     start it unless it already runs with this configuration (idempotent)
#   scripts/stack/second-daemon.sh down   stop it and the containerd it started, remove its bridge (idempotent)
#   scripts/stack/second-daemon.sh host   print its DOCKER_HOST
#
# How it is kept apart from the first daemon: scripts/stack/extra-daemon.sh.
set -euo pipefail

XD_NAME=second-daemon
XD_ID=docker2
XD_BRIDGE=kiln-docker2
XD_BRIDGE_ADDR=198.18.0.1/24
XD_CONFIG_JSON='{ "features": { "containerd-snapshotter": true } }'
XD_PURPOSE="the nodes tests need it"

# shellcheck source-path=SCRIPTDIR source=extra-daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/extra-daemon.sh"

has_expected_store() {
  local status
  status="$(DOCKER_HOST="$XD_HOST" timeout 15 docker info -f '{{json .DriverStatus}}' 2>/dev/null)" || return 1
  [[ "$status" == *io.containerd.snapshotter.v1* ]]
}

extra_daemon_main "$@"

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
# How it is kept apart from the first daemon: scripts/stack/extra-daemon.sh.
set -euo pipefail

# overlay2 is what GitHub's runners use; it needs a data root on a filesystem overlayfs accepts as upper (ext4,
# xfs). Where that fails (overlay-on-overlay in a container), KILN_CLASSIC_STORAGE_DRIVER=vfs is the fallback:
# both are classic graph drivers, which is all the tests depend on.
CLASSIC_DRIVER="${KILN_CLASSIC_STORAGE_DRIVER:-overlay2}"

XD_NAME=classic-daemon
XD_ID=docker-classic
XD_BRIDGE=kiln-docker3
XD_BRIDGE_ADDR=198.18.1.1/24
XD_CONFIG_JSON="{ \"features\": { \"containerd-snapshotter\": false }, \"storage-driver\": \"$CLASSIC_DRIVER\" }"
XD_PURPOSE="the classic-store tests need it"

# shellcheck source-path=SCRIPTDIR source=extra-daemon.sh
source "$(dirname "${BASH_SOURCE[0]}")/extra-daemon.sh"

# The classic store reports its graph driver ("overlay2") in .Driver; the containerd store reports a snapshotter.
has_expected_store() {
  local status
  status="$(DOCKER_HOST="$XD_HOST" timeout 15 docker info -f '{{.Driver}} {{json .DriverStatus}}' 2>/dev/null)" ||
    return 1
  [[ "$status" == "$CLASSIC_DRIVER "* && "$status" != *io.containerd.snapshotter.v1* ]]
}

extra_daemon_main "$@"

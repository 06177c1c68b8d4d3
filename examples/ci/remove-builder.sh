#!/usr/bin/env bash
# Removes every Kiln docker-container builder on this machine with its state volume (kiln_buildkit_<name> and
# kiln_buildkit_<name>_state), so that the next build starts a fresh BuildKit with an empty local cache.
set -euo pipefail
docker ps -a --filter name=kiln_buildkit_ --format '{{.Names}} {{.Status}}'
mapfile -t ids < <(docker ps -aq --filter name=kiln_buildkit_)
if ((${#ids[@]} > 0)); then docker rm -f "${ids[@]}"; fi
mapfile -t vols < <(docker volume ls -q --filter name=kiln_buildkit_)
if ((${#vols[@]} > 0)); then docker volume rm "${vols[@]}"; fi
if [[ -n "$(docker ps -aq --filter name=kiln_buildkit_)" ]]; then
  echo "remove-builder: a Kiln builder is still there" >&2
  exit 1
fi

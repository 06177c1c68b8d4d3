#!/usr/bin/env bash
# Prints an image reference pinned to the digest Docker Hub serves for it now, e.g.
#   bash examples/ci/pin-base.sh library/alpine 3.20   ->   alpine:3.20@sha256:...
# Jobs that compare digests across builders pass this as the BASE build arg, so that a new alpine published
# between two builds cannot make them differ. A HEAD request, which Docker Hub does not count against pull limits.
set -euo pipefail
repo="${1:-library/alpine}"
tag="${2:-3.20}"
token="$(curl -fsSL --retry 3 "https://auth.docker.io/token?service=registry.docker.io&scope=repository:${repo}:pull" |
  jq -r .token)"
digest="$(curl -fsSI --retry 3 \
  -H "Authorization: Bearer ${token}" \
  -H 'Accept: application/vnd.oci.image.index.v1+json' \
  -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
  "https://registry-1.docker.io/v2/${repo}/manifests/${tag}" |
  tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')"
if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "pin-base: could not resolve ${repo}:${tag} on Docker Hub" >&2
  exit 1
fi
echo "${repo#library/}:${tag}@${digest}"

#!/usr/bin/env bash
# Reads an image index back from a registry over its HTTP API and prints, as JSON,
#   { "digest": <sha256 of the index as served>, "platforms": { "linux/amd64": <manifest digest>, ... },
#     "attestations": <number of attestation manifests> }
# Usage: bash examples/ci/platform-digests.sh localhost:5000 kiln-ci/app <tag>    (plain http: a local registry)
set -euo pipefail
registry="$1"
repo="$2"
ref="$3"
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
curl -fsS --retry 3 -o "$body" \
  -H 'Accept: application/vnd.oci.image.index.v1+json' \
  -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' \
  "http://${registry}/v2/${repo}/manifests/${ref}"
digest="sha256:$(sha256sum "$body" | cut -d' ' -f1)"
# Platform keys as os/arch[/variant], with arm64's implied v8 dropped (containerd platforms.Normalize).
jq -c --arg digest "$digest" '
  def key: [.os, .architecture, (if .architecture == "arm64" and .variant == "v8" then null else .variant end)]
    | map(select(. != null and . != "")) | join("/");
  if (.manifests | type) != "array" then error("not an image index: \(.mediaType)") else . end
  | {
      digest: $digest,
      platforms: ([.manifests[] | select(.platform.os != "unknown") | {key: (.platform | key), value: .digest}]
        | from_entries),
      attestations: ([.manifests[] | select(.annotations["vnd.docker.reference.type"] == "attestation-manifest")]
        | length)
    }' "$body"

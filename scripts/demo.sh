#!/usr/bin/env bash
# The README's first command: a real two-platform (linux/amd64 + linux/arm64 under QEMU) attested build of
# examples/hello on Kiln's default driver (docker-container: a standalone BuildKit v0.26.3 container Kiln starts,
# from the stack's moby/buildkit-like image), pushed to the local registry by the committed CLI bundle; prints
# digests and buildinfo.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
bash scripts/stack-up.sh
set -a
# shellcheck disable=SC1091
. .stack/env
set +a
node dist/cli/index.js build \
  --driver docker-container \
  --driver-opt "image=$KILN_BUILDKIT_IMAGE,network=host" \
  --platform linux/amd64,linux/arm64 \
  --tag "$KILN_REGISTRY/kiln/demo:latest" \
  --push \
  --sbom-generator "$KILN_SBOM_GENERATOR" \
  --build-arg "BASE=$KILN_BASE_IMAGE" \
  examples/hello
